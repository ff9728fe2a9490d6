"""Measure « Gérer mes demandes de financement » with one operator holding N requests (100 000 by
default): median and p95 server time of the table's results fragment for a filter (htmx), and the
time and peak Python memory of the full CSV export, streamed. Through the Flask test client, on a
temporary SQLite file or on a PostgreSQL database (emptied first).
Usage: .venv/bin/python scripts/bench_funding.py [N] [repetitions] [postgresql://…]"""
import datetime
import statistics
import sys
import tempfile
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from peewee import chunked  # noqa: E402

from portal.extensions import db  # noqa: E402
from portal.models import Enrolment, FundingRequest  # noqa: E402
from portal.models.accounts import OPERATOR  # noqa: E402
from scripts.bench import make_app  # noqa: E402
from tests.helpers.accounts import make_account, signed_in  # noqa: E402
from tests.conftest import _reset_postgres  # noqa: E402
from tests.helpers.instruction import file_enrolment  # noqa: E402

HTMX = {"HX-Request": "true"}
QUERIES = ("type=balance&statut=decided", "numero=FINMSS0123", "paiement=paid&tri=-montant",
           "logiciel=DPI&depot_du=2025-01-01&depot_au=2025-01-31", "statut=in_progress&page=40")
STATUSES = ("in_progress", "decided", "decided", "to_modify", "rejected")
PAYMENTS = ("none", "in_progress", "paid")


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
        if db.database.__class__.__name__.startswith("Postgres"):
            db.database.execute_sql("ANALYZE funding_request")  # as autovacuum would, live


def main(count: int = 100_000, repetitions: int = 30, database_url: str | None = None):
    with tempfile.TemporaryDirectory() as folder:
        if database_url:
            _reset_postgres(database_url)
        app = make_app(folder, database_url)
        file_enrolment(app)
        operator = make_account(app, OPERATOR, email="bench@example.fr")
        started = time.perf_counter()
        seed(app, operator, count)
        print(f"{count} demandes de financement ({'PostgreSQL' if database_url else 'SQLite'}), "
              f"créées en {time.perf_counter() - started:.1f} s")
        client = signed_in(app.test_client(), operator)
        print("Filtre | lignes | fragment (octets) | médiane (ms) | p95 (ms)")
        for query in QUERIES:
            times = []
            for _ in range(repetitions):
                began = time.perf_counter()
                response = client.get("/espace/financement/?" + query, headers=HTMX)
                times.append((time.perf_counter() - began) * 1000)
                assert response.status_code == 200
            rows = response.get_data(as_text=True).count("<tr>") - 1
            p95 = statistics.quantiles(times, n=20)[-1]
            print(f"{query} | {max(rows, 0)} | {len(response.get_data())} | "
                  f"{statistics.median(times):.1f} | {p95:.1f}")
        for traced in (False, True):
            if traced:
                tracemalloc.start()
            began = time.perf_counter()
            response = client.get("/espace/financement/export.csv")
            size = sum(len(chunk) for chunk in response.iter_encoded())
            elapsed = time.perf_counter() - began
            if traced:
                peak = tracemalloc.get_traced_memory()[1]
                tracemalloc.stop()
                print(f"Export CSV : mémoire Python au plus haut {peak / 1024 / 1024:.1f} Mo "
                      f"(mesurée à part, {elapsed:.1f} s sous tracemalloc)")
            else:
                print(f"Export CSV complet : {size / 1024 / 1024:.1f} Mo en {elapsed:.1f} s")


if __name__ == "__main__":
    args = sys.argv[1:]
    url = next((a for a in args if "://" in a), None)
    numbers = [int(a) for a in args if "://" not in a]
    main(*numbers[:2], database_url=url) if numbers else main(database_url=url)
