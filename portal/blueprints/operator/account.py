"""« Mon compte »: the operator's bank details and natural persons. Thin views: form →
services/bank_details or services/persons."""
from flask import Blueprint, abort, flash, g, request, url_for

from portal.blueprints.operator.company import choice
from portal.blueprints.operator.typed import kept_under
from portal.downloads import download
from portal.forms import refuse_too_long
from portal.forms.operator.account import NewBankDetailForm, PersonsForm
from portal.htmx import render, see_other
from portal.models import BankDetail
from portal.services.account import bank_details, persons
from portal.services.core import autosave, kept_files
from portal.services.core.document_types import TYPES
from portal.services.core.errors import Refused

bp = Blueprint("account", __name__, url_prefix="/mon-compte")


@bp.get("/coordonnees-bancaires", endpoint="bank_details")
def bank_details_page():
    return render("operator/account/bank_details.html", companies=choice(),
                  **bank_details.page(g.account, choice().chosen))


def _form_page(form, errors=None, documents=None, status=200, saved_at=None):
    return render("operator/account/bank_form.html", "bank_form", status=status, form=form,
                  errors=errors or {}, rib=(documents or {}).get("rib"), saved_at=saved_at,
                  company=choice().enrolment, companies=choice(), doc_types=TYPES)


def _filed(form, kinds, send, redraw, done: str, endpoint: str, typed: str):
    """A form of « Mon compte » sent with its files: `send(taken)` keeps the request (raises
    Refused) and what was `typed` in it is no longer pending, else the form is drawn again (422)
    with what was typed and the files kept."""
    taken = kept_files.take_all(g.account, form, kinds, request.files)
    try:
        refuse_too_long(form)
        send(taken)
    except Refused as exc:
        return redraw(form, exc.errors, taken.documents, 422)
    autosave.clear(g.account, typed)
    flash(f"{done} est enregistrée : elle est en attente de validation par l'ASP. Un courriel "
          "vous le confirme.", "success")
    return see_other(url_for(endpoint), whole_page=True)


@bp.route("/coordonnees-bancaires/ajout", methods=["GET", "POST"])
def bank_details_new():
    if request.method == "GET":
        kept, saved_at = autosave.pending(g.account, kept_under("bank_details"))
        return _form_page(NewBankDetailForm(formdata=kept), saved_at=saved_at)
    form = NewBankDetailForm()
    return _filed(form, ["rib"], lambda taken: bank_details.add(
        g.account, choice().siret, form.data, taken.documents["rib"], taken.refused), _form_page,
        "Votre coordonnée bancaire", "operator.account.bank_details", kept_under("bank_details"))


@bp.get("/coordonnees-bancaires/<int:detail_id>/rib")
def bank_rib(detail_id):
    detail = BankDetail.get_or_none(BankDetail.id == detail_id, BankDetail.account == g.account)
    return download(detail.rib if detail else None)


def _persons_page(form, errors=None, documents=None, status=200):
    shown, saved_at = persons.page(g.account, choice().chosen), None
    if form is None and shown["current"]:
        kept, saved_at = autosave.pending(g.account, kept_under("persons"))
        form = PersonsForm(formdata=kept, data=shown["current"].as_dict())
    return render("operator/account/persons.html", "persons_form", status=status, form=form,
                  errors=errors or {}, documents=documents or {}, saved_at=saved_at, **shown,
                  companies=choice(), doc_types=TYPES)


@bp.route("/personnes-physiques", methods=["GET", "POST"], endpoint="persons")
def persons_page():
    if request.method == "GET":
        return _persons_page(None)
    if persons.current(g.account, choice().siret) is None:
        abort(404)
    form = PersonsForm()
    return _filed(form, persons.DOCUMENT_FIELDS, lambda taken: persons.ask(
        g.account, choice().siret, form.data, taken.documents, taken.refused), _persons_page,
        "Votre demande de modification", "operator.account.persons", kept_under("persons"))
