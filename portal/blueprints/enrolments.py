"""The operator's enrolments in the private space: « Gérer mes demandes d'enrôlement ». Thin
views: the query string → services/tables.py on the account's own rows → render."""
from flask import Blueprint, abort, g, request, send_file

from portal.auth import operator_required
from portal.htmx import render, wants_fragment
from portal.models import Document
from portal.services import enrolment_record, operator_enrolments, operator_record, storage, tables
from portal.services.documents import TYPES

bp = Blueprint("enrolments", __name__, url_prefix="/espace/enrolements")


@bp.get("/")
@operator_required
def index():
    view = tables.read(operator_enrolments.TABLE, operator_enrolments.own(g.account), request.args)
    return render("enrolments/index.html", "results", view=view, fragment=wants_fragment())


def own_enrolment(number: str):
    """The signed-in operator's enrolment of that number; 404 for anyone else's."""
    return operator_enrolments.find(g.account, number) or abort(404)


@bp.get("/<number>")
@operator_required
def show(number):
    enrolment = own_enrolment(number)
    return render("enrolments/show.html", enrolment=enrolment,
                  sections=operator_record.sections(enrolment),
                  documents=enrolment_record.documents(enrolment),
                  history=operator_record.history(enrolment), doc_types=TYPES)


@bp.get("/<number>/documents/<int:document_id>")
@operator_required
def document(number, document_id):
    enrolment = own_enrolment(number)
    document = enrolment.documents.where(Document.id == document_id).first() or abort(404)
    try:
        return send_file(storage.path_of(document), mimetype=document.content_type,
                         as_attachment=True, download_name=document.original_name, max_age=0)
    except FileNotFoundError:
        abort(404)
