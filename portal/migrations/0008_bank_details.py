"""Bank details added from « Mon compte », and their history."""
from peewee import CharField, DateTimeField, ForeignKeyField, Model, TextField

from portal.models.base import utcnow


def apply(database):
    class Base(Model):
        created_at = DateTimeField(default=utcnow)

    class Account(Base):
        class Meta:
            table_name = "account"

    class Document(Base):
        class Meta:
            table_name = "document"

    class BankDetail(Base):
        account = ForeignKeyField(Account, on_delete="CASCADE")
        iban = CharField()
        bic = CharField()
        holder = CharField()
        bank_name = CharField(default="")
        rib = ForeignKeyField(Document, null=True, on_delete="SET NULL")
        status = CharField(default="pending", index=True)
        decided_at = DateTimeField(null=True)

        class Meta:
            table_name = "bank_detail"

    class BankDetailEvent(Base):
        bank_detail = ForeignKeyField(BankDetail, on_delete="CASCADE")
        from_status = CharField(null=True)
        to_status = CharField()
        actor = CharField()
        comment = TextField(default="")

        class Meta:
            table_name = "bank_detail_event"

    for model in (BankDetail, BankDetailEvent):
        model._meta.set_database(database)
    database.create_tables([BankDetail, BankDetailEvent])
