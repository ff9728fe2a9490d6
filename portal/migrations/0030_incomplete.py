"""Incomplete requests (issue 16, guide 003 §9): when the supplier was warned that an import's
incomplete requests would be deleted, and the history of the requests deleted (kept once the
request, its files and its events are gone)."""
from peewee import CharField, DateTimeField, ForeignKeyField, Model
from playhouse.migrate import SchemaMigrator, migrate

from portal.models.base import utcnow


def _table(database):
    class Account(Model):
        class Meta:
            table_name = "account"

    class JsonImport(Model):
        class Meta:
            table_name = "json_import"

    class DeletedRequest(Model):
        created_at = DateTimeField(default=utcnow)
        account = ForeignKeyField(Account, on_delete="CASCADE")
        json_import = ForeignKeyField(JsonImport, on_delete="CASCADE")
        number = CharField()
        publisher_number = CharField()
        kind = CharField()
        imported_at = DateTimeField()
        reason = CharField()
        actor_account = ForeignKeyField(Account, null=True, on_delete="SET NULL", backref="+")
        actor_name = CharField(default="")

        class Meta:
            table_name = "deleted_request"
            indexes = ((("account", "created_at"), False),)

    for model in (Account, JsonImport, DeletedRequest):
        model._meta.set_database(database)
    return DeletedRequest


def apply(database):
    migrator = SchemaMigrator.from_database(database)
    migrate(migrator.add_column("json_import", "deletion_warned_at", DateTimeField(null=True)))
    database.create_tables([_table(database)])
