"""The funding requests in the back-office: the queue, a request, its decisions and payment.
Staff only; thin views: form → services/funding/workflow → render or redirect."""
from flask import Blueprint, abort, flash, g, request, url_for

from portal.blueprints import messaging
from portal.downloads import download, pdf_download
from portal.forms import refuse_too_long
from portal.forms.backoffice.funding import FundingDecisionForm
from portal.htmx import render, see_other, wants_fragment
from portal.models import Document, FundingRequest
from portal.models.messages import FUNDING
from portal.models.recoveries import FULL, PARTIAL
from portal.services.funding import asp_documents as funding_documents, cancellation
from portal.services.funding import staff_record, workflow
from portal.services.funding import requests as funding_requests
from portal.services.funding import queue as funding_queue
from portal.services.core import tables
from portal.services.core.document_types import TYPES
from portal.services.core.errors import Refused

bp = Blueprint("funding", __name__, url_prefix="/financement")


QUEUE = "backoffice/funding/queue.html"


@bp.get("/")
def queue():
    view = tables.read(funding_queue.TABLE, funding_queue.rows(), request.args)
    return render(QUEUE, "results", view=view, fragment=wants_fragment(),
                  **messaging.bulk_context(FUNDING))


@bp.post("/lot")
def bulk():
    return messaging.bulk_action(FUNDING, funding_queue.TABLE, funding_queue.rows(),
                                 FundingRequest.id, QUEUE, "backoffice.funding.queue")


def _request(number: str) -> FundingRequest:
    """The request with its enrolment (the page shows the operator's name): one query."""
    return funding_requests.with_enrolment(number) or abort(404)


def _recovery_hints(funding_request, recoveries) -> dict:
    """What the amount of each recovery order says is left to recover (paid requests only)."""
    if not funding_request.is_paid:
        return {}
    left = cancellation.paid_left(funding_request, recoveries)
    return {workflow.FULL_RECOVERY: cancellation.amount_hint(FULL, left),
            workflow.PARTIAL_RECOVERY: cancellation.amount_hint(PARTIAL, left)}


def _show(funding_request, failed=None, form=None, errors=None, status=200):
    forms = {action: form if action == failed and form else FundingDecisionForm(formdata=None)
             for action, _ in workflow.available(funding_request)}
    record = staff_record.of(funding_request, staff_record.MANAGER)
    return render("backoffice/funding/show.html", "decisions", status=status,
                  decisions=workflow.available(funding_request), forms=forms, failed=failed,
                  errors=errors or {}, doc_types=TYPES,
                  recovery_hints=_recovery_hints(funding_request, record["recoveries"]),
                  **record, **messaging.tools(FUNDING, funding_request))


@bp.get("/<funding_number>")
def show(funding_number):
    return _show(_request(funding_number))


@bp.post("/<funding_number>/decision")
def decide(funding_number):
    funding_request, form = _request(funding_number), FundingDecisionForm()
    action = form.action.data
    try:
        refuse_too_long(form)
        step = workflow.apply(funding_request, action, g.account, form.comment.data,
                              paid_on=form.paid_on.data, paid_amount=form.paid_amount.data,
                              recovery_on=form.recovery_on.data,
                              recovery_amount=form.recovery_amount.data,
                              recovery_reference=form.recovery_reference.data)
    except Refused as exc:
        return _show(funding_request, action, form, exc.errors, 422)
    moved = step.record
    flash(step.move.done + f" Statut : « {moved.status_label} », "
          f"{moved.payment_label.lower()}.", "success")
    return see_other(url_for("backoffice.funding.show", funding_number=funding_number),
                     whole_page=True)


def request_document(funding_number, document_id):
    """A document of the request (404 when it is not one of its own): the staff's download."""
    return download(_request(funding_number).documents.where(Document.id == document_id).first())


def request_asp_document(funding_number, name):
    """The ASP's PDF `name` of the request (its decision, its payment notice)."""
    return pdf_download(funding_documents.build(_request(funding_number), name),
                        f"{name}-{funding_number}.pdf")


bp.add_url_rule("/<funding_number>/documents/<int:document_id>", "document", request_document)
bp.add_url_rule("/<funding_number>/<name>.pdf", "asp_document", request_asp_document)
