"""Changes of the natural persons of an operator (its legal representative, its dépositaire)
asked from « Mon compte », with the documents that justify them, each validated or refused by a
manager. The persons in force are those of the last validated change, else of the enrolment."""
from peewee import CharField, DateTimeField, ForeignKeyField, TextField

from portal.models.accounts import Account
from portal.models.bank import BANK_STATUS_LABELS, PENDING, REPLACED
from portal.models.base import BaseModel, StatusEvent
from portal.models.documents import Document

STATUS_LABELS = {code: label for code, label in BANK_STATUS_LABELS.items() if code != REPLACED}
PERSON_FIELDS = ("rep_last_name", "rep_first_name", "rep_email", "rep_phone",
                 "filer_last_name", "filer_first_name", "filer_email", "filer_phone")


class PersonChange(BaseModel):
    account = ForeignKeyField(Account, backref="person_changes", on_delete="CASCADE")
    siret = CharField(max_length=14, default="")  # the company whose persons change (0026)
    rep_last_name = CharField()
    rep_first_name = CharField()
    rep_email = CharField()
    rep_phone = CharField()
    filer_last_name = CharField(default="")  # empty: the legal representative holds the account
    filer_first_name = CharField(default="")
    filer_email = CharField(default="")
    filer_phone = CharField(default="")
    changes = TextField(default="")  # what differs from the persons in force, as read by people
    representative_id = ForeignKeyField(Document, null=True, on_delete="SET NULL")
    filer_id = ForeignKeyField(Document, null=True, on_delete="SET NULL")
    mandate = ForeignKeyField(Document, null=True, on_delete="SET NULL")
    status = CharField(default=PENDING, index=True)  # one PENDING per account and company (0026)
    decided_at = DateTimeField(null=True)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def pending(self) -> bool:
        return self.status == PENDING

    class Meta:
        table_name = "person_change"


class PersonChangeEvent(StatusEvent):
    person_change = ForeignKeyField(PersonChange, backref="events", on_delete="CASCADE")
    LABELS = STATUS_LABELS

    class Meta:
        table_name = "person_change_event"
