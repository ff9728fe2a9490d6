"""« Ma demande de financement »: the dossier of a validated MSS enrolment, its advance and its
balance. Thin views: form → services/funding_requests → render or redirect."""
from flask import Blueprint, abort, flash, g, request, url_for

from portal.auth import operator_required
from portal.forms.funding import AdvanceForm
from portal.htmx import render, see_other
from portal.models import FundingRequest
from portal.models.funding import DECIDED
from portal.services import funding_call, funding_documents, funding_requests as funding, outbox

bp = Blueprint("funding", __name__, url_prefix="/espace/financement")


def _page(enrolment, advance_form=None, errors=None, status=200):
    requests = funding.requests_of(enrolment) if enrolment else {}
    mails = {kind: outbox.for_related(f"funding:{r.id}") for kind, r in requests.items()}
    return render("funding/request.html", "advance", status=status, enrolment=enrolment,
                  eligible=funding.eligible(g.account), waiting=funding.waiting(g.account),
                  dossier=funding.dossier(enrolment) if enrolment else "",
                  requests=requests, mails=mails, errors=errors or {},
                  advance_form=advance_form or AdvanceForm(formdata=None),
                  advance_amounts=funding.advance_amounts(enrolment) if enrolment else None,
                  closing_date=funding_call.tariff().closing_date)


@bp.route("/demande", methods=["GET", "POST"], endpoint="request_page")
@operator_required
def request_page():
    enrolment = funding.chosen(g.account, request.values.get("enrolement"))
    if request.method == "GET":
        return _page(enrolment)
    form = AdvanceForm()
    filed, errors = funding.file_advance(enrolment, g.account, form.data)
    if errors:
        return _page(enrolment, form, errors, 422)
    flash(f"Votre demande d'avance n° {filed.number} est « {filed.status_label} » : la décision "
          "d'attribution est dans l'accordéon « Pièces justificatives ».", "success")
    return see_other(url_for("funding.request_page", enrolement=enrolment.number), whole_page=True)


@bp.get("/<number>/decision.pdf")
@operator_required
def decision(number):
    found = FundingRequest.get_or_none(FundingRequest.number == number,
                                       FundingRequest.account == g.account)
    if found is None or found.status != DECIDED:
        abort(404)
    return funding_documents.decision(found), 200, {
        "Content-Type": "application/pdf",
        "Content-Disposition": f'attachment; filename="decision-{number}.pdf"'}
