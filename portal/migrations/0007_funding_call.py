"""The MSS call for funding and its tariff (one row, edited by an admin)."""
from peewee import CharField, DateField, DateTimeField, DecimalField, Model

from portal.models.base import utcnow


def apply(database):
    def money():
        return DecimalField(max_digits=12, decimal_places=2, auto_round=True)

    class FundingCall(Model):
        created_at = DateTimeField(default=utcnow)
        name = CharField()
        rate_applicative = money()
        rate_organisational = money()
        rate_personal = money()
        fixed_part = money()
        cap = money()
        closing_date = DateField()
        updated_at = DateTimeField(default=utcnow)
        updated_by = CharField(default="")

        class Meta:
            table_name = "funding_call"

    FundingCall._meta.set_database(database)
    database.create_tables([FundingCall])
