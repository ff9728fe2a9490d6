"""The company the private space is about, for an account holding enrolments of several SIRETs:
the chooser's form (POST, then back to the screen it was sent from) and the choice kept in the
session. Thin: services/account/companies.py checks every SIRET against the account's own."""
from flask import Blueprint, flash, g, request, session, url_for

from portal.htmx import see_other
from portal.services.account import companies
from portal.services.account.sign_in import safe_next

SESSION_KEY = "company_siret"

bp = Blueprint("company", __name__, url_prefix="/espace/entreprise")


def choice() -> companies.Choice:
    """The account's companies and the one chosen (read once per request)."""
    if "company_choice" not in g:
        g.company_choice = companies.choice(g.account, session.get(SESSION_KEY))
    return g.company_choice


def follow(siret: str) -> None:
    """A screen opened on a dossier of another of the account's companies (a link names it):
    that company becomes the chosen one, so that the chooser and the next screens agree."""
    if siret != choice().siret and companies.owned(g.account, siret):
        session[SESSION_KEY] = siret
        g.pop("company_choice", None)


@bp.post("/", endpoint="choose")
def choose():
    """« Afficher »: the company chosen, if the account holds it; back to the screen."""
    siret = companies.owned(g.account, request.form.get("siret"))
    if siret:
        session[SESSION_KEY] = siret
    else:
        flash(companies.NOT_YOURS, "error")
    back = safe_next(request.form.get("retour")) or url_for("operator.home.home")
    return see_other(back, whole_page=True)
