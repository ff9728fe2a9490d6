"""Funding requests brought to a status through the workflow kernel, in one place: when the way a
request gets « Décidée » changes (a manager's « Valider », then the budget owner's « Décider »),
only this module changes."""
from portal.models import FundingRequest
from portal.models.funding import DECIDED
from portal.services.funding import workflow
from tests.helpers.enrolment import database


def decided(app, requests, manager) -> list[FundingRequest]:
    """The requests (or their numbers) « Décidée », each by `manager` through the kernel; those
    decided already (an MSS advance, decided at filing) are left as they are."""
    numbers = [r if isinstance(r, str) else r.number for r in requests]
    with database(app):
        found = list(FundingRequest.select().where(FundingRequest.number.in_(numbers))
                     .order_by(FundingRequest.id))
        for request in found:
            if request.status != DECIDED:
                workflow.apply(request, workflow.DECIDE, manager)
        return found
