"""Kept as one types (services/core/autosave): the long forms of the private space send what they
hold here one second after the last keystroke, unchecked; the page shows it back when it opens."""
from flask import Blueprint, abort, g, get_template_attribute, request

from portal.blueprints.operator.company import choice
from portal.forms.operator.account import NewBankDetailForm, PersonsForm
from portal.forms.operator.funding import BalanceForm
from portal.forms.public.wizard import ComplementaryForm
from portal.services.core import autosave
from portal.services.funding import requests as funding

bp = Blueprint("typed", __name__, url_prefix="/espace/brouillon")
FORMS = {"persons": PersonsForm, "bank_details": NewBankDetailForm,
         "complementary": ComplementaryForm, "balance": BalanceForm}


def kept_under(form: str) -> str:
    """The balance's values are kept per enrolment, one of the account's own; the persons' and
    the bank details' per company (the one chosen: what is typed for a client is never shown
    on another client's form)."""
    if form == "balance":
        enrolment = funding.exact(g.account, request.args.get("enrolement")) or abort(404)
        return funding.balance_draft(enrolment)
    if form in ("persons", "bank_details"):
        return autosave.name(form, choice().siret or "")
    return form


@bp.post("/<form>")
def keep(form):
    form_class = FORMS.get(form) or abort(404)
    under = kept_under(form)
    before = autosave.restore(g.account, under)
    return saved_line(autosave.keep(g.account, under, autosave.typed(
        form_class(formdata=None), request.form, before.values if before else None)))


def saved_line(at):
    """« Brouillon enregistré à 14 h 32 » alone (components/autosave.html)."""
    return get_template_attribute("components/autosave.html", "saved")(at)
