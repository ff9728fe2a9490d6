"""Measure « Gérer mes demandes de financement » with one operator holding N requests (1 000 and
100 000 by default): the server time of the table's results fragment (htmx) for each filter,
median and p95, against a FLOOR measured in the same run, alternated request by request: the same
SQL (the queries of the request that read funding_request, as peewee sent them) run with the bare
driver (sqlite3 / psycopg2) and the same rows rendered by a bare Jinja2 template, no Flask. Prints
the ratios median/floor and p95/floor, the growth from the smallest N to the largest, and the
fixed cost of an authenticated htmx request that reads no request (« suggestions » of 2 letters).
A second floor, « Flask nu »: a bare Flask app answering the same bytes through the same test
client — the framework's own share of a request, which no work on the portal's code removes.
Through the Flask test client, on a temporary SQLite file or on a PostgreSQL database (emptied
first; pooled connections, as production runs them).
Usage: .venv/bin/python scripts/bench_funding.py [N …] [-r repetitions] [postgresql://…]"""
import datetime
import sqlite3
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import jinja2  # noqa: E402
from peewee import SqliteDatabase, chunked  # noqa: E402

from portal.extensions import db  # noqa: E402
from portal.models import Enrolment, FundingRequest  # noqa: E402
from portal.models.accounts import OPERATOR  # noqa: E402
from scripts.bench import make_app  # noqa: E402
from tests.helpers.accounts import make_account, signed_in  # noqa: E402
from tests.conftest import _reset_postgres  # noqa: E402
from tests.helpers.instruction import file_enrolment  # noqa: E402

HTMX = {"HX-Request": "true"}
URL = "/espace/financement/?"
QUERIES = ("type=balance&statut=decided", "numero=FINMSS0001", "numero=0123",
           "paiement=paid&tri=-montant", "logiciel=DPI&depot_du=2024-01-02&depot_au=2024-01-05",
           "statut=in_progress&page=40", "statut=rejected&tri=numero")
FIXED = "/espace/financement/suggestions?numero=FI"  # signed in, reads no request
STATUSES = ("in_progress", "decided", "decided", "to_modify", "rejected")
PAYMENTS = ("none", "in_progress", "paid")
SHOWN = ("number", "kind", "ans_number", "software", "created_at", "status", "payment_state",
         "declared_ht", "denomination")
FLOOR = jinja2.Environment(autoescape=True).from_string(
    '<p id="financements-compte">{{ total }} demandes de financement</p><table><tbody>'
    "{% for row in rows %}<tr>{% for cell in row %}<td>{{ cell }}</td>{% endfor %}"
    '<td><a href="/espace/financement/{{ row[0] }}">Consulter</a></td></tr>{% endfor %}'
    "</tbody></table>")


def seed(app, account, count: int) -> None:
    start = datetime.datetime(2024, 1, 1, 8, 0)
    with app.app_context(), db.database.connection_context():
        enrolment = Enrolment.select().first()
        rows = ({"number": f"FINMSS{i // 2:06d}-M{i % 2}", "dossier": f"FINMSS{i // 2:06d}",
                 "kind": "balance" if i % 2 else "advance", "enrolment": enrolment.id,
                 "account": account.id, "status": STATUSES[i % 5],
                 "payment_state": PAYMENTS[i % 3] if STATUSES[i % 5] == "decided" else "none",
                 "software": "DPI" if i % 7 == 0 else "MSS Opérateurs", "vat_rate": "20",
                 "declared_ht": Decimal(6666.67 + i % 1000), "amount_ht": Decimal("6666.67"),
                 "amount_ttc": Decimal("8000.00"),
                 "created_at": start + datetime.timedelta(minutes=13 * i),
                 "status_changed_at": start + datetime.timedelta(minutes=13 * i)}
                for i in range(count))
        with db.database.atomic():
            for batch in chunked(rows, 1000):
                FundingRequest.insert_many(batch).execute()
        # Statistics after a bulk load, as production keeps them (autovacuum, PRAGMA optimize).
        sqlite = isinstance(db.database.obj, SqliteDatabase)
        db.database.execute_sql("ANALYZE" if sqlite else "VACUUM ANALYZE funding_request")


def statements_of(client, query: str, url: str = URL, table: str = "funding_request") -> list:
    """The (sql, params) of the fragment that read `table` (peewee's query hooks)."""
    sent, hooks = [], db.database.obj.query_hooks
    hooks.append(record := lambda event: sent.append((event.sql, event.params)))
    try:
        assert client.get(url + query, headers=HTMX).status_code == 200
    finally:
        hooks.remove(record)
    return [(sql, params) for sql, params in sent if table in sql]


def floor(connection, statements, shown=SHOWN, template=FLOOR) -> str:
    """The same SQL by the bare driver, the rows in a bare template: what the request needs. The
    rows are the result holding every `shown` column; the count, the COUNT's."""
    total, rows = 0, []
    cursor = connection.cursor()
    for sql, params in statements:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
        names = [d[0] for d in cursor.description or ()]
        if sql.startswith("SELECT COUNT"):
            total = fetched[0][0]
        elif all(name in names for name in shown):
            picked = [names.index(n) for n in shown]
            rows = [[row[i] for i in picked] for row in fetched]
    connection.commit()
    return template.render(total=total, rows=rows)


def bare_flask():
    """The framework's floor: a Flask app answering `body["bytes"]` (no session, no database)."""
    import flask
    app, body = flask.Flask("plancher_flask"), {"bytes": b""}
    app.add_url_rule(URL.rstrip("?"), "fragment", lambda: body["bytes"])
    return app.test_client(), body


def timed(action) -> tuple[float, float]:
    """(wall clock, CPU time of this process) of `action`, in ms: on a busy machine the CPU time
    does not count the waits for a core (nor, on PostgreSQL, the server's work)."""
    began, cpu = time.perf_counter(), time.process_time()
    action()
    return (time.perf_counter() - began) * 1000, (time.process_time() - cpu) * 1000


def summary(times: list[float]) -> tuple[float, float]:
    return statistics.median(times), statistics.quantiles(times, n=20)[-1]


def line(label: str, ours: list[float], bare: list[float]) -> tuple[float, ...]:
    (median, p95), (floor_median, floor_p95) = summary(ours), summary(bare)
    print(f"{label} | {median:.1f} ({floor_median:.1f}) | {p95:.1f} ({floor_p95:.1f}) | "
          f"{median / floor_median:.2f} | {p95 / floor_p95:.2f}")
    return median, p95, floor_median, floor_p95


def connect(folder: str, database_url: str | None):
    if not database_url:
        return sqlite3.connect(f"{folder}/bench.sqlite3")
    import psycopg2
    connection = psycopg2.connect(database_url)
    connection.autocommit = True
    return connection


def measure(count: int, repetitions: int, database_url: str | None) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        if database_url:
            _reset_postgres(database_url)
        pooled = database_url and database_url.replace("postgresql://", "postgresql+pool://", 1)
        app = make_app(folder, pooled)
        file_enrolment(app)
        operator = make_account(app, OPERATOR, email="bench@example.fr")
        started = time.perf_counter()
        seed(app, operator, count)
        print(f"\n{count} demandes de financement ({'PostgreSQL' if database_url else 'SQLite'}), "
              f"créées et analysées en {time.perf_counter() - started:.1f} s")
        connection, client = connect(folder, database_url), signed_in(app.test_client(), operator)
        results = {}
        print("Filtre (lignes, requêtes SQL du tableau) : horloge | CPU du processus\n"
              "  mesure | médiane ms (plancher) | p95 ms (plancher) | ratio médiane | ratio p95")
        flask_client, flask_body = bare_flask()
        for query in QUERIES:
            statements = statements_of(client, query)
            part = client.get(URL + query, headers=HTMX).get_data()
            flask_body["bytes"] = part
            ours, bare, framework = [], [], []
            for _ in range(repetitions):  # alternated: A B C A B C
                ours.append(timed(lambda: client.get(URL + query, headers=HTMX).get_data()))
                bare.append(timed(lambda: floor(connection, statements)))
                framework.append(timed(lambda: flask_client.get(URL + query).get_data()))
            print(f"{query} ({part.count(b'<tr>') - 1} lignes, {len(statements)} requêtes)")
            results[query] = [line(f"  {label}", [t[i] for t in ours], [t[i] for t in bare])
                              for i, label in enumerate(("horloge", "CPU"))]
            line("  Flask nu (CPU)", [t[1] for t in framework], [t[1] for t in bare])
        fixed = [timed(lambda: client.get(FIXED, headers=HTMX).get_data())
                 for _ in range(repetitions)]
        results["fixed"] = [summary([t[i] for t in fixed]) for i in (0, 1)]
        print(f"Coût fixe d'une requête htmx authentifiée sans tableau ({FIXED}) : médiane "
              f"{results['fixed'][0][0]:.1f} ms (CPU {results['fixed'][1][0]:.1f} ms)")
        connection.close()
        if hasattr(db.database.obj, "close_all"):
            db.database.close_all()
        return results


def main(counts=(1000, 100_000), repetitions: int = 30, database_url: str | None = None):
    measured = {count: measure(count, repetitions, database_url) for count in counts}
    if len(counts) > 1:
        small, large = measured[min(counts)], measured[max(counts)]
        print(f"\nCroissance {min(counts)} → {max(counts)} de la médiane, horloge | CPU "
              "(celle du plancher) ; part du coût fixe dans la médiane (horloge) à l'un et l'autre")
        for query in QUERIES:
            growth = [f"{large[query][i][0] / small[query][i][0]:.2f} "
                      f"({large[query][i][2] / small[query][i][2]:.2f})" for i in (0, 1)]
            shares = [f"{run['fixed'][0][0] / run[query][0][0]:.0%}" for run in (small, large)]
            print(f"{query} | {' | '.join(growth)} ; {' ; '.join(shares)}")


if __name__ == "__main__":
    args = sys.argv[1:]
    url = next((a for a in args if "://" in a), None)
    reps = int(args[args.index("-r") + 1]) if "-r" in args else 30
    sizes = [int(a) for i, a in enumerate(args)
             if "://" not in a and a != "-r" and (i == 0 or args[i - 1] != "-r")]
    main(tuple(sizes) or (1000, 100_000), reps, url)
