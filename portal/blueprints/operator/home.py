"""The operator's private home (« espace personnel »). Thin view: service → render."""
from flask import Blueprint, g

from portal.htmx import render
from portal.services.core import navigation
from portal.services.account import home as private_home
from portal.services.imports import incomplete

bp = Blueprint("home", __name__, url_prefix="/espace")


@bp.get("/")
def home():
    return render("operator/home/home.html", "home", news=private_home.operator_news(),
                  statistics=private_home.enrolment_statistics(g.account),
                  shortcuts=navigation.shortcuts(g.account.role),
                  incomplete_requests=incomplete.count(g.account))
