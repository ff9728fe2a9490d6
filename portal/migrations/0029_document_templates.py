"""Document templates sent for the ASP's review (issue 16, guide 003 §5.3): one row per file a
supplier imports, its status, the ASP's decision, and its history."""
from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField, Model, TextField

from portal.models.base import utcnow


def _tables(database):
    class Account(Model):
        class Meta:
            table_name = "account"

    class Document(Model):
        class Meta:
            table_name = "document"

    class DocumentTemplate(Model):
        created_at = DateTimeField(default=utcnow)
        account = ForeignKeyField(Account, on_delete="CASCADE")
        siret = CharField(max_length=14)
        kind = CharField()
        document = ForeignKeyField(Document, on_delete="CASCADE")
        page_count = IntegerField(null=True)
        status = CharField(default="imported", index=True)
        submitted_at = DateTimeField(null=True, index=True)
        comment = TextField(default="")
        decided_by = ForeignKeyField(Account, null=True, on_delete="SET NULL", backref="+")
        decided_at = DateTimeField(null=True)

        class Meta:
            table_name = "document_template"
            indexes = ((("account", "siret", "kind", "status"), False),)

    class DocumentTemplateEvent(Model):
        created_at = DateTimeField(default=utcnow)
        from_status = CharField(null=True)
        to_status = CharField()
        actor_account = ForeignKeyField(Account, null=True, on_delete="SET NULL", backref="+")
        actor_role = CharField(default="")
        actor_name = CharField(default="")
        comment = TextField(default="")
        template = ForeignKeyField(DocumentTemplate, on_delete="CASCADE")

        class Meta:
            table_name = "document_template_event"

    for model in (Account, Document, DocumentTemplate, DocumentTemplateEvent):
        model._meta.set_database(database)
    return DocumentTemplate, DocumentTemplateEvent


def apply(database):
    database.create_tables(_tables(database))
