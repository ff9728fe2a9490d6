"""The stored datetimes (naive, UTC) as Paris reads them, computed by the database: what a chart
groups by month or by day must be the months and days of people in France. PostgreSQL converts
with its time zone database; SQLite, which has none, applies the rule Paris follows (summer time,
UTC+2, from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October;
UTC+1 otherwise), checked against Python's zoneinfo in tests/core/test_paris_sql.py."""
from peewee import SQL, Case, NodeList, PostgresqlDatabase, fn

from portal.extensions import db

PATTERNS = {"month": ("%Y-%m", "YYYY-MM"), "day": ("%Y-%m-%d", "YYYY-MM-DD")}


def postgres() -> bool:
    return isinstance(db.database.obj, PostgresqlDatabase)


def _summer_starts_or_ends(year, month: str):
    """01:00 UTC on the last Sunday of the month before `month` (« 04 »: of March)."""
    return fn.datetime(fn.date(year.concat(f"-{month}-01"), "weekday 0", "-7 days"), "+1 hour")


def in_paris(column):
    """`column` (a UTC datetime) as the Paris local datetime."""
    if postgres():
        return NodeList((NodeList((column, SQL("AT TIME ZONE 'UTC'"))),
                         SQL("AT TIME ZONE 'Europe/Paris'")))
    year = fn.strftime("%Y", column)
    summer = (column >= _summer_starts_or_ends(year, "04")) & (
        column < _summer_starts_or_ends(year, "11"))
    return fn.datetime(column, Case(None, [(summer, "+2 hours")], "+1 hour"))


def text_of(column, pattern: str):
    """The Paris month (« 2026-03 ») or day (« 2026-03-31 ») of `column`, as text."""
    on_sqlite, on_postgres = PATTERNS[pattern]
    if postgres():  # a text, not converted as the column's values are (coerce)
        return fn.to_char(in_paris(column), on_postgres).coerce(False)
    return fn.strftime(on_sqlite, in_paris(column)).coerce(False)
