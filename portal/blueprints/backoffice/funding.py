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
from portal.services.funding import asp_documents as funding_documents, cancellation, follow_up
from portal.services.funding import json_view, workflow
from portal.services.funding import requests as funding_requests
from portal.services.funding import queue as funding_queue
from portal.services.core import outbox, tables
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


def _recoveries(funding_request) -> dict:
    """The recovery orders of a paid request and what is left to recover (none read before)."""
    if not funding_request.is_paid:
        return {"recoveries": [], "recovery_hints": {}}
    recoveries = list(funding_request.recoveries)
    left = cancellation.paid_left(funding_request, recoveries)
    return {"recoveries": recoveries,
            "recovery_hints": {
                workflow.FULL_RECOVERY: cancellation.amount_hint(FULL, left),
                workflow.PARTIAL_RECOVERY: cancellation.amount_hint(PARTIAL, left)}}


def _show(funding_request, failed=None, form=None, errors=None, status=200):
    forms = {action: form if action == failed and form else FundingDecisionForm(formdata=None)
             for action, _ in workflow.available(funding_request)}
    return render("backoffice/funding/show.html", "decisions", status=status,
                  funding_request=funding_request,
                  decisions=workflow.available(funding_request), forms=forms, failed=failed,
                  errors=errors or {}, history=funding_requests.history(funding_request),
                  json=json_view.part(funding_request),
                  follow_up=follow_up.of_dossier(funding_request),
                  mails=outbox.for_related(f"funding:{funding_request.id}"), doc_types=TYPES,
                  **_recoveries(funding_request), **messaging.tools(FUNDING, funding_request))


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


@bp.get("/<funding_number>/documents/<int:document_id>")
def document(funding_number, document_id):
    return download(_request(funding_number).documents.where(Document.id == document_id).first())


@bp.get("/<funding_number>/<name>.pdf")
def asp_document(funding_number, name):
    return pdf_download(funding_documents.build(_request(funding_number), name),
                        f"{name}-{funding_number}.pdf")
