"""Measure the managers' tools (issue 18) with N funding requests (100 000 by default), against
FLOORS measured in the same run, alternated A B A B:
(a) the XLSX export of the funding queue (/gestion/export/financements.xlsx, whole body consumed)
    against xlsxwriter (constant-memory mode, into a temporary file read back in 64 KiB pieces)
    writing the same tuples straight from the bare driver (sqlite3, or a psycopg2 server-side
    cursor) running the SQL the portal sent. Median, p95, ratios; then each side once more in a
    fresh process for its peak RSS above the RSS just before (bench_export's method).
(b) « Tableau de bord » (its htmx fragment, for a few filters), median and p95 server time,
    against the same SQL by the bare driver and the rows in a bare Jinja2 template
    (bench_funding's method). The requests get a history (two moves each) and a third of them a
    corridor, so that every chart has figures.
Through the Flask test client, on a temporary SQLite file or a PostgreSQL database (emptied first).
Usage: .venv/bin/python scripts/bench_manager_tools.py [--rows N] [--repetitions R] [--postgres URL]"""
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import jinja2  # noqa: E402
import xlsxwriter  # noqa: E402
from peewee import SqliteDatabase  # noqa: E402

from portal.extensions import db  # noqa: E402
from portal.models.accounts import MANAGER  # noqa: E402
from scripts.bench_export import (MIB, PIECE, arguments, consume, driver_rows,  # noqa: E402
                                  portal_client, seeded, status_kib)
from scripts.bench_funding import HTMX, line, statements_of, timed  # noqa: E402
from tests.helpers.accounts import make_account, signed_in  # noqa: E402

EXPORT = "/gestion/export/financements.xlsx"
DASHBOARD = "/gestion/tableau-de-bord/?"
FILTERS = ("", "couloir=mss", "du=2024-01-10&au=2024-02-20")
DASHBOARD_TABLES = ("funding_request", "funding_event", "outbox_message", "corridor")
DECLARED = re.compile(r"^DECLARE \S+ NO SCROLL CURSOR FOR ")
FLOOR = jinja2.Environment(autoescape=True).from_string(
    "{% for rows in results %}<table><tbody>{% for row in rows %}<tr>{% for cell in row %}"
    "<td>{{ cell }}</td>{% endfor %}</tr>{% endfor %}</tbody></table>{% endfor %}")


def with_history(app) -> None:
    """Two moves per request (filed, then its status some days later) and a third of the
    requests in the demo's first corridor: what the dashboard's charts read."""
    with app.app_context(), db.database.connection_context():
        sqlite = isinstance(db.database.obj, SqliteDatabase)
        days = "(id - id / 20 * 20)"  # id modulo 20, without « % » (a psycopg2 placeholder)
        later = (f"datetime(created_at, '+' || {days} || ' days')" if sqlite
                 else f"created_at + {days} * interval '1 day'")
        columns = "created_at, request_id, from_status, to_status, actor_role, actor_name, " \
                  "comment, snapshot"
        with db.database.atomic():
            db.database.execute_sql(f"INSERT INTO funding_event ({columns}) SELECT created_at, id,"
                                    " NULL, 'in_progress', 'operator', '', '', '{}' "
                                    "FROM funding_request")
            db.database.execute_sql(f"INSERT INTO funding_event ({columns}) SELECT {later}, id, "
                                    "'in_progress', status, 'manager', '', '', '{}' "
                                    "FROM funding_request WHERE status <> 'in_progress'")
            db.database.execute_sql("UPDATE funding_request SET corridor_id = (SELECT MIN(id) "
                                    "FROM corridor) WHERE id / 3 * 3 = id")
        db.database.execute_sql("ANALYZE" if sqlite else "VACUUM ANALYZE")


# The floors --------------------------------------------------------------------------------------

def floor_xlsx(database: str, sql: str, params):
    """xlsxwriter writing the driver's tuples as they come, then the file in pieces."""
    with tempfile.TemporaryFile() as output:
        book = xlsxwriter.Workbook(output, {"constant_memory": True, "in_memory": False})
        sheet = book.add_worksheet()
        for number, row in enumerate(driver_rows(database, sql, params)):
            sheet.write_row(number, 0, row)
        book.close()
        output.seek(0)
        while piece := output.read(PIECE):
            yield piece


def export_sql(client) -> tuple[str, list]:
    """The SELECT the export sent (on PostgreSQL, inside its DECLARE … CURSOR)."""
    sent = statements_of(client, "", EXPORT)
    sql, params = next((s, p) for s, p in sent if "FROM \"funding_request\"" in s)
    return DECLARED.sub("", sql), list(params)


def floor_dashboard(connection, statements) -> str:
    cursor = connection.cursor()
    results = []
    for sql, params in statements:
        cursor.execute(sql, params)
        results.append(cursor.fetchall())
    connection.commit()
    return FLOOR.render(results=results)


# Peak RSS in a fresh process ---------------------------------------------------------------------

def child(variant: str, database: str, account_id: int, sql: str, params: list) -> None:
    with tempfile.TemporaryDirectory() as folder:
        if variant == "portal":
            client = portal_client(folder, database, account_id)
            client.get("/gestion/tableau-de-bord/", headers=HTMX)  # the app warmed up
        baseline = status_kib("VmRSS")
        Path("/proc/self/clear_refs").write_text("5")  # the high-water mark from here on
        if variant == "portal":  # the workbook is written before the response starts
            response = client.get(EXPORT)
            assert response.status_code == 200, response.status_code
            pieces = response.iter_encoded()
        else:
            pieces = floor_xlsx(database, sql, params)
        size, _ = consume(pieces)
        print(json.dumps({"baseline": baseline, "peak": status_kib("VmHWM"), "size": size}))


def peak_rss(variant: str, database: str, account_id: int, sql: str, params: list) -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", variant, "--database", database,
                           "--account", str(account_id), "--sql", json.dumps([sql, params])],
                          capture_output=True, text=True, cwd=ROOT, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


# The run -----------------------------------------------------------------------------------------

def timed_export(pieces) -> tuple[float, float]:
    return timed(lambda: consume(pieces()))


def bench_export(client, database: str, manager_id: int, repetitions: int) -> None:
    sql, params = export_sql(client)
    variants = {"portail": lambda: client.get(EXPORT).iter_encoded(),
                "plancher": lambda: floor_xlsx(database, sql, params)}
    times = {name: [] for name in variants}
    for _ in range(repetitions):  # A B A B
        for name, pieces in variants.items():
            times[name].append(timed_export(pieces))
    size = consume(client.get(EXPORT).iter_encoded())[0]
    print(f"\n(a) Export XLSX de la file des demandes de financement : {size / MIB:.1f} Mio\n"
          "mesure | médiane ms (plancher) | p95 ms (plancher) | ratio médiane | ratio p95")
    for i, label in enumerate(("horloge", "CPU")):
        line(label, [t[i] for t in times["portail"]], [t[i] for t in times["plancher"]])
    print("Variante | RSS avant (Mio) | pic RSS (Mio) | pic - avant (Mio)")
    for name, variant in (("portail", "portal"), ("plancher", "floor")):
        rss = peak_rss(variant, database, manager_id, sql, params)
        print(f"{name} | {rss['baseline'] / 1024:.0f} | {rss['peak'] / 1024:.0f} | "
              f"{(rss['peak'] - rss['baseline']) / 1024:.1f}")


def bench_dashboard(client, connection, repetitions: int) -> None:
    print("\n(b) Tableau de bord (fragment htmx) : horloge | CPU du processus\n"
          "  mesure | médiane ms (plancher) | p95 ms (plancher) | ratio médiane | ratio p95")
    for query in FILTERS:
        statements = [(s, p) for s, p in statements_of(client, query, DASHBOARD, "")
                      if any(f'"{table}"' in s or f" {table} " in s for table in DASHBOARD_TABLES)]
        ours, bare = [], []
        for _ in range(repetitions):
            ours.append(timed(lambda: client.get(DASHBOARD + query, headers=HTMX).get_data()))
            bare.append(timed(lambda: floor_dashboard(connection, statements)))
        print(f"« {query or 'sans filtre'} » ({len(statements)} requêtes SQL)")
        for i, label in enumerate(("horloge", "CPU")):
            line(f"  {label}", [t[i] for t in ours], [t[i] for t in bare])


def connect(database: str):
    if database.startswith("postgres"):
        import psycopg2
        connection = psycopg2.connect(database)
        connection.autocommit = True
        return connection
    import sqlite3
    return sqlite3.connect(database)


def main(rows: int, repetitions: int, postgres: str | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        app, _ = seeded(folder, rows, postgres)
        with_history(app)
        manager = make_account(app, MANAGER, email="gestionnaire.bench@example.fr")
        database = postgres or f"{folder}/bench.sqlite3"
        print(f"{rows} demandes de financement ({'PostgreSQL' if postgres else 'SQLite'}), "
              f"portail et données prêts en {time.perf_counter() - started:.1f} s")
        client = signed_in(app.test_client(), manager)
        bench_export(client, database, manager.id, repetitions)
        connection = connect(database)
        bench_dashboard(client, connection, repetitions)
        connection.close()
        if hasattr(db.database.obj, "close_all"):
            db.database.close_all()


if __name__ == "__main__":
    given = arguments(__doc__, "test_bench", "--sql")
    if given.child:
        child(given.child, given.database, given.account, *json.loads(given.sql))
    else:
        main(given.rows, given.repetitions, given.postgres)
