"""When an admin's reference import last moved (issue 13's leftover): a job whose worker died
mid-way stayed « En cours » for ever; the worker now ends the jobs that have not moved for a while
(services/reference/import_jobs.interrupt_stalled)."""
from peewee import DateTimeField
from playhouse.migrate import SchemaMigrator, migrate


def apply(database):
    migrator = SchemaMigrator.from_database(database)
    migrate(migrator.add_column("import_job", "updated_at", DateTimeField(null=True)))
