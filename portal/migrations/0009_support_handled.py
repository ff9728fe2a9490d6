"""A support message is marked handled by a member of staff (who and when)."""
from peewee import CharField, DateTimeField
from playhouse.migrate import SchemaMigrator, migrate


def apply(database):
    migrator = SchemaMigrator.from_database(database)
    migrate(migrator.add_column("support_message", "handled_at", DateTimeField(null=True)),
            migrator.add_column("support_message", "handled_by", CharField(default="")))
