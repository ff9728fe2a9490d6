"""Migration 0024 on a database of requests decided and put into payment before it: the
follow-up's « Date de validation » is the decision's, « Date de mise en paiement » the day the
history says so."""
import importlib

from peewee import SqliteDatabase

from portal import migrations


def insert(database, table: str, **values) -> int:
    """A row with every required column filled (the values given, else a plain one)."""
    row = {}
    for column in database.get_columns(table):
        if column.primary_key or column.null:
            continue
        kind = column.data_type.upper()
        row[column.name] = (1 if "INT" in kind else 0 if kind.startswith(("DECIMAL", "REAL"))
                            else "2026-01-01 00:00:00" if "DATE" in kind else "x")
    row.update(values)
    names = ", ".join(row)
    cursor = database.execute_sql(f"INSERT INTO {table} ({names}) VALUES "
                                  f"({', '.join('?' * len(row))})", tuple(row.values()))
    return cursor.lastrowid


def test_decided_and_payment_dates_are_found_for_older_requests(tmp_path):
    database = SqliteDatabase(str(tmp_path / "old.sqlite3"))  # rows alone: no foreign keys
    for name in [n for n in migrations.available() if n < "0024"]:
        importlib.import_module(f"portal.migrations.{name}").apply(database)
    paid = insert(database, "funding_request", number="A-M0", status="decided",
                  payment_state="in_progress", status_changed_at="2026-03-04 10:00:00")
    waiting = insert(database, "funding_request", number="B-M1", status="in_progress",
                     status_changed_at="2026-03-05 10:00:00")
    insert(database, "funding_event", request_id=paid, comment="Dépôt", created_at="2026-03-01")
    insert(database, "funding_event", request_id=paid, created_at="2026-03-06 09:30:00",
           comment="Paiement en cours\nLa demande est mise en paiement.")

    importlib.import_module("portal.migrations.0024_funding_dates").apply(database)

    rows = dict(database.execute_sql(
        "SELECT id, decided_at || ' / ' || COALESCE(payment_started_at, '-') FROM funding_request"
        " WHERE decided_at IS NOT NULL").fetchall())
    assert rows == {paid: "2026-03-04 10:00:00 / 2026-03-06 09:30:00"}
    assert database.execute_sql("SELECT decided_at FROM funding_request WHERE id = ?",
                                (waiting,)).fetchone() == (None,)
