"""« Ma demande de financement » (guides 001 part 2 and 004): one dossier per validated MSS
enrolment (FINMSS + 6 digits), its advance (M0), decided at once from the six mailbox counts, and
its balance (M1). Every change of a request is one history row holding the request as it was."""
import json

from portal.extensions import db
from portal.models import Enrolment, FundingEvent, FundingRequest
from portal.models.enrolment import PARTIAL, VALIDATED
from portal.models.funding import ADVANCE, DECIDED, IN_PROGRESS, SUFFIXES
from portal.models.base import utcnow
from portal.services import funding_amounts as amounts, funding_call, outbox

CURRENT = ("current_applicative", "current_organisational", "current_personal")
CLOSING = ("closing_applicative", "closing_organisational", "closing_personal")
COUNT_LABELS = {"applicative": "Nombre de BAL applicatives",
                "organisational": "Nombre de BAL organisationnelles",
                "personal": "Nombre de BAL personnelles"}
COUNT_REQUIRED = "Saisissez un nombre de boîtes aux lettres (0 s'il n'y en a pas)."
COUNT_INVALID = "Saisissez un nombre entier positif ou nul, sans décimale : par exemple 1 250."
COUNT_MAX = 10_000_000
ALREADY = "La demande d'avance de ce dossier a déjà été déposée."
NOT_ELIGIBLE = "Cet enrôlement ne permet pas de déposer une demande de financement."
SNAPSHOT = ("status", "payment_state", "vat_rate", "declared_ht", "amount_ht", "amount_ttc",
            *CURRENT, *CLOSING, "boxes_applicative", "boxes_organisational", "boxes_personal",
            "support_name", "support_phone", "support_email", "documentation_url", "version")


def _mss(query):
    return query.where(Enrolment.dsr.startswith("MSS"))


def eligible(account) -> list[Enrolment]:
    """The account's validated MSS enrolments: each has its dossier."""
    return list(_mss(Enrolment.select().where(Enrolment.holder == account,
                                              Enrolment.status == VALIDATED))
                .order_by(Enrolment.id))


def waiting(account) -> list[Enrolment]:
    """Anticipated MSS enrolments, partially validated: no advance until finalised."""
    return list(_mss(Enrolment.select().where(Enrolment.holder == account,
                                              Enrolment.status == PARTIAL)))


def chosen(account, number: str | None) -> Enrolment | None:
    """The eligible enrolment of that number, else the first one."""
    found = eligible(account)
    return next((e for e in found if e.number == number), found[0] if found else None)


def dossier(enrolment: Enrolment) -> str:
    return f"FINMSS{enrolment.id:06d}"


def requests_of(enrolment: Enrolment) -> dict:
    """The dossier's requests by kind."""
    return {r.kind: r for r in FundingRequest.select().where(FundingRequest.enrolment == enrolment)}


def clean_counts(values: dict, names) -> tuple[dict, dict]:
    """Whole numbers ≥ 0 (spaces between thousands allowed); French errors by field."""
    cleaned, errors = {}, {}
    for name in names:
        text = "".join((values.get(name) or "").split()).replace("\u202f", "")
        if not text:
            errors[name] = COUNT_REQUIRED
        elif not text.isdigit() or int(text) > COUNT_MAX:
            errors[name] = COUNT_INVALID
        else:
            cleaned[name] = int(text)
    return cleaned, errors


def snapshot(request: FundingRequest) -> str:
    return json.dumps({name: str(getattr(request, name)) if getattr(request, name) is not None
                       else None for name in SNAPSHOT}, ensure_ascii=False)


def log(request: FundingRequest, source, target: str, actor: str, comment: str = "") -> FundingEvent:
    return FundingEvent.create(request=request, from_status=source, to_status=target, actor=actor,
                               comment=comment, snapshot=snapshot(request))


def holder_name(account) -> str:
    return f"{account.full_name} (Opérateur)"


def advance_amounts(enrolment: Enrolment) -> tuple:
    """« Montant fixe éligible pour l'opérateur », HT and with the enrolment's VAT."""
    ht = amounts.advance(funding_call.tariff())
    return ht, amounts.with_vat(ht, enrolment.vat_rate)


def file_advance(enrolment: Enrolment, account, values: dict) -> tuple[FundingRequest | None, dict]:
    """« Valider »: the advance with its six counts, decided at once (the fixed part of the
    call), its decision mailed. Returns (request, {}) or (None, errors by field)."""
    if enrolment is None or enrolment.holder_id != account.id or enrolment.status != VALIDATED \
            or not enrolment.dsr.startswith("MSS"):
        return None, {"action": NOT_ELIGIBLE}
    counts, errors = clean_counts(values, CURRENT + CLOSING)
    if ADVANCE in requests_of(enrolment):
        errors = {"action": ALREADY}
    if errors:
        return None, errors
    ht, ttc = advance_amounts(enrolment)
    with db.database.atomic():
        request = FundingRequest.create(
            number=f"{dossier(enrolment)}-{SUFFIXES[ADVANCE]}", dossier=dossier(enrolment),
            kind=ADVANCE, enrolment=enrolment, account=account, status=IN_PROGRESS,
            software=enrolment.dsr, vat_rate=enrolment.vat_rate, declared_ht=ht, amount_ht=ht,
            amount_ttc=ttc, **counts)
        log(request, None, IN_PROGRESS, holder_name(account), "Dépôt de la demande d'avance")
        request.status, request.status_changed_at = DECIDED, utcnow()
        request.save()
        log(request, IN_PROGRESS, DECIDED, "Décision automatique",
            "Montant fixe éligible pour l'opérateur (appel à financement MSS Opérateurs)")
        outbox.queue(account.email, "funding_advance_decided", related=f"funding:{request.id}",
                     request=request, enrolment=enrolment, account=account)
    outbox.dispatch()
    return request, {}


def history(request: FundingRequest) -> list[FundingEvent]:
    return list(request.events.order_by(FundingEvent.id))

