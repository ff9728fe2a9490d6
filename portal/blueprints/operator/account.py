"""« Mon compte »: the operator's bank details and natural persons. Thin views: form →
services/bank_details or services/persons."""
from flask import Blueprint, abort, flash, g, request, url_for

from portal.downloads import download
from portal.forms.operator.account import NewBankDetailForm, PersonsForm
from portal.htmx import render, see_other
from portal.models import BankDetail
from portal.services.account import bank_details, persons
from portal.services.core import kept_files
from portal.services.core.document_types import TYPES

bp = Blueprint("account", __name__, url_prefix="/mon-compte")


@bp.get("/coordonnees-bancaires", endpoint="bank_details")
def bank_details_page():
    return render("operator/account/bank_details.html", rows=bank_details.rows(g.account),
                  company=bank_details.company(g.account))


def _form_page(form, errors=None, rib=None, status=200):
    return render("operator/account/bank_form.html", "bank_form", status=status, form=form,
                  errors=errors or {}, rib=rib, company=bank_details.company(g.account),
                  doc_types=TYPES)


@bp.route("/coordonnees-bancaires/ajout", methods=["GET", "POST"])
def bank_details_new():
    if request.method == "GET":
        return _form_page(NewBankDetailForm(formdata=None))
    form = NewBankDetailForm()
    documents, errors = kept_files.take_all(g.account, form, ["rib"], request.files)
    rib = documents["rib"]
    detail, found = bank_details.add(g.account, form.data, rib)
    errors.update({k: v for k, v in found.items() if k not in errors})
    if errors:
        return _form_page(form, errors, rib, 422)
    flash("Votre coordonnée bancaire est enregistrée : elle est en attente de validation par "
          "l'ASP. Un courriel vous le confirme.", "success")
    return see_other(url_for("operator.account.bank_details"), whole_page=True)


@bp.get("/coordonnees-bancaires/<int:detail_id>/rib")
def bank_rib(detail_id):
    detail = BankDetail.get_or_none(BankDetail.id == detail_id, BankDetail.account == g.account)
    return download(detail.rib if detail else None)

def _persons_page(form, errors=None, documents=None, status=200):
    current = persons.current(g.account)
    if form is None and current:
        form = PersonsForm(formdata=None, data=current.as_dict())
    return render("operator/account/persons.html", "persons_form", status=status, form=form,
                  errors=errors or {}, documents=documents or {}, current=current,
                  history=persons.history(g.account), pending=persons.pending_of(g.account),
                  company=bank_details.company(g.account), doc_types=TYPES)


@bp.route("/personnes-physiques", methods=["GET", "POST"], endpoint="persons")
def persons_page():
    if request.method == "GET":
        return _persons_page(None)
    if persons.current(g.account) is None:
        abort(404)
    form = PersonsForm()
    documents, errors = kept_files.take_all(g.account, form, persons.DOCUMENT_FIELDS, request.files)
    change, found = persons.ask(g.account, form.data, documents)
    errors.update({k: v for k, v in found.items() if k not in errors})
    if errors:
        return _persons_page(form, errors, documents, 422)
    flash("Votre demande de modification est enregistrée : elle est en attente de validation par "
          "l'ASP. Un courriel vous le confirme.", "success")
    return see_other(url_for("operator.account.persons"), whole_page=True)
