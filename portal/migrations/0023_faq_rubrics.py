"""FAQ entries grouped by rubric, as the guides show them: faq_entry.rubric, the entries already
there under « Questions générales »."""
from peewee import CharField
from playhouse.migrate import SchemaMigrator, migrate


def apply(database):
    migrator = SchemaMigrator.from_database(database)
    migrate(migrator.add_column("faq_entry", "rubric",
                                CharField(default="Questions générales")))
