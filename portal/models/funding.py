"""The MSS call for funding: its tariff, which an admin edits (DESIGN.md, « Money »)."""
from peewee import CharField, DateField, DateTimeField, DecimalField

from portal.models.base import BaseModel, utcnow


def money():
    return DecimalField(max_digits=12, decimal_places=2, auto_round=True)


class FundingCall(BaseModel):
    name = CharField()
    rate_applicative = money()  # € HT per applicative mailbox
    rate_organisational = money()
    rate_personal = money()
    fixed_part = money()  # « Montant fixe éligible pour l'opérateur », the advance
    cap = money()  # advance + balance never pass it
    closing_date = DateField()  # the Annuaire Santé counts are taken at this date
    updated_at = DateTimeField(default=utcnow)
    updated_by = CharField(default="")

    class Meta:
        table_name = "funding_call"
