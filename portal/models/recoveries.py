"""Recovery orders (« ordres de recouvrement ») on a paid funding request: a full one cancels the
request (a new amendment « Annulée »), a partial one is a negative line of its financial
follow-up (guide 003 §5.1 and §5.2)."""
from peewee import CharField, DateField, DecimalField, ForeignKeyField

from portal.models.accounts import Account
from portal.models.base import BaseModel
from portal.models.funding import FundingRequest

FULL, PARTIAL = "full", "partial"
RECOVERY_LABELS = {FULL: "Ordre de recouvrement total", PARTIAL: "Ordre de recouvrement partiel"}


class FundingRecovery(BaseModel):
    request = ForeignKeyField(FundingRequest, backref="recoveries", on_delete="CASCADE")
    kind = CharField()  # FULL or PARTIAL
    amount = DecimalField(max_digits=12, decimal_places=2, auto_round=True)  # € recovered, > 0
    ordered_on = DateField()  # the order's date
    reference = CharField()  # the order's reference, as the accounting gives it
    recorded_by = ForeignKeyField(Account, null=True, on_delete="SET NULL")

    @property
    def kind_label(self) -> str:
        return RECOVERY_LABELS[self.kind]

    class Meta:
        table_name = "funding_recovery"
