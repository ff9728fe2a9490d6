"""Enrolment drafts (the wizard, saved step by step), submitted enrolments and their history."""
import json

from peewee import (BooleanField, CharField, DateTimeField, DeferredForeignKey, ForeignKeyField,
                    IntegerField, TextField)

from portal.models.base import BaseModel, StatusEvent, utcnow
from portal.models.reference import AnsReferencing

KIND_INITIAL = "initial"
KIND_COMPLEMENTARY = "complementary"
KIND_LABELS = {KIND_INITIAL: "Enrôlement initial", KIND_COMPLEMENTARY: "Enrôlement complémentaire"}

# Status codes and the seeds' labels, defined once.
IN_PROGRESS = "in_progress"
PARTIAL = "partial"
AWAITING_DOCUMENTS = "awaiting_documents"
CERTIFICATES_TO_CHECK = "certificates_to_check"
REJECTED = "rejected"
VALIDATED = "validated"
STATUS_LABELS = {
    IN_PROGRESS: "En cours",
    PARTIAL: "Validation partielle : en attente de certificat(s)",
    AWAITING_DOCUMENTS: "En attente de pièce(s) jointe(s) complémentaire(s)",
    CERTIFICATES_TO_CHECK: "Certificat(s) à valider",
    REJECTED: "Rejetée",
    VALIDATED: "Validée",
}


class EnrolmentDraft(BaseModel):
    """The wizard's answers so far, saved server-side after each valid step."""
    token = CharField(unique=True)
    kind = CharField(default=KIND_INITIAL)
    data = TextField(default="{}")
    step = IntegerField(default=1)  # the furthest step the applicant may open
    updated_at = DateTimeField(default=utcnow, index=True)

    @property
    def values(self) -> dict:
        return json.loads(self.data or "{}")

    @values.setter
    def values(self, new: dict) -> None:
        self.data = json.dumps(new, ensure_ascii=False)

    class Meta:
        table_name = "enrolment_draft"


class Enrolment(BaseModel):
    number = CharField(unique=True)
    kind = CharField(default=KIND_INITIAL)
    anticipated = BooleanField(default=False)
    status = CharField(default=IN_PROGRESS, index=True)
    submitted_at = DateTimeField(default=utcnow, index=True)
    referencing = ForeignKeyField(AnsReferencing, backref="enrolments")
    ans_number = CharField()
    software_name = CharField()
    software_version = CharField()
    dsr = CharField()
    hds_host = BooleanField(null=True)
    siret = CharField(max_length=14, index=True)
    denomination = CharField()
    denomination_changed = BooleanField(default=False)
    trade_name = CharField()
    street_type = CharField()
    street = CharField()
    postcode = CharField()
    commune = CharField()
    recipient = CharField(default="")
    building = CharField(default="")
    extension = CharField(default="")
    address_complement = CharField(default="")
    is_buyer = BooleanField(default=False)
    is_distributor = BooleanField(default=False)
    is_legal_representative = BooleanField(default=True)
    rep_last_name = CharField()
    rep_first_name = CharField()
    rep_email = CharField()
    rep_phone = CharField()
    filer_last_name = CharField(default="")
    filer_first_name = CharField(default="")
    filer_email = CharField(default="")
    filer_phone = CharField(default="")
    filer_quality = CharField(default="")
    iban = CharField()
    bic = CharField()
    account_holder = CharField()
    bank_name = CharField(default="")
    vat_rate = CharField()
    holder_email = CharField(index=True)  # the future account holder
    holder = DeferredForeignKey("Account", null=True, backref="enrolments", on_delete="SET NULL")
    decided_at = DateTimeField(null=True)  # last decision of a manager
    draft_token = CharField(null=True, unique=True)  # the draft it was filed from: filed once

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def is_complementary(self) -> bool:
        return self.kind == KIND_COMPLEMENTARY

    @property
    def kind_label(self) -> str:
        label = KIND_LABELS[self.kind]
        return label + " (anticipé)" if self.anticipated else label

    @property
    def profile_label(self) -> str:
        """The referenced profile in full: the DSR and the operator's role."""
        return f"{self.dsr} — {'opérateur acheteur' if self.is_buyer else 'opérateur développeur'}"

    class Meta:
        table_name = "enrolment"


class EnrolmentEvent(StatusEvent):
    enrolment = ForeignKeyField(Enrolment, backref="events", on_delete="CASCADE")
    LABELS = STATUS_LABELS

    class Meta:
        table_name = "enrolment_event"
