"""The one CSV writer of the exports: UTF-8 with BOM, « ; », CRLF, as a French spreadsheet opens
it, streamed. Every text cell is neutralised against formula injection as OWASP advises (a cell
starting with = + - @, a tab or a carriage return gets a leading single quote), and cleaned of NUL
and other control characters.

An export reads the driver's own tuples of exactly its columns (`stream_rows`): no model instance,
no field conversion, and on PostgreSQL a server-side cursor inside a transaction, so that memory
stays flat whatever the row count. Each column says how its raw value is written (`Column.write`):
`cell` for a text, `label`, `plain`, `day`, `paris_day`; they write what portal/formatting.py
writes for the same value (French decimals without grouping, days in Paris time)."""
import csv
import datetime
import io
import re
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from peewee import PostgresqlDatabase

from portal.formatting import PARIS
from portal.services.core.cleaning import clean_text

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")  # a plain number (formatting.plain) is left alone
FETCH = 2000  # rows per round trip of the server-side cursor
CHUNK = 64 * 1024  # characters per piece of the streamed response
UTC = datetime.timezone.utc


def cell(value) -> str:
    text = "" if value is None else clean_text(str(value))
    if text.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(text):
        return "'" + text
    return text


# What a raw value of the driver becomes (SQLite gives texts and floats, PostgreSQL objects) ------

def label(labels: dict) -> Callable:
    """A code written as its French label (an unknown code is an error, as on a page)."""
    return labels.__getitem__


def plain(value) -> str:
    """formatting.plain, fast: 175248.3 → « 175248,30 »; None → ""."""
    if value is None:
        return ""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    return f"{number:.2f}".replace(".", ",")


def _day_text(day: datetime.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def calendar_date(value) -> datetime.date | None:
    """The day of a DateField's raw value (SQLite: a text; PostgreSQL: a date)."""
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(value[:10])


def paris_date(value) -> datetime.date | None:
    """The day in Paris of a stored datetime's raw value (naive UTC, a text on SQLite)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(PARIS).date()


def day(value) -> str:
    """formatting.date of a calendar day (a DateField): « 01/04/2026 »; None → ""."""
    return "" if value is None else _day_text(calendar_date(value))


def paris_day(value) -> str:
    """formatting.date of a stored datetime (naive UTC): its day in Paris; None → ""."""
    return "" if value is None else _day_text(paris_date(value))


@dataclass(frozen=True)
class Column:
    header: str
    expression: object  # a peewee field or expression, selected as it is
    write: Callable = cell


def stream_rows(query, size: int = FETCH) -> Iterator[tuple]:
    """The raw tuples of `query`, read as they are written. PostgreSQL: a cursor declared on the
    server in a transaction, fetched `size` rows at a time (peewee's connections run in
    autocommit, where psycopg2 refuses a named cursor, hence DECLARE/FETCH); the cursor and the
    transaction end with the generator, closed early included (a client gone mid-download).
    SQLite: its cursor, which steps through the result lazily."""
    database = query.model._meta.database
    database = getattr(database, "obj", database)  # the proxy's database
    sql, params = query.sql()
    if isinstance(database, PostgresqlDatabase):
        name = f"export_{uuid.uuid4().hex}"
        with database.atomic():
            database.execute_sql(f"DECLARE {name} NO SCROLL CURSOR FOR {sql}", params)
            cursor = database.cursor()
            try:
                while True:
                    cursor.execute(f"FETCH FORWARD {int(size)} FROM {name}")
                    rows = cursor.fetchall()
                    if not rows:
                        break
                    yield from rows
            finally:
                cursor.close()  # the server's cursor ends with the transaction
        return
    cursor = database.execute_sql(sql, params)
    try:
        yield from cursor
    finally:
        cursor.close()


def lines(header: Iterable, rows: Iterable[Iterable]) -> Iterator[str]:
    """The CSV text of `header` then `rows` (every value through `cell`), in pieces."""
    return _pieces(header, ([cell(value) for value in row] for row in rows))


def export(columns: Iterable[Column], query) -> Iterator[str]:
    """The CSV of `columns` for the rows of `query` (filtered and sorted): only those columns
    are selected, streamed (`stream_rows`), each raw value written by its column. Closing it
    early (a client gone) ends the rows' cursor and transaction at once."""
    columns = tuple(columns)
    writers = tuple(column.write for column in columns)
    rows = stream_rows(query.select(*(column.expression for column in columns)))
    try:
        yield from _pieces((column.header for column in columns),
                           ([write(value) for write, value in zip(writers, row)] for row in rows))
    finally:
        rows.close()


def _pieces(header: Iterable, rows: Iterable[list]) -> Iterator[str]:
    """The BOM and the header, then the rows' lines joined into pieces of about CHUNK
    characters (a piece per line would cost a round through the WSGI server per row)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")

    def taken() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow([cell(value) for value in header])
    yield "\ufeff" + taken()
    for row in rows:
        writer.writerow(row)
        if buffer.tell() >= CHUNK:
            yield taken()
    if buffer.tell():
        yield taken()
