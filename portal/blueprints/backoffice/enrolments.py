"""The back-office of the ASP: the queue of enrolments, the consultation of one, the managers'
decisions, the documents. Every view is for staff only. Thin views: validate → service → render."""
from flask import Blueprint, abort, flash, g, request, url_for

from portal.blueprints import messaging
from portal.downloads import download
from portal.forms import refuse_too_long
from portal.forms.backoffice.enrolments import decision_form
from portal.htmx import render, see_other, wants_fragment
from portal.models import Document, Enrolment
from portal.models.enrolment import STATUS_LABELS
from portal.models.messages import ENROLMENT
from portal.services.enrolment import corrections, queue as enrolment_queue, record
from portal.services.enrolment import workflow
from portal.services.core import tables
from portal.services.core.document_types import TYPES
from portal.services.core.errors import Refused

bp = Blueprint("enrolments", __name__)


QUEUE = "backoffice/enrolments/queue.html"


@bp.get("/enrolements")
def queue():
    view = tables.read(enrolment_queue.TABLE, enrolment_queue.rows(), request.args)
    return render(QUEUE, "results", view=view, fragment=wants_fragment(),
                  **messaging.bulk_context(ENROLMENT))


@bp.post("/enrolements/lot")
def bulk():
    return messaging.bulk_action(ENROLMENT, enrolment_queue.TABLE, enrolment_queue.rows(),
                                 Enrolment.id, QUEUE, "backoffice.enrolments.queue")


def _enrolment(number: str) -> Enrolment:
    enrolment = record.with_holder(number)
    if enrolment is None:
        abort(404)
    return enrolment


def _show(enrolment: Enrolment, failed: str | None = None, failed_form=None, errors=None,
          status: int = 200):
    forms = {action: failed_form if action == failed and failed_form else decision_form(action)
             for action, _ in workflow.available(enrolment)}
    documents = record.documents(enrolment)
    return render("backoffice/enrolments/enrolment.html", "decisions", status=status, enrolment=enrolment,
                  sections=record.sections(enrolment, documents),
                  later_documents=record.later_documents(enrolment, documents),
                  requests=record.document_requests(enrolment), history=record.history(enrolment),
                  mails=record.mails(enrolment), decisions=workflow.available(enrolment),
                  awaited=workflow.WORKFLOW.awaited(enrolment),
                  forms=forms, failed=failed, errors=errors or {}, doc_types=TYPES,
                  status_labels=STATUS_LABELS, correction_labels=corrections.labels,
                  **messaging.tools(ENROLMENT, enrolment))


@bp.get("/enrolements/<number>")
def enrolment(number):
    return _show(_enrolment(number))


@bp.post("/enrolements/<number>/decision")
def decide(number):
    enrolment = _enrolment(number)
    action = request.form.get("action", "")
    form = decision_form(action, request.form)
    try:
        refuse_too_long(form)
        outcome = workflow.apply(enrolment, action, g.account, form.comment.data,
                                 kinds=form.kinds.data, sections=form.sections.data)
    except Refused as exc:
        errors = {(f"{action}-{name}" if name in ("comment", "kinds") else name): message
                  for name, message in exc.errors.items()}
        return _show(enrolment, action, form, errors, 422)
    flash(outcome.move.done + f" Statut : « {outcome.record.status_label} ».", "success")
    return see_other(url_for("backoffice.enrolments.enrolment", number=number), whole_page=True)


@bp.get("/documents/<int:document_id>")
def document(document_id):
    document = Document.get_or_none(Document.id == document_id)
    return download(document if document and document.enrolment_id else None)
