"""Demonstration data for the managers' tools (PORTAL_DEMO): the demo operator's MSS dossier — its
advance decided and paid, its balance validated after a request for a document — with its
history, and a mail that failed, so that « Tableau de bord », the exports and the header's search
show something at once. Created once."""
import datetime
from decimal import Decimal

from portal.models import Enrolment, FundingEvent, FundingRequest, OutboxMessage
from portal.models.funding import (ADVANCE, AWAITING_DOCUMENT, BALANCE, DECIDED, IN_PROGRESS, PAID,
                                   SUFFIXES, VALIDATED)
from portal.models.mail import FAILED
from portal.models.roles import HOLDER, MANAGER, SYSTEM

FILED = datetime.datetime(2026, 9, 1, 9, 30)
DAYS = datetime.timedelta(days=1)
# (kind, filed, status, HT, moves: (from, to, days after filing, who))
REQUESTS = (
    (ADVANCE, FILED, DECIDED, Decimal("6666.67"), ((IN_PROGRESS, DECIDED, 0, SYSTEM),)),
    (BALANCE, FILED + 30 * DAYS, VALIDATED, Decimal("168581.63"),
     ((IN_PROGRESS, AWAITING_DOCUMENT, 4, MANAGER), (AWAITING_DOCUMENT, IN_PROGRESS, 9, SYSTEM),
      (IN_PROGRESS, VALIDATED, 12, MANAGER))),
)


def ensure_demo_requests(account) -> None:
    enrolment = Enrolment.get_or_none(Enrolment.holder == account, Enrolment.status == VALIDATED,
                                      Enrolment.dsr == "MSS Opérateurs")
    if enrolment is None or FundingRequest.select().where(
            FundingRequest.account == account).exists():
        return
    dossier = f"FINMSS{enrolment.id:06d}"
    for kind, filed, status, amount, moves in REQUESTS:
        request = FundingRequest.create(
            number=f"{dossier}-{SUFFIXES[kind]}", dossier=dossier, kind=kind,
            enrolment=enrolment, account=account, status=status, software=enrolment.dsr,
            vat_rate=enrolment.vat_rate, declared_ht=amount, amount_ht=amount,
            amount_ttc=(amount * Decimal("1.2")).quantize(Decimal("0.01")), created_at=filed,
            status_changed_at=filed + moves[-1][2] * DAYS,
            payment_state=PAID if kind == ADVANCE else "none",
            paid_on=(filed + 20 * DAYS).date() if kind == ADVANCE else None,
            paid_amount=amount * Decimal("1.2") if kind == ADVANCE else None,
            boxes_applicative=3000 if kind == BALANCE else None,
            boxes_organisational=10 if kind == BALANCE else None,
            boxes_personal=10 if kind == BALANCE else None)
        FundingEvent.create(request=request, to_status=IN_PROGRESS, created_at=filed,
                            actor_account=account, actor_role=HOLDER,
                            actor_name=account.full_name)
        for source, target, days, who in moves:
            FundingEvent.create(request=request, from_status=source, to_status=target,
                                created_at=filed + days * DAYS, actor_role=who,
                                actor_name="Démonstration Gestionnaire" if who == MANAGER else "")
    OutboxMessage.create(recipient=account.email, subject="Demande de pièce justificative",
                         body_text="(démonstration)", status=FAILED, attempts=5,
                         last_error="Connexion refusée par le serveur SMTP (démonstration)",
                         related=f"funding:{request.id}", created_at=FILED + 34 * DAYS)
