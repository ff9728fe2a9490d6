"""Measure the operator's enrolment table: bytes of the results fragment a filter keystroke
brings (htmx) against the whole page, and the median server time of that fragment, with one
operator holding N enrolments (and another operator as many), through the Flask test client on
a temporary SQLite database.  Usage: .venv/bin/python scripts/bench_tables.py [N] [repetitions]"""
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from portal.models.accounts import OPERATOR  # noqa: E402
from scripts.bench import make_app  # noqa: E402
from tests.helpers.accounts import make_account, signed_in  # noqa: E402
from tests.helpers.instruction import file_enrolment  # noqa: E402
from tests.helpers.operator import seed  # noqa: E402

HTMX = {"HX-Request": "true"}


def main(count: int = 60, repetitions: int = 50):
    with tempfile.TemporaryDirectory() as folder:
        app = make_app(folder)
        file_enrolment(app)
        operator = make_account(app, OPERATOR, email="bench@example.fr")
        seed(app, operator, count)
        seed(app, make_account(app, OPERATOR, email="autre@example.fr"), count, prefix="ENR-2026-9")
        client = signed_in(app.test_client(), operator)
        print(f"{count} demandes de l'opérateur (et autant d'un autre)")
        print("Requête | page entière (octets) | fragment htmx (octets) | fragment, médiane (ms)")
        for query in ("numero=ENR-2026-1000", "statut=in_progress&tri=siret", "page=2"):
            url = "/espace/enrolements/?" + query
            page = len(client.get(url).get_data())
            times = []
            for _ in range(repetitions):
                started = time.perf_counter()
                response = client.get(url, headers=HTMX)
                times.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200
            print(f"{query} | {page} | {len(response.get_data())} | {statistics.median(times):.1f}")


if __name__ == "__main__":
    main(*(int(arg) for arg in sys.argv[1:3]))
