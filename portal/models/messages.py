"""The instruction tools of issue 18 around a dossier (an enrolment, a funding request, a JSON
import): the message thread between its operator and the ASP, the staff's private notes, and who
follows it. A dossier is named by its kind and id (one table for the three kinds, no foreign key);
`holder` is the operator who owns it, kept on each message so that an operator's unread count is
one indexed COUNT."""
from peewee import (BooleanField, CharField, DateTimeField, ForeignKeyField, IntegerField,
                    TextField)

from portal.models.accounts import Account
from portal.models.base import BaseModel
from portal.models.documents import Document

ENROLMENT, FUNDING, IMPORT = "enrolment", "funding", "import"
DOSSIER_KINDS = (ENROLMENT, FUNDING, IMPORT)


class DossierMessage(BaseModel):
    """A message, never changed once sent but for `read_at`: when the other side opened it."""
    dossier_kind = CharField()
    dossier_id = IntegerField()  # the record's id
    reference = CharField()  # « ENR-2026-000123 », « FINMSS000123-M1 », « 12 »: its URL part
    holder = ForeignKeyField(Account, null=True, backref="+", on_delete="CASCADE")
    author = ForeignKeyField(Account, null=True, backref="+", on_delete="SET NULL")
    author_name = CharField(default="")  # as it was then
    from_staff = BooleanField()
    body = TextField()
    document = ForeignKeyField(Document, null=True, backref="+", on_delete="SET NULL")
    read_at = DateTimeField(null=True)

    class Meta:
        table_name = "dossier_message"
        indexes = ((("dossier_kind", "dossier_id", "created_at"), False),
                   (("holder", "from_staff", "read_at"), False),
                   (("from_staff", "read_at"), False))


class DossierNote(BaseModel):
    """A private note of the staff: never shown to an operator, exported nor mailed."""
    dossier_kind = CharField()
    dossier_id = IntegerField()
    author = ForeignKeyField(Account, null=True, backref="+", on_delete="SET NULL")
    author_name = CharField(default="")
    body = TextField()

    class Meta:
        table_name = "dossier_note"
        indexes = ((("dossier_kind", "dossier_id", "created_at"), False),)


class DossierFollow(BaseModel):
    """Who follows a dossier (« Suivre ce dossier »), and since when the operator changed it
    unseen by them (`flagged_at`, cleared when they open it). One row per dossier (unique)."""
    dossier_kind = CharField()
    dossier_id = IntegerField()
    follower = ForeignKeyField(Account, null=True, backref="+", on_delete="SET NULL")
    flagged_at = DateTimeField(null=True)

    class Meta:
        table_name = "dossier_follow"
        indexes = ((("dossier_kind", "dossier_id"), True), (("follower",), False))
