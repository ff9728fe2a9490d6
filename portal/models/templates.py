"""Document templates (« modèles de pièces justificatives », guide 003 §5.3): a file a supplier
sends for the ASP's review before depositing the real document in a funding request. Imported
first (checked at once, not yet sent), then validated by its supplier for review, then accepted
or rejected by a manager with a comment."""
from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from portal.models.accounts import Account
from portal.models.base import BaseModel, StatusEvent
from portal.models.documents import Document

IMPORTED, PENDING, ACCEPTED, REJECTED = "imported", "pending", "accepted", "rejected"
TEMPLATE_STATUS_LABELS = {IMPORTED: "Importé — non validé", PENDING: "En attente d'instruction",
                          ACCEPTED: "Accepté", REJECTED: "Rejeté"}
REVIEWED_STATUS_LABELS = {s: TEMPLATE_STATUS_LABELS[s] for s in (PENDING, ACCEPTED, REJECTED)}


class DocumentTemplate(BaseModel):
    account = ForeignKeyField(Account, backref="document_templates", on_delete="CASCADE")
    siret = CharField(max_length=14)  # the company it was sent for (services/account/companies)
    kind = CharField()  # a code of services/core/document_types.TEMPLATE_KINDS
    document = ForeignKeyField(Document, on_delete="CASCADE")
    page_count = IntegerField(null=True)  # a PDF's pages, as read when it was imported
    status = CharField(default=IMPORTED, index=True)
    submitted_at = DateTimeField(null=True, index=True)  # « Valider l'import »
    comment = TextField(default="")  # the ASP's, with its decision
    decided_by = ForeignKeyField(Account, null=True, on_delete="SET NULL", backref="+")
    decided_at = DateTimeField(null=True)

    @property
    def status_label(self) -> str:
        return TEMPLATE_STATUS_LABELS[self.status]

    @property
    def pending(self) -> bool:
        """Sent for review, waiting for the ASP's decision."""
        return self.status == PENDING

    class Meta:
        table_name = "document_template"
        indexes = ((("account", "siret", "kind", "status"), False),)


class DocumentTemplateEvent(StatusEvent):
    template = ForeignKeyField(DocumentTemplate, backref="events", on_delete="CASCADE")
    LABELS = TEMPLATE_STATUS_LABELS

    class Meta:
        table_name = "document_template_event"
