"""Demonstration data for the managers' tools (PORTAL_DEMO): the demo operator's MSS dossier — its
advance decided and paid, its balance validated after a request for a document — with its
history, and a mail that failed, so that « Tableau de bord », the exports and the header's search
show something at once; and a JSON import of its city-doctors software, one request filed from
it, with a question of the operator on the import's thread waiting for a manager. Created
once."""
import datetime
from decimal import Decimal

from portal.models import (Beneficiary, Corridor, DossierMessage, Enrolment, FundingEvent,
                           FundingRequest, JsonImport, OutboxMessage)
from portal.models.imports import COMPLETE
from portal.models.messages import IMPORT
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


def ensure_demo_import(account) -> None:
    """The import of the demo operator's validated LGC enrolment (the « MDV-LGC » corridor of the
    demo reference data): one advance « En cours », the operator's question unread."""
    enrolment = Enrolment.get_or_none(Enrolment.holder == account, Enrolment.status == VALIDATED,
                                      Enrolment.dsr == "LGC")
    corridor = Corridor.get_or_none(Corridor.dsr == "LGC")
    if enrolment is None or corridor is None or JsonImport.select().where(
            JsonImport.account == account).exists():
        return
    filed = FILED + 40 * DAYS
    json_import = JsonImport.create(
        account=account, enrolment=enrolment, corridor=corridor, kind=ADVANCE,
        filename="demandes-avance-cabinets.json", stored_name=f"demo-import-{enrolment.id}.json",
        sha256="0" * 64, requests_total=2, requests_retained=1, requests_rejected=1,
        status=COMPLETE, created_at=filed, completed_at=filed + DAYS)
    dossier = f"{corridor.dossier_prefix}{900000 + enrolment.id:06d}"
    amount = Decimal("720.00")
    request = FundingRequest.create(
        number=f"{dossier}-{SUFFIXES[ADVANCE]}", dossier=dossier, kind=ADVANCE,
        enrolment=enrolment, account=account, status=IN_PROGRESS, software=corridor.software_type,
        vat_rate=enrolment.vat_rate, declared_ht=Decimal("1440.00"), amount_ht=amount,
        amount_ttc=amount * Decimal("1.2"), corridor=corridor, json_import=json_import,
        publisher_number="CAB-2026-001", order_date=filed.date(), vat_regime="Assujetti à la TVA",
        mandate_beneficiary=False, mandate_payment=False, created_at=filed + DAYS,
        status_changed_at=filed + DAYS)
    Beneficiary.create(request=request, identifier="10001234567", name="Dr Jeanne Petit")
    FundingEvent.create(request=request, to_status=IN_PROGRESS, created_at=filed + DAYS,
                        actor_account=account, actor_role=HOLDER, actor_name=account.full_name)
    DossierMessage.create(dossier_kind=IMPORT, dossier_id=json_import.id,
                          reference=str(json_import.id), holder=account, author=account,
                          author_name=account.full_name, from_staff=False,
                          created_at=filed + 2 * DAYS,
                          body="Bonjour, la seconde demande du fichier a été rejetée pour son "
                               "numéro RPPS : pouvons-nous la déposer à nouveau seule ?")

