"""« Mon compte »: the operator's bank details. Thin views: form → services/bank_details."""
from flask import Blueprint, abort, flash, g, request, send_file, url_for

from portal.auth import operator_required
from portal.forms.account import NewBankDetailForm
from portal.htmx import render, see_other
from portal.models import BankDetail
from portal.services import bank_details, kept_files, storage

bp = Blueprint("account", __name__, url_prefix="/mon-compte")


@bp.get("/coordonnees-bancaires", endpoint="bank_details")
@operator_required
def bank_details_page():
    return render("account/bank_details.html", rows=bank_details.rows(g.account),
                  company=bank_details.company(g.account))


def _form_page(form, errors=None, rib=None, status=200):
    return render("account/bank_form.html", "bank_form", status=status, form=form,
                  errors=errors or {}, rib=rib, company=bank_details.company(g.account))


@bp.route("/coordonnees-bancaires/ajout", methods=["GET", "POST"])
@operator_required
def bank_details_new():
    if request.method == "GET":
        return _form_page(NewBankDetailForm(formdata=None))
    form = NewBankDetailForm()
    form.rib_token.data, rib, error = kept_files.take(g.account, "rib", form.rib_token.data,
                                                      request.files.get("doc_rib"))
    errors = {"doc_rib": error} if error else {}
    detail, found = bank_details.add(g.account, form.data, rib)
    errors.update({k: v for k, v in found.items() if k not in errors})
    if errors:
        return _form_page(form, errors, rib, 422)
    flash("Votre coordonnée bancaire est enregistrée : elle est en attente de validation par "
          "l'ASP. Un courriel vous le confirme.", "success")
    return see_other(url_for("account.bank_details"), whole_page=True)


@bp.get("/coordonnees-bancaires/<int:detail_id>/rib")
@operator_required
def bank_rib(detail_id):
    detail = BankDetail.get_or_none(BankDetail.id == detail_id, BankDetail.account == g.account)
    if detail is None or detail.rib is None:
        abort(404)
    return send_file(storage.path_of(detail.rib), mimetype=detail.rib.content_type,
                     as_attachment=True, download_name=detail.rib.original_name, max_age=0)

