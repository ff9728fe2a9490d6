"""A request for documents may also ask for data to correct (« Modifier »)."""
from peewee import TextField
from playhouse.migrate import SchemaMigrator, migrate


def apply(database):
    migrator = SchemaMigrator.from_database(database)
    migrate(migrator.add_column("document_request", "sections_json", TextField(default="[]")))
