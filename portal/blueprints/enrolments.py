"""The operator's enrolments in the private space: « Gérer mes demandes d'enrôlement ». Thin
views: the query string → services/tables.py on the account's own rows → render."""
from flask import Blueprint, abort, g, request

from portal.auth import operator_required
from portal.htmx import render, wants_fragment
from portal.services import operator_enrolments, tables

bp = Blueprint("enrolments", __name__, url_prefix="/espace/enrolements")


@bp.get("/")
@operator_required
def index():
    view = tables.read(operator_enrolments.TABLE, operator_enrolments.own(g.account), request.args)
    return render("enrolments/index.html", "results", view=view, fragment=wants_fragment())


def own_enrolment(number: str):
    """The signed-in operator's enrolment of that number; 404 for anyone else's."""
    return operator_enrolments.find(g.account, number) or abort(404)
