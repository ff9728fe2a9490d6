"""The « Numéro de dossier » search on SQLite again: 0027 added foreign keys to funding_request,
which SQLite can only do by copying the table, and the copy dropped the triggers that keep the
FTS5 trigram mirror of the numbers (0022) — so numbers filed since were never found by digits
typed in their middle. The triggers are made again and the mirror rebuilt; nothing to do on
PostgreSQL (its trigram index lives on the table)."""
import importlib

from peewee import SqliteDatabase


def apply(database):
    if isinstance(getattr(database, "obj", database), SqliteDatabase):
        importlib.import_module("portal.migrations.0022_funding_table_search")._sqlite_numbers(
            database)
