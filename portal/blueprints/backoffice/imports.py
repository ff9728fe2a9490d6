"""The JSON imports in the back-office (/gestion/importations): the list, one import (its facts,
its requests, its output JSON, its thread, notes and follow-up). Staff only (the back-office's
guard); thin views: services/imports/staff → render."""
from flask import Blueprint, abort, request

from portal.blueprints import messaging
from portal.downloads import json_download
from portal.htmx import render, wants_fragment
from portal.models.funding import KIND_LABELS
from portal.models.messages import IMPORT
from portal.services.core import tables
from portal.services.core.document_types import TYPES
from portal.services.imports import output as output_json, staff
from portal.services.manager.dashboard import corridor_choices

bp = Blueprint("imports", __name__, url_prefix="/importations")


@bp.get("/")
def index():
    view = tables.read(staff.table(corridor_choices()), staff.rows(), request.args)
    return render("backoffice/imports/index.html", "results", view=view,
                  fragment=wants_fragment(), kind_labels=KIND_LABELS)


def _import(import_id: int):
    return staff.one(import_id) or abort(404)


@bp.get("/<int:import_id>")
def show(import_id):
    json_import = _import(import_id)
    return render("backoffice/imports/show.html", json_import=json_import,
                  requests=staff.requests(json_import), kind_label=staff.kind_label(json_import),
                  doc_types=TYPES, **messaging.tools(IMPORT, json_import))


@bp.get("/<int:import_id>/json-de-sortie")
def output(import_id):
    """The output JSON of the import, as an attachment."""
    return json_download(output_json.output_file(_import(import_id)))
