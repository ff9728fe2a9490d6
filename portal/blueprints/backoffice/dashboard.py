"""« Tableau de bord »: the managers' charts, filtered by period and corridor (a GET form; htmx
swaps the charts only). Staff only; thin view: services/manager/dashboard."""
from flask import Blueprint, request

from portal.htmx import render, wants_fragment
from portal.services.manager import dashboard

bp = Blueprint("dashboard", __name__, url_prefix="/tableau-de-bord")


@bp.get("/")
def index():
    page = dashboard.screen(request.args)
    return render("backoffice/dashboard/index.html", "results", page=page, view=page.view,
                  fragment=wants_fragment())
