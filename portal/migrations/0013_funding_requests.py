"""Advance and balance requests, their history, and their documents."""
from peewee import (CharField, DateField, DateTimeField, DecimalField, ForeignKeyField, IntegerField,
                    Model, TextField)
from playhouse.migrate import SchemaMigrator, migrate

from portal.models.base import utcnow


def money(**options):
    return DecimalField(max_digits=12, decimal_places=2, auto_round=True, **options)


def apply(database):
    class Base(Model):
        created_at = DateTimeField(default=utcnow)

    class Account(Base):
        class Meta:
            table_name = "account"

    class Enrolment(Base):
        class Meta:
            table_name = "enrolment"

    class FundingRequest(Base):
        number = CharField(unique=True)
        dossier = CharField(index=True)
        kind = CharField(index=True)
        enrolment = ForeignKeyField(Enrolment, on_delete="CASCADE")
        account = ForeignKeyField(Account, on_delete="CASCADE")
        status = CharField(default="in_progress", index=True)
        payment_state = CharField(default="none", index=True)
        status_changed_at = DateTimeField(default=utcnow)
        software = CharField(default="")
        vat_rate = CharField()
        declared_ht = money()
        amount_ht = money()
        amount_ttc = money()
        current_applicative = IntegerField(null=True)
        current_organisational = IntegerField(null=True)
        current_personal = IntegerField(null=True)
        closing_applicative = IntegerField(null=True)
        closing_organisational = IntegerField(null=True)
        closing_personal = IntegerField(null=True)
        boxes_applicative = IntegerField(null=True)
        boxes_organisational = IntegerField(null=True)
        boxes_personal = IntegerField(null=True)
        support_name = CharField(default="")
        support_phone = CharField(default="")
        support_email = CharField(default="")
        documentation_url = CharField(default="")
        version = IntegerField(default=1)
        paid_on = DateField(null=True)
        paid_amount = money(null=True)

        class Meta:
            table_name = "funding_request"

    class FundingEvent(Base):
        request = ForeignKeyField(FundingRequest, on_delete="CASCADE")
        from_status = CharField(null=True)
        to_status = CharField()
        actor = CharField()
        comment = TextField(default="")
        snapshot = TextField(default="{}")

        class Meta:
            table_name = "funding_event"

    for model in (FundingRequest, FundingEvent):
        model._meta.set_database(database)
    database.create_tables([FundingRequest, FundingEvent])
    migrator = SchemaMigrator.from_database(database)
    migrate(migrator.add_column("document", "funding_request_id",
                                ForeignKeyField(FundingRequest, null=True, on_delete="CASCADE",
                                                field=FundingRequest.id)))
