"""The budget owner's screen (/gestion/decisions-budgetaires): budget owners only. It decides the
requests a manager validated, within the budget envelopes (services/funding/budget.py), and
opens any request to read it — its record and files as a manager reads them, nothing to decide
from there."""
from flask import Blueprint, abort, flash, g, request, url_for

from portal.auth import guard
from portal.blueprints.backoffice.funding import request_asp_document, request_document
from portal.forms import refuse_too_long
from portal.forms.budget import BudgetDecisionForm
from portal.htmx import render, see_other
from portal.models.roles import BUDGET_OWNER
from portal.services.core.document_types import TYPES
from portal.services.core.errors import Refused
from portal.services.funding import budget, requests as funding_requests, staff_record

bp = Blueprint("budget", __name__, url_prefix="/gestion/decisions-budgetaires")
bp.before_request(guard(BUDGET_OWNER))


def _page(form, errors=None, status=200):
    return render("budget/decisions.html", "decisions", status=status,
                  page=budget.screen(), form=form, errors=errors or {})


@bp.route("/", methods=["GET", "POST"])
def decisions():
    if request.method == "GET":
        return _page(BudgetDecisionForm(formdata=None))
    form = BudgetDecisionForm()
    try:
        refuse_too_long(form)
        steps = budget.decide(budget.chosen(form.numbers()), g.account)
    except Refused as exc:
        return _page(form, exc.errors, 422)
    flash(budget.decided_notice(steps), "success")
    return see_other(url_for("budget.decisions"), whole_page=True)


@bp.get("/<funding_number>")
def request_page(funding_number):
    funding_request = funding_requests.with_enrolment(funding_number) or abort(404)
    return render("budget/request.html", doc_types=TYPES,
                  **staff_record.of(funding_request, staff_record.BUDGET_OWNER))


bp.add_url_rule("/<funding_number>/documents/<int:document_id>", "document", request_document)
bp.add_url_rule("/<funding_number>/<name>.pdf", "asp_document", request_asp_document)
