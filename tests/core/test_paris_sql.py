"""The database reads the stored UTC datetimes as Paris does (services/core/paris_sql.py): around
every change of summer time from 2024 to 2032 and at the turn of months and years, its month and
day are those of Python's zoneinfo, on SQLite (the rule, computed) as on PostgreSQL (its zones)."""
import datetime

from peewee import Select, Value

from portal.extensions import db
from portal.formatting import PARIS
from portal.services.core import paris_sql
from tests.helpers.enrolment import database

UTC = datetime.timezone.utc


def _around(moment, hours=3, step=datetime.timedelta(minutes=30)):
    start = moment - datetime.timedelta(hours=hours)
    return [start + i * step for i in range(int(2 * hours * 3600 / step.total_seconds()) + 1)]


def _moments():
    found = []
    for year in range(2024, 2033):
        for month in (3, 10):  # the last Sunday of March and of October, at 01:00 UTC
            last = datetime.date(year, month, 31)
            sunday = last - datetime.timedelta(days=(last.weekday() + 1) % 7)
            found += _around(datetime.datetime.combine(sunday, datetime.time(1)))
        for month in (1, 7, 12):  # the turn of a month (winter, summer) and of the year
            end = datetime.date(year + (month == 12), month % 12 + 1, 1)
            found += _around(datetime.datetime.combine(end, datetime.time()), hours=3)
    return found


def test_months_and_days_are_those_of_paris(app):
    moments = _moments()
    with database(app):
        for pattern, fmt in (("month", "%Y-%m"), ("day", "%Y-%m-%d")):
            columns = [paris_sql.text_of(Value(m), pattern) for m in moments]
            found = [list(row) for row in Select(columns=columns).bind(db.database).tuples()][0]
            expected = [m.replace(tzinfo=UTC).astimezone(PARIS).strftime(fmt) for m in moments]
            wrong = [(m, f, e) for m, f, e in zip(moments, found, expected) if f != e]
            assert not wrong, wrong[:5]
