"""Funding requests brought to a status through the workflow kernel, in one place: when the way a
request gets « Décidée » changes (a manager's « Valider », then the budget owner's « Décider »),
only this module changes."""
from portal.models import Account, FundingRequest
from portal.models.funding import DECIDED, VALIDATED
from portal.models.roles import BUDGET_OWNER
from portal.services.funding import workflow
from tests.helpers.accounts import make_account
from tests.helpers.enrolment import database


def decided(app, requests, manager) -> list[FundingRequest]:
    """The requests (or their numbers) « Décidée »: validated by `manager`, then decided by a
    budget owner, through the kernel; those decided already (an MSS advance, decided at filing)
    are left as they are."""
    numbers = [r if isinstance(r, str) else r.number for r in requests]
    with database(app):
        owner = Account.get_or_none(Account.role == BUDGET_OWNER)
    owner = owner or make_account(app, BUDGET_OWNER, email="budget@example.fr")
    with database(app):
        found = list(FundingRequest.select().where(FundingRequest.number.in_(numbers))
                     .order_by(FundingRequest.id))
        for request in found:
            if request.status not in (DECIDED, VALIDATED):
                workflow.apply(request, workflow.VALIDATE, manager)
            if request.status != DECIDED:
                workflow.apply(request, workflow.DECIDE, owner)
        return found
