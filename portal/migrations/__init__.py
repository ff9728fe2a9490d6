"""Numbered migrations: portal/migrations/NNNN_name.py, each with `apply(database)`.

Applied in order by `flask db-upgrade`; the names applied are kept in the table schema_migration.
"""
import importlib
import pkgutil

from peewee import CharField, DateTimeField, Model

from portal.models.base import utcnow


def _history_model(database):
    class SchemaMigration(Model):
        name = CharField(primary_key=True)
        applied_at = DateTimeField(default=utcnow)

        class Meta:
            table_name = "schema_migration"

    SchemaMigration._meta.set_database(database)
    return SchemaMigration


def available() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name[:4].isdigit())


def upgrade(database) -> list[str]:
    history = _history_model(database)
    database.create_tables([history], safe=True)
    done = {row.name for row in history.select()}
    applied = []
    for name in available():
        if name in done:
            continue
        module = importlib.import_module(f"{__name__}.{name}")
        with database.atomic():
            module.apply(database)
            history.create(name=name)
        applied.append(name)
    return applied
