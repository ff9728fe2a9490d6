"""The search of the back-office's header: a page (without JavaScript, or « Rechercher ») and its
results as a fragment while one types. Staff only; thin view: services/manager/search."""
from flask import Blueprint, request

from portal.htmx import render, wants_fragment
from portal.services.manager import search as dossier_search

bp = Blueprint("search", __name__, url_prefix="/recherche")


@bp.get("/")
def index():
    typed = request.args.get("q", "")
    found, more = dossier_search.search(typed)
    return render("backoffice/search/index.html", "results", typed=typed.strip(), found=found,
                  more=more, at_least=dossier_search.AT_LEAST, fragment=wants_fragment())
