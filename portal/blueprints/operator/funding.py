"""« Ma demande de financement »: the dossier of a validated MSS enrolment, its advance and its
balance. Thin views: form → services/funding (requests, screens) → render or redirect."""
from flask import (Blueprint, Response, abort, flash, g, redirect, request, stream_with_context,
                   url_for)

from portal.blueprints import messaging
from portal.blueprints.operator import company
from portal.downloads import download, pdf_download
from portal.forms import refuse_too_long
from portal.forms.operator.funding import AdvanceForm, BalanceForm, BeneficiariesExportForm
from portal.htmx import render, see_other, wants_fragment
from portal.models import Document, FundingRequest
from portal.models.messages import FUNDING
from portal.services.core import autosave, kept_files, tables
from portal.services.core.document_types import TYPES
from portal.services.core.errors import Refused
from portal.services.funding import advance, asp_documents as funding_documents
from portal.services.funding import requests as funding
from portal.services.funding import beneficiaries_export as beneficiaries
from portal.services.funding import operator_table as operator_funding, screens, workflow

bp = Blueprint("funding", __name__, url_prefix="/espace/financement")


def _page(page: screens.RequestPage, block="advance", status=200, errors=None, advance_form=None,
          balance_form=None, kept=None):
    """The page, or the tab `block` (advance or balance) for htmx; its forms as typed if given,
    `kept` the documents accepted while the balance form is corrected."""
    saved_at = None
    if balance_form is None and page.enrolment:
        kept, saved_at = autosave.pending(g.account, funding.balance_draft(page.enrolment))
        balance_form = BalanceForm(formdata=kept, obj=page.balance)
    elif balance_form is None:
        balance_form = BalanceForm(formdata=None, obj=page.balance)
    if page.enrolment:
        company.follow(page.enrolment.siret)
    return render("operator/funding/request.html", block, status=status, page=page,
                  companies=company.choice(),
                  enrolment=page.enrolment, errors=errors or {}, kept=kept or {}, doc_types=TYPES,
                  advance_form=advance_form or AdvanceForm(formdata=None),
                  balance_form=balance_form, saved_at=saved_at)


def _page_after_post(enrolment, block, **forms):
    """The page re-shown with a refused form (status 422), on the tab of that form."""
    tab = screens.BALANCE_TAB if block == "balance" else request.args.get("onglet")
    return _page(screens.request_page(g.account, enrolment.number, tab, company.choice().siret),
                 block, 422, **forms)


@bp.get("/")
def index():
    """« Gérer mes demandes de financement »; a fragment (a keystroke) draws no filter, so only the
    software ticked are checked."""
    fragment = wants_fragment()
    table = operator_funding.table_for(g.account, request.args.getlist("logiciel") if fragment
                                       else None)
    view = tables.read(table, operator_funding.listed(g.account), request.args)
    return render("operator/funding/index.html", "results", view=view, fragment=fragment,
                  companies=None if fragment else company.choice(),  # said above the results
                  export_args=view.args(), can_resubmit=screens.can_resubmit)


@bp.get("/suggestions")
def suggestions():
    """The datalist of « Numéro de dossier » (3 characters typed at least)."""
    return render("operator/funding/suggestions.html", numbers=operator_funding.suggestions(
        g.account, request.args.get("numero")))


@bp.get("/export", endpoint="export")
def export_page():
    """« Exporter vos demandes de financement »."""
    return render("operator/funding/export.html", count=operator_funding.own(g.account).count())


@bp.get("/export.csv")
def export_csv():
    view, query = tables.prepare(operator_funding.table_for(g.account),
                                 operator_funding.own(g.account), request.args)
    if view.errors:  # the table says what is wrong with the filters
        return redirect(url_for("operator.funding.index", **view.args()), 303)
    lines = operator_funding.export_lines(query)
    return Response(stream_with_context(lines), mimetype="text/csv", headers={
        "Content-Disposition": 'attachment; filename="demandes-de-financement.csv"'})


@bp.get("/beneficiaires", endpoint="beneficiaries")
def beneficiaries_page():
    """« Exporter vos bénéficiaires »: a corridor first, then the CSV."""
    offered = beneficiaries.corridors(g.account)
    return render("operator/funding/beneficiaries.html", corridors=offered, errors={},
                  form=BeneficiariesExportForm(formdata=None).offer(offered))


@bp.get("/beneficiaires.csv")
def beneficiaries_csv():
    offered, form = beneficiaries.corridors(g.account), BeneficiariesExportForm(request.args)
    try:
        corridor = beneficiaries.chosen(form.couloir.data, offered)
    except Refused as exc:
        return render("operator/funding/beneficiaries.html", status=422, corridors=offered,
                      errors=exc.errors, form=form.offer(offered))
    return Response(stream_with_context(beneficiaries.lines(g.account, corridor)),
                    mimetype="text/csv", headers={"Content-Disposition": 'attachment; filename='
                                                  f'"beneficiaires-{corridor.code}.csv"'})


@bp.route("/demande", methods=["GET", "POST"], endpoint="request_page")
def request_page():
    if request.method == "GET":
        return _page(screens.request_page(g.account, request.args.get("enrolement"),
                                          request.args.get("onglet"), company.choice().siret))
    enrolment = funding.exact(g.account, request.args.get("enrolement")) or abort(404)
    form = AdvanceForm()
    try:
        refuse_too_long(form)
        filed = advance.file_advance(enrolment, g.account, form.data)
    except Refused as exc:
        return _page_after_post(enrolment, "advance", errors=exc.errors, advance_form=form)
    flash(screens.advance_filed(filed), "success")
    return see_other(url_for("operator.funding.request_page", enrolement=enrolment.number), whole_page=True)


def _balance_sent(enrolment, send):
    """The balance form sent with its files: `send(form, taken)` files or sends it again (raises
    Refused) and says what was done, else the tab is drawn again (422) as typed, the files kept."""
    form = BalanceForm()
    taken = kept_files.take_all(g.account, form, funding.balance_documents(enrolment), request.files)
    try:
        refuse_too_long(form)
        done = send(form, taken)
    except Refused as exc:
        return _page_after_post(enrolment, "balance", errors=exc.errors, balance_form=form,
                                kept=taken.documents)
    autosave.clear(g.account, funding.balance_draft(enrolment))
    flash(done, "success")
    return see_other(url_for("operator.funding.request_page", enrolement=enrolment.number, onglet="solde"),
                     whole_page=True)


@bp.post("/demande/solde", endpoint="balance")
def balance():
    enrolment = funding.exact(g.account, request.args.get("enrolement")) or abort(404)

    def send(form, taken):
        filed = funding.file_balance(enrolment, g.account, form.data, taken.documents, taken.refused)
        return (f"Votre demande de solde n° {filed.number} est « {filed.status_label} » : elle va "
                "être instruite par le service de gestion de l'ASP.")
    return _balance_sent(enrolment, send)


@bp.post("/demande/solde/renvoyer", endpoint="amend_balance")
def amend_balance():
    enrolment = funding.exact(g.account, request.args.get("enrolement")) or abort(404)
    balance = funding.requests_of(enrolment).get(funding.BALANCE) or abort(404)
    return _balance_sent(enrolment, lambda form, taken: workflow.amend_balance(
        balance, g.account, form.data, taken.documents, taken.refused).move.done)


def own_request(number: str) -> FundingRequest:
    return FundingRequest.get_or_none(FundingRequest.number == number,
                                      FundingRequest.account == g.account) or abort(404)


def show_page(page, block=None, status=200, errors=None, **context):
    """The consultation of `page` (screens.consultation), whole or its `block`; also redrawn by
    a refused cancellation with its errors."""
    return render("operator/funding/show.html", block, status=status, page=page, doc_types=TYPES,
                  errors=errors or {}, **messaging.tools(FUNDING, page.request), **context)


@bp.get("/<funding_number>")
def show(funding_number):
    """Consulting a request: its recap, its current version in accordions, its history."""
    return show_page(screens.consultation(g.account, funding_number) or abort(404))


@bp.get("/<funding_number>/documents/<int:document_id>")
def document(funding_number, document_id):
    return download(own_request(funding_number).documents.where(Document.id == document_id).first())


@bp.get("/<funding_number>/<name>.pdf")
def asp_document(funding_number, name):
    return pdf_download(funding_documents.build(own_request(funding_number), name), f"{name}-{funding_number}.pdf")
