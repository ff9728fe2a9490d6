"""The CSV export of « Gérer mes demandes de financement », read fast and memory-flat: the file
says what the pages say (French decimals, days in Paris), one query of the exported columns only,
a server-side cursor on PostgreSQL, and a client gone mid-download leaves nothing open. Run on
SQLite and, with TEST_DATABASE_URL, on PostgreSQL."""
import datetime
import re
from decimal import Decimal

import psycopg2
import pytest

from portal import formatting
from portal.extensions import db
from portal.models import Enrolment, FundingRequest
from portal.models.funding import KIND_LABELS, PAYMENT_LABELS, STATUS_LABELS
from portal.services.core import csv_export
from portal.services.funding.amounts import vat_label
from portal.services.funding.operator_table import EXPORT_COLUMNS
from tests.helpers.enrolment import database
from tests.helpers.funding import seed
from tests.helpers.queries import counting

EXPORT = "/espace/financement/export.csv"
# Around midnight UTC in winter and summer time, with and without microseconds.
MOMENTS = [datetime.datetime(2026, 3, 31, 22, 30), datetime.datetime(2026, 1, 31, 23, 30),
           datetime.datetime(2026, 10, 24, 21, 59, 59, 999999), datetime.datetime(2025, 12, 31, 23, 0)]
AMOUNTS = [Decimal("0"), Decimal("0.5"), Decimal("1234567.89"), Decimal("6666.67"), Decimal("10.10")]


def written_by_the_pages(app, operator) -> str:
    """The file as the pages' formatting writes it, from model instances (the export before it
    read tuples): the oracle of the fast writers."""
    with database(app):
        requests = (FundingRequest.select(FundingRequest, Enrolment).join(Enrolment)
                    .where(FundingRequest.account == operator)
                    .order_by(FundingRequest.created_at.desc(), FundingRequest.id.desc()))
        rows = [(r.number, KIND_LABELS[r.kind], r.publisher_number,
                 r.corridor.code if r.corridor_id else "", r.enrolment.ans_number, r.software,
                 formatting.date(r.created_at), STATUS_LABELS[r.status],
                 PAYMENT_LABELS[r.payment_state], formatting.plain(r.declared_ht),
                 formatting.plain(r.amount_ht), vat_label(r.vat_rate),
                 formatting.plain(r.amount_ttc), formatting.date(r.paid_on),
                 formatting.plain(r.paid_amount), r.enrolment.denomination, r.enrolment.siret)
                for r in requests]
    return "".join(csv_export.lines([c.header for c in EXPORT_COLUMNS], rows))


def test_the_file_says_what_the_pages_say(app, operator, client):
    with database(app):
        Enrolment.update(denomination="=Médi;Mail \"SAS\"").execute()
    seed(app, operator, 20, created_at=lambda i: MOMENTS[i % 4] + datetime.timedelta(days=i),
         declared_ht=lambda i: AMOUNTS[i % 5], amount_ttc=lambda i: AMOUNTS[(i + 2) % 5],
         vat_rate=lambda i: ("20", "HT", "8.5", "5.5")[i % 4],
         status=lambda i: ("decided", "in_progress", "rejected")[i % 3],
         payment_state=lambda i: "paid" if i % 3 == 0 else "none",
         paid_on=lambda i: datetime.date(2026, 4, 1 + i) if i % 3 == 0 else None,
         paid_amount=lambda i: AMOUNTS[i % 5] if i % 3 == 0 else None,
         software=lambda i: "-DPI" if i == 4 else "MSS Opérateurs")
    response = client.get(EXPORT)
    assert response.status_code == 200 and response.is_streamed
    body = response.get_data(as_text=True)
    assert body == written_by_the_pages(app, operator)
    assert ";01/04/2026;" in body and ";8,5 %;" in body and ";1234567,89;" in body


def exported(client) -> tuple[list[str], str]:
    """The statements run by the export, and the file."""
    with counting() as queries:
        body = client.get(EXPORT).get_data(as_text=True)
    return list(queries.sql), body


def selected_columns(statement: str) -> list[str]:
    listed = re.search(r"SELECT (.*?) FROM ", statement).group(1)
    return [column.strip() for column in listed.split(", ")]


def test_one_query_of_the_seventeen_exported_columns(app, operator, client):
    seed(app, operator, 1)
    one, body = exported(client)
    assert body.count("\r\n") == 2
    seed(app, operator, 50, start=1)
    fifty, body = exported(client)
    assert body.count("\r\n") == 52
    assert len(fifty) == len(one)  # no query per row
    reads = [s for s in fifty if 'INNER JOIN "enrolment"' in s]
    assert len(reads) == 1
    assert selected_columns(reads[0]) == [
        '"t1"."number"', '"t1"."kind"', '"t1"."publisher_number"', '"t2"."code"',
        '"t3"."ans_number"', '"t1"."software"',
        '"t1"."created_at"', '"t1"."status"', '"t1"."payment_state"', '"t1"."declared_ht"',
        '"t1"."amount_ht"', '"t1"."vat_rate"', '"t1"."amount_ttc"', '"t1"."paid_on"',
        '"t1"."paid_amount"', '"t3"."denomination"', '"t3"."siret"']


def idle_in_transaction(url) -> int:
    """Backends of the test database left « idle in transaction », seen from another session."""
    connection = psycopg2.connect(url)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                           " AND state LIKE 'idle in transaction%' AND pid <> pg_backend_pid()")
            return cursor.fetchone()[0]
    finally:
        connection.close()


def many(app, operator, count):
    for start in range(0, count, 2000):
        seed(app, operator, min(2000, count - start), start=start)


def test_postgres_reads_through_a_server_side_cursor(app, operator, client, postgres_url):
    if not postgres_url:
        pytest.skip("PostgreSQL only (TEST_DATABASE_URL)")
    many(app, operator, 20_000)
    response = client.get(EXPORT)
    pieces = response.iter_encoded()
    next(pieces), next(pieces)
    # Mid-download, on the request's own connection (this thread's), the export is a cursor
    # declared on the server, fetched a slice at a time: the client never holds the result.
    cursors = db.database.execute_sql("SELECT statement FROM pg_cursors").fetchall()
    assert [s[:8] for (s,) in cursors] == ["DECLARE "]
    rest = sum(piece.count(b"\r\n") for piece in pieces)
    response.close()
    assert rest > 15_000
    assert idle_in_transaction(postgres_url) == 0


def test_a_client_gone_mid_download_leaves_nothing_open(app, operator, client, postgres_url):
    many(app, operator, 3000)
    response = client.get(EXPORT)
    pieces = response.iter_encoded()
    first = (next(pieces) + next(pieces)).decode()
    assert first.startswith("\ufeffNuméro de dossier;") and first.count("\r\n") < 3000
    response.close()  # the browser went away: the WSGI server closes the response
    assert db.database.is_closed()
    if postgres_url:
        assert idle_in_transaction(postgres_url) == 0
    seed(app, operator, 1, start=3000)  # a write goes through
    again = client.get(EXPORT)
    assert again.status_code == 200 and again.get_data(as_text=True).count("\r\n") == 3002
