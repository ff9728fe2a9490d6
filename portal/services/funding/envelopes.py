"""The budget envelopes as an admin edits them (« Administration > Enveloppes budgétaires »):
one per channel of the current call — the MSS operators' form, then every corridor — each change
kept with who and when (models/budget.py)."""
from decimal import Decimal

from peewee import IntegrityError

from portal import formatting
from portal.extensions import db
from portal.models import BudgetEnvelope, BudgetEnvelopeChange
from portal.services.core.errors import ACTION, Refused
from portal.services.core.locks import lock_row
from portal.services.funding import budget, tariff as funding_call

CHANGED_MEANWHILE = "L'enveloppe vient d'être créée par quelqu'un d'autre : rechargez la page."
CHANGES_SHOWN = 20


def channel(key: str) -> budget.Channel | None:
    return next((c for c in budget.channels() if c.key == key), None)


def changes(found: budget.Channel) -> list[BudgetEnvelopeChange]:
    if found.envelope is None:
        return []
    return list(found.envelope.changes.order_by(BudgetEnvelopeChange.id.desc())
                .limit(CHANGES_SHOWN))


def as_form_data(found: budget.Channel) -> dict:
    return {"amount": formatting.plain(found.envelope.amount) if found.envelope else ""}


def save(found: budget.Channel, amount, account) -> BudgetEnvelope:
    """The channel's envelope set to `amount` (created the first time), the change kept."""
    with db.database.atomic():
        envelope = found.envelope
        if envelope is None:
            try:
                with db.database.atomic():
                    envelope = BudgetEnvelope.create(call=funding_call.current(),
                                                     corridor=found.corridor, amount=amount)
            except IntegrityError:  # the unique indexes: created meanwhile
                raise Refused({ACTION: CHANGED_MEANWHILE})
            before = None
        else:
            lock_row(BudgetEnvelope, envelope.id)  # decisions read it under the same lock
            before = BudgetEnvelope.get_by_id(envelope.id).amount
            BudgetEnvelope.update(amount=amount).where(BudgetEnvelope.id == envelope.id).execute()
        BudgetEnvelopeChange.create(envelope=envelope, amount_before=before, amount=amount,
                                    actor_account=account, actor_name=account.full_name)
    return envelope


DEMO_AMOUNTS = {budget.FORM_CHANNEL: Decimal("1000000.00")}  # each corridor: DEMO_CORRIDOR_AMOUNT
DEMO_CORRIDOR_AMOUNT = Decimal("3000000.00")
DEMO_ACTOR = "Données de démonstration"


def ensure_demo() -> int:
    """An envelope for each channel that has none (a demonstration, the tests): how many made."""
    made = 0
    with db.database.atomic():
        for found in budget.channels():
            if found.envelope is None:
                amount = DEMO_AMOUNTS.get(found.key, DEMO_CORRIDOR_AMOUNT)
                envelope = BudgetEnvelope.create(call=funding_call.current(),
                                                 corridor=found.corridor, amount=amount)
                BudgetEnvelopeChange.create(envelope=envelope, amount=amount,
                                            actor_name=DEMO_ACTOR)
                made += 1
    return made
