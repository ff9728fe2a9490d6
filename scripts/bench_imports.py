"""Measure the JSON channel (issue 15) against FLOORS measured in the same run, alternated A B A B.
(a) One file of 200 advance requests of the DPI corridor: checked (services/imports/validation
    .check) then filed (filing.file_import with its output JSON, as « Continuer vers le dépôt des
    pièces » does) — against json.loads + jsonschema on the same file (the published schema,
    built beforehand), and the bare driver inserting the rows the portal wrote (the import, its
    requests, their beneficiaries and history rows; read back, deleted, inserted again in one
    transaction). Median, p95, ratios; then each side once more in a fresh process for its peak
    RSS (VmHWM above the RSS just before) and, in another, its tracemalloc peak.
(b) « Gérer mes importations JSONs » with N imports of one supplier (10 000 by default): the
    server time of the table's htmx fragment for a few filters (type, ANS number, date range),
    median and p95, against the same SQL by the bare driver and the rows in a bare Jinja2
    template (bench_funding's method).
Through the Flask test client, on a temporary SQLite file or a PostgreSQL database (emptied first).
Usage: .venv/bin/python scripts/bench_imports.py [--imports N] [--repetitions R] [--postgres URL]"""
import argparse
import datetime
import json
import pickle
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import jinja2  # noqa: E402
from jsonschema import Draft202012Validator  # noqa: E402
from peewee import SqliteDatabase, chunked  # noqa: E402

from portal.extensions import db  # noqa: E402
from portal.models import Account, Corridor, JsonImport  # noqa: E402
from portal.models.imports import COMPLETE  # noqa: E402
from portal.services.imports import access, filing, output, schema, validation  # noqa: E402
from scripts.bench import make_app  # noqa: E402
from scripts.bench_export import portal_app, status_kib  # noqa: E402
from scripts.bench_funding import (FIXED, HTMX, floor, line, statements_of, summary,  # noqa: E402
                                   timed)
from tests.conftest import _reset_postgres  # noqa: E402
from tests.helpers import json_files as jf  # noqa: E402
from tests.helpers.accounts import signed_in  # noqa: E402

REQUESTS = 200
TABLES = ("funding_event", "beneficiary", "funding_request", "json_import")  # children first
URL = "/espace/importations/?"
QUERIES = ("", "type=balance", "ans=LGC-2023", "date_du=2025-03-01&date_au=2025-03-31",
           "type=advance&ans=DPI&date_du=2024-06-01&date_au=2025-06-30&page=5")
SHOWN = ("id", "created_at", "ans_number", "kind", "filename", "requests_total",
         "requests_retained", "requests_rejected")
FLOOR = jinja2.Environment(autoescape=True).from_string(
    '<p id="importations-compte">{{ total }} importations JSON</p><table><tbody>'
    "{% for row in rows %}<tr>{% for cell in row %}<td>{{ cell }}</td>{% endfor %}"
    '<td><a href="/espace/importations/{{ row[0] }}/sortie.json">Fichier JSON</a></td></tr>'
    "{% endfor %}</tbody></table>")


# The bare driver ---------------------------------------------------------------------------------

def connect(database: str):
    """A bare connection in transactions (committed by hand)."""
    if database.startswith("postgres"):
        import psycopg2
        return psycopg2.connect(database), "%s"
    import sqlite3
    return sqlite3.connect(database), "?"


def scope(table: str, mark: str) -> str:
    if table in ("funding_event", "beneficiary"):
        return f"request_id IN (SELECT id FROM funding_request WHERE json_import_id = {mark})"
    return f"{'json_import_id' if table == 'funding_request' else 'id'} = {mark}"


def read_back(connection, mark: str, import_id: int) -> dict:
    """table → (columns, rows) of one filed import."""
    cursor, rows = connection.cursor(), {}
    for table in TABLES:
        cursor.execute(f"SELECT * FROM {table} WHERE {scope(table, mark)} ORDER BY id",
                       (import_id,))
        rows[table] = ([d[0] for d in cursor.description], cursor.fetchall())
    connection.commit()
    return rows


def remove(connection, mark: str, import_id: int) -> None:
    cursor = connection.cursor()
    for table in TABLES:
        cursor.execute(f"DELETE FROM {table} WHERE {scope(table, mark)}", (import_id,))
    connection.commit()


def statement(table: str, columns: list, kept: list, mark: str) -> str:
    names = ", ".join(f'"{columns[i]}"' for i in kept)
    return f"INSERT INTO {table} ({names}) VALUES ({', '.join([mark] * len(kept))})"


def insert(connection, mark: str, rows: dict) -> int:
    """The same rows written again, new ids, one transaction; the import's new id."""
    cursor, ids = connection.cursor(), {}

    def one(table, columns, values):
        kept = [i for i, name in enumerate(columns) if name != "id"]
        cursor.execute(statement(table, columns, kept, mark) + " RETURNING id",
                       [values[i] for i in kept])
        return cursor.fetchone()[0]

    columns, (first,) = rows["json_import"]
    new_import = one("json_import", columns, first)
    columns, requests = rows["funding_request"]
    link = columns.index("json_import_id")
    for row in requests:
        ids[row[0]] = one("funding_request", columns,
                          [new_import if i == link else v for i, v in enumerate(row)])
    for table in ("beneficiary", "funding_event"):
        columns, children = rows[table]
        kept, link = [i for i, n in enumerate(columns) if n != "id"], columns.index("request_id")
        cursor.executemany(statement(table, columns, kept, mark),
                           [[ids[row[i]] if i == link else row[i] for i in kept]
                            for row in children])
    connection.commit()
    return new_import


# (a) one file of 200 requests ---------------------------------------------------------------------

def checked(account, raw: bytes):
    report = validation.check(raw, account)
    assert len(report.retained) == REQUESTS, [r.problems for r in report.requests][:3]
    return report


def filed(account, report, raw: bytes) -> int:
    corridor = Corridor.get(Corridor.code == report.corridor_code)
    enrolment = access.enrolment_for(account, corridor,
                                     report.document["numeroReferencementANS"])
    return filing.file_import(report, account, enrolment, corridor, "demandes-200.json", raw,
                              build_output=lambda done: output.output(report, done, False)).id


def floor_check(raw: bytes, published: dict) -> None:
    document = json.loads(raw)
    assert not list(Draft202012Validator(published).iter_errors(document))


def child(variant: str, database: str, work: str, account_id: int, trace: bool) -> None:
    """One side, once, in this fresh process: its RSS before and peak, or its tracemalloc peak;
    what it filed removed afterwards."""
    folder = Path(work)
    raw = (folder / "file.json").read_bytes()
    connection, mark = connect(database)
    if variant == "portal":
        app = portal_app(str(folder), database)
        context = app.test_request_context()
        context.push()
        db.database.connect(reuse_if_open=True)
        account = Account.get_by_id(account_id)
        run = lambda: filed(account, checked(account, raw), raw)  # noqa: E731
    else:
        published = json.loads((folder / "schema.json").read_text())
        rows = pickle.loads((folder / "rows.pickle").read_bytes())
        run = lambda: (floor_check(raw, published), insert(connection, mark, rows))[1]  # noqa: E731
    baseline = status_kib("VmRSS")
    Path("/proc/self/clear_refs").write_text("5")
    if trace:
        tracemalloc.start()
    import_id = run()
    traced = tracemalloc.get_traced_memory()[1] if trace else 0
    peak = status_kib("VmHWM")
    remove(connection, mark, import_id)
    print(json.dumps({"baseline": baseline, "peak": peak, "traced": traced}))


def in_child(variant: str, database: str, work: str, account_id: int, trace: bool) -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", variant, "--database", database,
                           "--work", work, "--account", str(account_id)]
                          + (["--trace"] if trace else []),
                          capture_output=True, text=True, cwd=ROOT, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def one_file(app, account, enrolment, database: str, work: str, repetitions: int) -> None:
    connection, mark = connect(database)
    with app.app_context(), db.database.connection_context():
        corridor = Corridor.get(Corridor.code == jf.DPI)
        published = schema.schema(corridor, "advance")
    raw = jf.raw(jf.valid_file(corridor, enrolment, count=REQUESTS))
    Path(work, "file.json").write_bytes(raw)
    Path(work, "schema.json").write_text(json.dumps(published))
    sides = {name: [] for name in ("check", "filing", "total", "jsonschema", "insert", "floor")}
    for _ in range(repetitions):  # A B A B
        with app.test_request_context(), db.database.connection_context():
            report = []
            check_t = timed(lambda: report.append(checked(account, raw)))
            ids = []
            file_t = timed(lambda: ids.append(filed(account, report[0], raw)))
        rows = read_back(connection, mark, ids[0])
        remove(connection, mark, ids[0])
        schema_t = timed(lambda: floor_check(raw, published))
        new = []
        insert_t = timed(lambda: new.append(insert(connection, mark, rows)))
        remove(connection, mark, new[0])
        both = [tuple(map(sum, zip(*pair))) for pair in ((check_t, file_t), (schema_t, insert_t))]
        for name, value in zip(sides, (check_t, file_t, both[0], schema_t, insert_t, both[1])):
            sides[name].append(value)
    Path(work, "rows.pickle").write_bytes(pickle.dumps(rows))
    size = len(raw) / 1024
    print(f"\n(a) Un fichier de {REQUESTS} demandes d'avance ({size:.0f} Kio), "
          f"{len(rows['beneficiary'][1])} bénéficiaires, {len(rows['funding_event'][1])} lignes "
          f"d'historique ; {repetitions} passages")
    print("Étape (plancher) : horloge | CPU du processus\n"
          "  mesure | médiane ms (plancher) | p95 ms (plancher) | ratio médiane | ratio p95")
    for ours, bare in (("check", "jsonschema"), ("filing", "insert"), ("total", "floor")):
        print(f"{ours} ({bare})")
        for i, label in enumerate(("horloge", "CPU")):
            line(f"  {label}", [t[i] for t in sides[ours]], [t[i] for t in sides[bare]])
    print("Mémoire, un passage dans un processus neuf : RSS avant (Mio) | pic RSS - avant (Mio) | "
          "pic tracemalloc (Mio)")
    for variant, label in (("portal", "portail"), ("floor", "plancher")):
        rss = in_child(variant, database, work, account.id, False)
        traced = in_child(variant, database, work, account.id, True)["traced"]
        grown = (rss["peak"] - rss["baseline"]) / 1024
        print(f"{label} | {rss['baseline'] / 1024:.0f} | {grown:.1f} | {traced / 1024 / 1024:.1f}")
    connection.close()


# (b) the imports table ----------------------------------------------------------------------------

def seed(app, account, enrolments, count: int) -> None:
    start = datetime.datetime(2024, 1, 1, 8, 0)
    with app.app_context(), db.database.connection_context():
        corridors = {e.id: Corridor.get(Corridor.code == code).id for code, e in enrolments}
        pairs = [e for _, e in enrolments]
        rows = ({"account": account.id, "enrolment": pairs[i % 3 == 0].id,
                 "corridor": corridors[pairs[i % 3 == 0].id],
                 "kind": "balance" if i % 4 == 0 else "advance",
                 "filename": f"demandes-{i:05d}.json", "stored_name": f"bench-{i:05d}.json",
                 "sha256": "0" * 64, "requests_total": 1 + i % 200,
                 "requests_retained": 1 + i % 200 - min(i % 7, i % 200),
                 "requests_rejected": min(i % 7, i % 200), "status": COMPLETE,
                 "created_at": start + datetime.timedelta(minutes=97 * i)} for i in range(count))
        with db.database.atomic():
            for batch in chunked(rows, 1000):
                JsonImport.insert_many(batch).execute()
        sqlite = isinstance(db.database.obj, SqliteDatabase)
        db.database.execute_sql("ANALYZE" if sqlite else "VACUUM ANALYZE json_import")


def imports_table(app, account, enrolments, database: str, count: int, repetitions: int) -> None:
    started = time.perf_counter()
    seed(app, account, enrolments, count)
    print(f"\n(b) « Gérer mes importations JSONs », {count} importations d'un fournisseur, "
          f"créées et analysées en {time.perf_counter() - started:.1f} s")
    connection, _ = connect(database)
    client = signed_in(app.test_client(), account)
    print("Filtre (lignes, requêtes SQL du tableau) : horloge | CPU du processus\n"
          "  mesure | médiane ms (plancher) | p95 ms (plancher) | ratio médiane | ratio p95")
    for query in QUERIES:
        statements = statements_of(client, query, URL, "json_import")
        ours, bare = [], []
        for _ in range(repetitions):
            ours.append(timed(lambda: client.get(URL + query, headers=HTMX).get_data()))
            bare.append(timed(lambda: floor(connection, statements, SHOWN, FLOOR)))
        part = client.get(URL + query, headers=HTMX).get_data(as_text=True)
        print(f"{query or '(aucun filtre)'} ({max(part.count('<tr') - 1, 0)} lignes, "
              f"{len(statements)} requêtes)")
        for i, label in enumerate(("horloge", "CPU")):
            line(f"  {label}", [t[i] for t in ours], [t[i] for t in bare])
    fixed = [timed(lambda: client.get(FIXED, headers=HTMX).get_data()) for _ in range(repetitions)]
    wall, cpu = (summary([t[i] for t in fixed])[0] for i in (0, 1))
    print(f"Coût fixe d'une requête htmx authentifiée sans tableau ({FIXED}) : médiane "
          f"{wall:.1f} ms (CPU {cpu:.1f} ms)")
    connection.close()


def main(count: int, repetitions: int, postgres: str | None) -> None:
    with tempfile.TemporaryDirectory() as work:
        if postgres:
            _reset_postgres(postgres)
        app = make_app(work, postgres)
        database = postgres or f"{work}/bench.sqlite3"
        account, dpi = jf.supplier(app)
        _, lgc = jf.supplier(app, jf.CITY, account=account)
        print(f"Base : {'PostgreSQL' if postgres else 'SQLite'}")
        with app.app_context(), db.database.connection_context():
            account = Account.get_by_id(account.id)
        one_file(app, account, dpi, database, work, repetitions)
        imports_table(app, account, [(jf.DPI, dpi), (jf.CITY, lgc)], database, count,
                      repetitions)
        if hasattr(db.database.obj, "close_all"):
            db.database.close_all()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--imports", type=int, default=10_000)
    parser.add_argument("--repetitions", type=int, default=20)
    parser.add_argument("--postgres", metavar="URL", help="e.g. postgresql://postgres@127.0.0.1"
                        ":5432/bench_journey (emptied first)")
    parser.add_argument("--child", choices=("portal", "floor"), help=argparse.SUPPRESS)
    parser.add_argument("--database", help=argparse.SUPPRESS)
    parser.add_argument("--work", help=argparse.SUPPRESS)
    parser.add_argument("--account", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        child(arguments.child, arguments.database, arguments.work, arguments.account,
              arguments.trace)
    else:
        main(arguments.imports, arguments.repetitions, arguments.postgres)
