"""The budget envelopes of the Ségur funding (guide 003 §5.1: « la mise en paiement de la demande
doit être décidée en fonction de l'enveloppe budgétaire allouée »): an amount per call and
corridor (None: the MSS operators' form channel), edited by an admin, every change kept."""
from peewee import CharField, DecimalField, ForeignKeyField

from portal.models.accounts import Account
from portal.models.base import BaseModel
from portal.models.funding import FundingCall
from portal.models.imports import Corridor


class BudgetEnvelope(BaseModel):
    """One per call and corridor (unique indexes, a partial one for the form channel's: 0031)."""
    call = ForeignKeyField(FundingCall, backref="envelopes", on_delete="CASCADE")
    corridor = ForeignKeyField(Corridor, null=True, backref="envelopes", on_delete="CASCADE")
    amount = DecimalField(max_digits=14, decimal_places=2, auto_round=True)  # € TTC decided at most

    @property
    def label(self) -> str:
        """« MSS Opérateurs (formulaire) » or the corridor's code and label."""
        return f"{self.corridor.code} — {self.corridor.label}" if self.corridor_id \
            else "MSS Opérateurs (formulaire)"

    class Meta:
        table_name = "budget_envelope"


class BudgetEnvelopeChange(BaseModel):
    """Who set which amount, when (the admin screen lists them)."""
    envelope = ForeignKeyField(BudgetEnvelope, backref="changes", on_delete="CASCADE")
    amount_before = DecimalField(max_digits=14, decimal_places=2, null=True)  # None: created
    amount = DecimalField(max_digits=14, decimal_places=2)
    actor_account = ForeignKeyField(Account, null=True, on_delete="SET NULL")
    actor_name = CharField(default="")

    class Meta:
        table_name = "budget_envelope_change"
