"""Changes of natural persons asked by operators, instructed in the back-office. Staff only;
thin views: form → services/persons."""
from flask import Blueprint, abort, request, url_for

from portal.auth import staff_required
from portal.blueprints import decisions
from portal.downloads import download
from portal.forms.account import DecisionForm
from portal.htmx import render
from portal.models import PersonChange
from portal.services import persons
from portal.services.documents import TYPES
from portal.services.paging import page_number

bp = Blueprint("account_requests", __name__, url_prefix="/gestion/demandes-de-modification")


@bp.get("/")
@staff_required
def queue():
    return render("account_requests/queue.html", page=persons.pending(page_number(request.args)))


def _change(change_id: int) -> PersonChange:
    return PersonChange.get_or_none(PersonChange.id == change_id) or abort(404)


def _show(change, form, errors=None, status=200):
    return render("account_requests/show.html", "decision", status=status, change=change,
                  form=form, errors=errors or {}, history=persons.events(change),
                  documents=persons.documents(change), doc_types=TYPES,
                  in_force=persons.current(change.account),
                  decide_url=change.pending and url_for("account_requests.decide", change_id=change.id))


@bp.get("/<int:change_id>")
@staff_required
def show(change_id):
    return _show(_change(change_id), DecisionForm(formdata=None))


@bp.post("/<int:change_id>")
@staff_required
def decide(change_id):
    return decisions.decide(_change(change_id), persons.decide, _show,
                            url_for("account_requests.show", change_id=change_id),
                            "La demande de modification")


@bp.get("/<int:change_id>/documents/<kind>")
@staff_required
def document(change_id, kind):
    return download(persons.documents(_change(change_id)).get(kind))
