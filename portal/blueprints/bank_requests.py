"""The bank details operators added, instructed in the back-office. Staff only; thin views."""
from flask import Blueprint, abort, flash, g, request, send_file, url_for

from portal.auth import staff_required
from portal.forms.account import BankDecisionForm
from portal.htmx import render, see_other
from portal.models import BankDetail
from portal.services import bank_details, storage

bp = Blueprint("bank_requests", __name__, url_prefix="/gestion/coordonnees-bancaires")


@bp.get("/")
@staff_required
def queue():
    try:
        number = int(request.args.get("page") or 1)
    except ValueError:
        number = 1
    return render("bank_requests/queue.html", page=bank_details.pending(number))


def _detail(detail_id: int) -> BankDetail:
    return BankDetail.get_or_none(BankDetail.id == detail_id) or abort(404)


def _show(detail, form, errors=None, status=200):
    return render("bank_requests/show.html", "decision", status=status, detail=detail, form=form,
                  errors=errors or {}, history=bank_details.history(detail),
                  rows=bank_details.rows(detail.account))


@bp.get("/<int:detail_id>")
@staff_required
def show(detail_id):
    return _show(_detail(detail_id), BankDecisionForm(formdata=None))


@bp.post("/<int:detail_id>")
@staff_required
def decide(detail_id):
    detail, form = _detail(detail_id), BankDecisionForm()
    errors = bank_details.decide(detail, form.action.data, g.account, form.comment.data)
    if errors:
        return _show(detail, form, errors, 422)
    flash(f"La coordonnée bancaire est « {detail.status_label} » : l'opérateur en est informé "
          "par courriel.", "success")
    return see_other(url_for("bank_requests.show", detail_id=detail_id), whole_page=True)


@bp.get("/<int:detail_id>/rib")
@staff_required
def rib(detail_id):
    detail = _detail(detail_id)
    if detail.rib is None:
        abort(404)
    return send_file(storage.path_of(detail.rib), mimetype=detail.rib.content_type,
                     as_attachment=True, download_name=detail.rib.original_name, max_age=0)
