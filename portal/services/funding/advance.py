"""The MSS operator's advance (guide 001 part 2): filed with its six mailbox counts, validated and
decided by the portal at once (the fixed part of the call) within the form channel's budget
envelope; when the envelope is exhausted it stays « Validée », awaiting the budget owner, and the
operator is told so plainly."""
from peewee import IntegrityError

from portal.extensions import db
from portal.models import Enrolment, FundingRequest
from portal.models.enrolment import VALIDATED
from portal.models.funding import ADVANCE, IN_PROGRESS, SUFFIXES
from portal.services.core import outbox
from portal.services.core.errors import ACTION, Refused, refuse_if
from portal.services.funding import budget, requests as funding
from portal.services.funding.requests import ALREADY, CLOSING, CURRENT, NOT_ELIGIBLE

DECIDED_COMMENT = "Montant fixe éligible pour l'opérateur (appel à financement MSS Opérateurs)"


def file_advance(enrolment: Enrolment, account, values: dict) -> FundingRequest:
    """« Valider »: the advance with its six counts, decided at once if its envelope holds it,
    its decision (or its awaiting the budget) mailed. Raises Refused."""
    if enrolment is None or enrolment.holder_id != account.id or enrolment.status != VALIDATED \
            or not enrolment.dsr.startswith("MSS"):
        raise Refused({ACTION: NOT_ELIGIBLE})
    counts, errors = funding.clean_counts(values, CURRENT + CLOSING)
    if ADVANCE in funding.requests_of(enrolment):
        errors = {ACTION: ALREADY}
    refuse_if(errors)
    ht, ttc = funding.advance_amounts(enrolment)
    try:
        return _filed(enrolment, account, counts, ht, ttc)
    except IntegrityError:  # filed meanwhile from another tab: its number is taken
        raise Refused({ACTION: ALREADY})


def _filed(enrolment, account, counts, ht, ttc) -> FundingRequest:
    dossier = funding.dossier(enrolment)
    with db.database.atomic():
        request = FundingRequest.create(
            number=f"{dossier}-{SUFFIXES[ADVANCE]}", dossier=dossier, kind=ADVANCE,
            enrolment=enrolment, account=account, status=IN_PROGRESS, software=enrolment.dsr,
            vat_rate=enrolment.vat_rate, declared_ht=ht, amount_ht=ht, amount_ttc=ttc, **counts)
        funding.log(request, None, IN_PROGRESS, account, "Dépôt de la demande d'avance")
        if not budget.decide_at_filing(request, DECIDED_COMMENT):
            outbox.queue(account.email, "funding_advance_awaiting_budget",
                         related=f"funding:{request.id}", request=request, enrolment=enrolment,
                         account=account)
    return request
