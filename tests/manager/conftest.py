"""A known data set for the managers' tools: MEDIMAIL's three MSS advances (filed by form, one
paid), a DPI dossier filed from JSONs (its advance decided, its balance « En cours »), their
history with known delays, and mails failing."""
import datetime
from decimal import Decimal

import pytest

from portal.models import Enrolment, FundingEvent, FundingRequest, OutboxMessage
from portal.models.funding import PAID
from tests.helpers.accounts import manager_client
from tests.helpers.enrolment import database
from tests.helpers.funding import DAY, seed, validated_operator
from tests.helpers.json_requests import dossier_of, dpi_supplier

DAYS = datetime.timedelta(days=1)


def event(request_id, from_status, to_status, at):
    FundingEvent.create(request=request_id, from_status=from_status, to_status=to_status,
                        created_at=at, actor_role="manager")


@pytest.fixture
def known(app, demo):
    operator = validated_operator(app)
    mss = seed(app, operator, 3)  # decided, 6 666,67 € each, filed 02, 03 and 04/03/2026
    supplier, enrolment_number = dpi_supplier(app)
    advance, balance = dossier_of(app, supplier, enrolment_number)
    with database(app):
        FundingRequest.update(payment_state=PAID, paid_amount=Decimal("6666.67"),
                              paid_on=datetime.date(2026, 3, 20)).where(
            FundingRequest.number == mss[0]).execute()
        FundingRequest.update(created_at=datetime.datetime(2026, 4, 10, 9)).where(
            FundingRequest.id.in_([advance.id, balance.id])).execute()
        FundingEvent.delete().execute()
        first, second = (FundingRequest.get(FundingRequest.number == n).id for n in mss[:2])
        event(first, None, "in_progress", DAY)
        event(first, "in_progress", "validated", DAY + 2 * DAYS)
        event(first, "validated", "decided", DAY + 3 * DAYS)
        event(second, None, "in_progress", DAY)
        event(second, "in_progress", "validated", DAY + 4 * DAYS)
        for status, attempts in (("failed", 5), ("failed", 5), ("pending", 1), ("sent", 1)):
            OutboxMessage.create(recipient="x@example.fr", subject="Objet", body_text="…",
                                 status=status, attempts=attempts,
                                 created_at=datetime.datetime(2026, 3, 5, 11))
        enrolment = Enrolment.get(Enrolment.number == enrolment_number)
    return {"mss": mss, "advance": advance.number, "balance": balance.number,
            "dpi_enrolment": enrolment_number, "dpi_denomination": enrolment.denomination,
            "dpi_siret": enrolment.siret, "dpi_email": enrolment.holder_email,
            "operator": operator, "supplier": supplier}


@pytest.fixture
def staff(app):
    return manager_client(app)
