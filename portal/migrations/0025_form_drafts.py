"""What a signed-in operator types in a long form, kept as it is typed (issue 14, item 11): one
pending row per (account, form), enforced by a unique index, deleted when the form is sent."""
from peewee import CharField, DateTimeField, ForeignKeyField, Model, TextField

from portal.models.base import utcnow


def apply(database):
    class Account(Model):
        class Meta:
            table_name = "account"

    class FormDraft(Model):
        created_at = DateTimeField(default=utcnow)
        account = ForeignKeyField(Account, on_delete="CASCADE")
        form = CharField()
        data = TextField(default="{}")
        updated_at = DateTimeField(default=utcnow)

        class Meta:
            table_name = "form_draft"
            indexes = ((("account", "form"), True),)

    for model in (Account, FormDraft):
        model._meta.set_database(database)
    database.create_tables([FormDraft])
