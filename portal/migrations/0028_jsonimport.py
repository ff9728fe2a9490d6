"""The SQLite mirror of the funding requests' numbers kept again (0022): migration 0027 added NOT
NULL columns to funding_request, which peewee's SQLite migrator does by rebuilding the table —
its indexes are made again, its triggers are not, so the numbers of new requests were no longer
mirrored and « Numéro de dossier » found none of them. The triggers are created again and the
mirror rebuilt. Nothing to do on PostgreSQL (0027 added its columns in place)."""
import importlib

from peewee import SqliteDatabase


def apply(database):
    if isinstance(getattr(database, "obj", database), SqliteDatabase):
        importlib.import_module("portal.migrations.0022_funding_table_search")._sqlite_numbers(
            database)
