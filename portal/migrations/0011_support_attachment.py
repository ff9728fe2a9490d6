"""A support message may carry one attachment (sent by a signed-in operator)."""
from peewee import DateTimeField, ForeignKeyField, Model
from playhouse.migrate import SchemaMigrator, migrate

from portal.models.base import utcnow


def apply(database):
    class Document(Model):
        created_at = DateTimeField(default=utcnow)

        class Meta:
            table_name = "document"

    Document._meta.set_database(database)
    migrator = SchemaMigrator.from_database(database)
    migrate(migrator.add_column("support_message", "attachment_id",
                                ForeignKeyField(Document, null=True, on_delete="SET NULL",
                                                field=Document.id)))
