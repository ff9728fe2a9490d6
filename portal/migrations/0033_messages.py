"""The instruction tools of issue 18: the message thread of a dossier, the staff's private notes,
and who follows a dossier (one row per dossier, unique)."""
from peewee import (BooleanField, CharField, DateTimeField, ForeignKeyField, IntegerField, Model,
                    TextField)

from portal.models.base import utcnow


def _tables(database):
    class Account(Model):
        class Meta:
            table_name = "account"

    class Document(Model):
        class Meta:
            table_name = "document"

    class DossierMessage(Model):
        created_at = DateTimeField(default=utcnow)
        dossier_kind = CharField()
        dossier_id = IntegerField()
        reference = CharField()
        holder = ForeignKeyField(Account, null=True, backref="+", on_delete="CASCADE")
        author = ForeignKeyField(Account, null=True, backref="+", on_delete="SET NULL")
        author_name = CharField(default="")
        from_staff = BooleanField()
        body = TextField()
        document = ForeignKeyField(Document, null=True, backref="+", on_delete="SET NULL")
        read_at = DateTimeField(null=True)

        class Meta:
            table_name = "dossier_message"
            indexes = ((("dossier_kind", "dossier_id", "created_at"), False),
                       (("holder", "from_staff", "read_at"), False),
                       (("from_staff", "read_at"), False))

    class DossierNote(Model):
        created_at = DateTimeField(default=utcnow)
        dossier_kind = CharField()
        dossier_id = IntegerField()
        author = ForeignKeyField(Account, null=True, backref="+", on_delete="SET NULL")
        author_name = CharField(default="")
        body = TextField()

        class Meta:
            table_name = "dossier_note"
            indexes = ((("dossier_kind", "dossier_id", "created_at"), False),)

    class DossierFollow(Model):
        created_at = DateTimeField(default=utcnow)
        dossier_kind = CharField()
        dossier_id = IntegerField()
        follower = ForeignKeyField(Account, null=True, backref="+", on_delete="SET NULL")
        flagged_at = DateTimeField(null=True)

        class Meta:
            table_name = "dossier_follow"
            indexes = ((("dossier_kind", "dossier_id"), True), (("follower",), False))

    for model in (Account, Document, DossierMessage, DossierNote, DossierFollow):
        model._meta.set_database(database)
    return DossierMessage, DossierNote, DossierFollow


def apply(database):
    database.create_tables(_tables(database))
