"""The budget envelopes (models/budget.py): what each has consumed (paid, net of the partial
recoveries), committed (decided, not paid yet) and left, and the budget owner's decisions within
them. A decision locks its envelope's row first (services/core/locks.py), so that two budget
owners deciding at once never pass it together; a selection is decided whole or not at all."""
from dataclasses import dataclass
from decimal import Decimal

from peewee import JOIN, Case, fn

from portal import formatting
from portal.extensions import db
from portal.models import BudgetEnvelope, Corridor, Enrolment, FundingRecovery, FundingRequest
from portal.models.funding import DECIDED, INCOMPLETE, PAID, VALIDATED
from portal.models.recoveries import PARTIAL
from portal.services.core.errors import ACTION, Refused
from portal.services.core.locks import lock_row
from portal.services.core.workflow import transition
from portal.services.funding import tariff as funding_call, workflow

FORM_CHANNEL = "mss"  # the key of the form channel's envelope (its corridor is None)
FORM_LABEL = "MSS Opérateurs (formulaire)"
NOTHING_CHOSEN = "Cochez au moins une demande à décider."
NO_ENVELOPE = ("Aucune enveloppe budgétaire n'est définie pour « {} » : un administrateur doit "
               "la créer (Administration > Enveloppes budgétaires).")
EXCEEDED = ("Décider {} ({}) dépasserait l'enveloppe « {} » : il n'y reste que {}. Aucune demande "
            "n'a été décidée.")
LISTED = 500  # validated requests the decision screen lists, oldest first
ZERO = Decimal("0.00")


@dataclass
class Figures:
    """An envelope as the budget owner reads it."""
    envelope: BudgetEnvelope
    consumed: Decimal = ZERO
    committed: Decimal = ZERO
    validated: Decimal = ZERO  # awaiting a decision (not counted in the remaining amount)

    @property
    def amount(self) -> Decimal:
        return Decimal(self.envelope.amount)

    @property
    def remaining(self) -> Decimal:
        return self.amount - self.consumed - self.committed


def envelopes() -> list[BudgetEnvelope]:
    """The current call's envelopes, the form channel's first, then by corridor code."""
    call = funding_call.current()
    return list(BudgetEnvelope.select(BudgetEnvelope, Corridor)
                .join(Corridor, JOIN.LEFT_OUTER).where(BudgetEnvelope.call == call)
                .order_by(BudgetEnvelope.corridor.is_null(False), Corridor.code))


def figures(found: list[BudgetEnvelope]) -> dict:
    """corridor id (None: the form channel) → Figures, in two queries whatever the number of
    requests: the amounts by corridor and status, the partial recoveries by corridor."""
    shown = {e.corridor_id: Figures(e) for e in found}
    paid = FundingRequest.payment_state == PAID
    decided = FundingRequest.status == DECIDED
    rows = (FundingRequest.select(
        FundingRequest.corridor,
        fn.SUM(Case(None, [(decided & paid, FundingRequest.paid_amount)], 0)),
        fn.SUM(Case(None, [(decided & ~paid, FundingRequest.amount_ttc)], 0)),
        fn.SUM(Case(None, [(FundingRequest.status == VALIDATED, FundingRequest.amount_ttc)], 0)))
        .where(FundingRequest.status.in_((DECIDED, VALIDATED)))
        .group_by(FundingRequest.corridor).tuples())
    for corridor_id, consumed, committed, validated in rows:
        if corridor_id in shown:
            item = shown[corridor_id]
            item.consumed, item.committed = Decimal(consumed or 0), Decimal(committed or 0)
            item.validated = Decimal(validated or 0)
    recovered = (FundingRecovery.select(FundingRequest.corridor, fn.SUM(FundingRecovery.amount))
                 .join(FundingRequest)
                 .where(FundingRecovery.kind == PARTIAL, FundingRequest.status == DECIDED)
                 .group_by(FundingRequest.corridor).tuples())
    for corridor_id, amount in recovered:
        if corridor_id in shown:
            shown[corridor_id].consumed -= Decimal(amount or 0)
    return shown


@dataclass
class Channel:
    key: str  # FORM_CHANNEL or the corridor's code
    label: str
    corridor: Corridor | None
    envelope: BudgetEnvelope | None
    figures: Figures | None


def channels() -> list[Channel]:
    """Every channel, its envelope and figures: three queries whatever their number."""
    existing = {e.corridor_id: e for e in envelopes()}
    shown = figures(list(existing.values()))
    found = [Channel(FORM_CHANNEL, FORM_LABEL, None, existing.get(None), shown.get(None))]
    for corridor in Corridor.select().order_by(Corridor.code):
        found.append(Channel(corridor.code, f"{corridor.code} — {corridor.label}", corridor,
                             existing.get(corridor.id), shown.get(corridor.id)))
    return found


def validated() -> list[FundingRequest]:
    """The requests awaiting the budget owner, oldest validated first, with their enrolment
    and corridor: one query."""
    return list(FundingRequest.select(FundingRequest, Enrolment, Corridor)
                .join(Enrolment).switch(FundingRequest).join(Corridor, JOIN.LEFT_OUTER)
                .where(FundingRequest.status == VALIDATED)
                .order_by(FundingRequest.validated_at, FundingRequest.id).limit(LISTED))


def channel_of(request: FundingRequest) -> str:
    """The channel a request was filed through, as the screens name it."""
    return request.corridor.code if request.corridor_id else FORM_LABEL


@dataclass
class Screen:
    """The budget owner's screen: the envelopes, the validated requests oldest first."""
    channels: list[Channel]
    requests: list[FundingRequest]
    listed: int = LISTED

    @property
    def full(self) -> bool:
        return len(self.requests) >= self.listed


def screen() -> Screen:
    return Screen(channels(), validated())


def chosen(numbers: list[str]) -> list[FundingRequest]:
    """The requests of those numbers (the staff's: never an incomplete one), oldest validated
    first; a number unknown is left out."""
    if not numbers:
        return []
    return list(FundingRequest.select().where(FundingRequest.number.in_(numbers),
                                              FundingRequest.status != INCOMPLETE)
                .order_by(FundingRequest.validated_at, FundingRequest.id))


def decided_notice(steps: list) -> str:
    if len(steps) == 1:
        return (f"La demande {steps[0].record.number} est « Décidée » : l'opérateur en est "
                "informé par courriel.")
    total = sum((Decimal(s.record.amount_ttc) for s in steps), ZERO)
    return (f"Les {len(steps)} demandes choisies sont « Décidées » ({formatting.euros(total)}) : "
            "chaque opérateur en est informé par courriel.")


def _locked(chosen: dict) -> dict:
    """The envelopes of the corridors chosen, their rows locked (in id order: two decisions
    never wait for each other), then their figures read."""
    found = {e.corridor_id: e for e in envelopes()}
    for corridor_id, requests in chosen.items():
        if corridor_id not in found:
            raise Refused({ACTION: NO_ENVELOPE.format(channel_of(requests[0]))})
    for envelope in sorted((found[c] for c in chosen), key=lambda e: e.id):
        lock_row(BudgetEnvelope, envelope.id)
    return figures([found[c] for c in chosen])


def _what(requests: list) -> str:
    return (f"la demande {requests[0].number}" if len(requests) == 1
            else f"les {len(requests)} demandes choisies")


def decide(requests: list[FundingRequest], actor) -> list:
    """« Décider la sélection »: each request one move of the kernel (audited, mailed), all of
    them or none; refused with the figure that blocks when an envelope would be passed."""
    if not requests:
        raise Refused({ACTION: NOTHING_CHOSEN})
    chosen = {}
    for request in requests:
        chosen.setdefault(request.corridor_id, []).append(request)
    with db.database.atomic():
        shown = _locked(chosen)
        for corridor_id, group in chosen.items():
            total = sum((Decimal(r.amount_ttc) for r in group), ZERO)
            left = shown[corridor_id]
            if total > left.remaining:
                raise Refused({ACTION: EXCEEDED.format(
                    _what(group), formatting.euros(total), left.envelope.label,
                    formatting.euros(left.remaining))})
        steps = []
        for request in requests:
            try:
                steps.append(transition(workflow.STATUS, request, workflow.DECIDE, actor))
            except Refused as exc:
                raise Refused({ACTION: f"{request.number} : {exc.message} Aucune demande n'a "
                                       f"été décidée."})
    return steps


def decide_at_filing(request: FundingRequest, comment: str = "") -> bool:
    """The MSS advance, by the portal: « Validée », then « Décidée » if its envelope holds it
    (False: it stays « Validée », awaiting the budget owner). Inside the filing's transaction."""
    transition(workflow.STATUS, request, workflow.AUTO_VALIDATE, None)
    try:
        left = _locked({request.corridor_id: [request]})[request.corridor_id]
    except Refused:  # no envelope yet: the budget owner decides once there is one
        return False
    if Decimal(request.amount_ttc) > left.remaining:
        return False
    transition(workflow.STATUS, request, workflow.AUTO_DECIDE, None, comment)
    return True
