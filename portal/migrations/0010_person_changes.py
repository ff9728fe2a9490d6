"""Changes of the natural persons asked from « Mon compte », and their history."""
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

    class PersonChange(Base):
        account = ForeignKeyField(Account, on_delete="CASCADE")
        rep_last_name = CharField()
        rep_first_name = CharField()
        rep_email = CharField()
        rep_phone = CharField()
        filer_last_name = CharField(default="")
        filer_first_name = CharField(default="")
        filer_email = CharField(default="")
        filer_phone = CharField(default="")
        changes = TextField(default="")
        representative_id = ForeignKeyField(Document, null=True, on_delete="SET NULL")
        filer_id = ForeignKeyField(Document, null=True, on_delete="SET NULL")
        mandate = ForeignKeyField(Document, null=True, on_delete="SET NULL")
        status = CharField(default="pending", index=True)
        decided_at = DateTimeField(null=True)

        class Meta:
            table_name = "person_change"

    class PersonChangeEvent(Base):
        person_change = ForeignKeyField(PersonChange, on_delete="CASCADE")
        from_status = CharField(null=True)
        to_status = CharField()
        actor = CharField()
        comment = TextField(default="")

        class Meta:
            table_name = "person_change_event"

    for model in (PersonChange, PersonChangeEvent):
        model._meta.set_database(database)
    database.create_tables([PersonChange, PersonChangeEvent])
