"""The operator's private home (« espace personnel »). Thin view: service → render."""
from flask import Blueprint, current_app, g

from portal.auth import operator_required
from portal.htmx import render
from portal.services import navigation, private_home

bp = Blueprint("private", __name__, url_prefix="/espace")


@bp.get("/")
@operator_required
def home():
    return render("private/home.html", "home", news=private_home.operator_news(),
                  statistics=private_home.enrolment_statistics(g.account),
                  shortcuts=navigation.shortcuts(g.account.role, current_app.view_functions))
