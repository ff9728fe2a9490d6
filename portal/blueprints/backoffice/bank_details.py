"""The bank details operators added, instructed in the back-office. Staff only; thin views."""
from flask import Blueprint, abort, request, url_for

from portal.blueprints.backoffice import decisions
from portal.downloads import download
from portal.forms.operator.account import DecisionForm
from portal.htmx import render, wants_fragment
from portal.models import BankDetail
from portal.services.account import bank_details, queues
from portal.services.core import tables

bp = Blueprint("bank_details", __name__, url_prefix="/coordonnees-bancaires")


@bp.get("/")
def queue():
    view = tables.read(queues.BANK_DETAILS, queues.bank_details(), request.args)
    return render("backoffice/bank_details/queue.html", "results", view=view, fragment=wants_fragment())


def _detail(detail_id: int) -> BankDetail:
    return queues.bank_detail(detail_id) or abort(404)


def _show(detail, form, errors=None, status=200):
    return render("backoffice/bank_details/show.html", "decision", status=status, detail=detail, form=form,
                  errors=errors or {}, history=bank_details.history(detail),
                  rows=bank_details.rows(detail.account, detail.siret),
                  decide_url=detail.pending and url_for("backoffice.bank_details.decide", detail_id=detail.id))


@bp.get("/<int:detail_id>")
def show(detail_id):
    return _show(_detail(detail_id), DecisionForm(formdata=None))


@bp.post("/<int:detail_id>")
def decide(detail_id):
    return decisions.decide(_detail(detail_id), bank_details.WORKFLOW, _show,
                            url_for("backoffice.bank_details.show", detail_id=detail_id),
                            "La coordonnée bancaire")


@bp.get("/<int:detail_id>/rib")
def rib(detail_id):
    return download(_detail(detail_id).rib)
