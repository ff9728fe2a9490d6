"""Bank details an operator adds after its enrolment (« Gérer mes coordonnées bancaires »), each
validated or refused by a manager; the validated one is where payments go."""
from peewee import CharField, DateTimeField, ForeignKeyField

from portal.models.accounts import Account
from portal.models.base import BaseModel, StatusEvent
from portal.models.documents import Document

PENDING, VALIDATED, REFUSED, REPLACED = "pending", "validated", "refused", "replaced"
BANK_STATUS_LABELS = {PENDING: "En attente de validation", VALIDATED: "Validée",
                      REFUSED: "Refusée", REPLACED: "Remplacée"}


class BankDetail(BaseModel):
    account = ForeignKeyField(Account, backref="bank_details", on_delete="CASCADE")
    siret = CharField(max_length=14, default="")  # the company it was added for (0026)
    iban = CharField()
    bic = CharField()
    holder = CharField()
    bank_name = CharField(default="")
    rib = ForeignKeyField(Document, null=True, on_delete="SET NULL")
    status = CharField(default=PENDING, index=True)  # one PENDING per account and company (0026)
    decided_at = DateTimeField(null=True)

    @property
    def status_label(self) -> str:
        return BANK_STATUS_LABELS[self.status]

    @property
    def pending(self) -> bool:
        return self.status == PENDING

    class Meta:
        table_name = "bank_detail"


class BankDetailEvent(StatusEvent):
    bank_detail = ForeignKeyField(BankDetail, backref="events", on_delete="CASCADE")
    LABELS = BANK_STATUS_LABELS

    class Meta:
        table_name = "bank_detail_event"
