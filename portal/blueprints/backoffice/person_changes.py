"""Changes of natural persons asked by operators, instructed in the back-office. Staff only;
thin views: form → services/persons."""
from flask import Blueprint, abort, request, url_for

from portal.blueprints.backoffice import decisions
from portal.downloads import download
from portal.forms.operator.account import DecisionForm
from portal.htmx import render, wants_fragment
from portal.models import PersonChange
from portal.services.account import persons, queues
from portal.services.core.document_types import TYPES
from portal.services.core import tables

bp = Blueprint("person_changes", __name__, url_prefix="/demandes-de-modification")


@bp.get("/")
def queue():
    view = tables.read(queues.PERSON_CHANGES, queues.person_changes(), request.args)
    return render("backoffice/person_changes/queue.html", "results", view=view, fragment=wants_fragment())


def _change(change_id: int) -> PersonChange:
    return queues.person_change(change_id) or abort(404)


def _show(change, form, errors=None, status=200):
    return render("backoffice/person_changes/show.html", "decision", status=status, change=change,
                  form=form, errors=errors or {}, history=persons.events(change),
                  documents=persons.documents(change), doc_types=TYPES,
                  in_force=persons.current(change.account, change.siret),
                  decide_url=change.pending and url_for("backoffice.person_changes.decide", change_id=change.id))


@bp.get("/<int:change_id>")
def show(change_id):
    return _show(_change(change_id), DecisionForm(formdata=None))


@bp.post("/<int:change_id>")
def decide(change_id):
    return decisions.decide(_change(change_id), persons.WORKFLOW, _show,
                            url_for("backoffice.person_changes.show", change_id=change_id),
                            "La demande de modification")


@bp.get("/<int:change_id>/documents/<kind>")
def document(change_id, kind):
    return download(persons.documents(_change(change_id)).get(kind))
