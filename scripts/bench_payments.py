"""Measure « Mettre en paiement »: a payment batch of N decided requests (5 000 by default) built
by the portal — the guards (statuses, bank details in force), one line per request, one audited
kernel move and one mail per request, the SEPA file (pain.001.001.03) written by sepaxml and
checked against its schema, all in one transaction — against a FLOOR measured in the same run,
pass by pass: sepaxml alone building and checking the same N transfers (the file the bank gets,
nothing else). Wall time, median and p95 over the passes, and the ratios; then one more pass of
each under tracemalloc for its peak of Python memory. Through the services, in an app context, on
a temporary SQLite file or on a PostgreSQL database (emptied first).
Usage: .venv/bin/python scripts/bench_payments.py [N] [-r passes] [postgresql://…]"""
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
from portal.models.accounts import ADMIN, MANAGER  # noqa: E402
from portal.services.payments import batches, debtor, sepa  # noqa: E402
from scripts.bench import make_app  # noqa: E402
from tests.conftest import _reset_postgres  # noqa: E402
from tests.helpers.accounts import make_account  # noqa: E402
from tests.helpers.funding import validated_operator  # noqa: E402

DECIDED_AT = datetime.datetime(2026, 11, 2, 10, 0)


def seed(app, account, count: int, start: int) -> list[int]:
    """`count` decided requests of `account` (the bench's own rows: not through the kernel, which
    the tests do), their ids."""
    with app.app_context(), db.database.connection_context():
        enrolment = Enrolment.select().where(Enrolment.holder == account).first()
        rows = ({"number": f"FINMSS{i:06d}-M0", "dossier": f"FINMSS{i:06d}", "kind": "advance",
                 "enrolment": enrolment.id, "account": account.id, "status": "decided",
                 "decided_at": DECIDED_AT, "software": "MSS Opérateurs", "vat_rate": "20",
                 "declared_ht": Decimal("6666.67"), "amount_ht": Decimal("6666.67"),
                 "amount_ttc": Decimal("8000.00") + i % 1000}
                for i in range(start, start + count))
        with db.database.atomic():
            for part in chunked(rows, 500):
                FundingRequest.insert_many(part).execute()
        return [r.id for r in FundingRequest.select(FundingRequest.id)
                .where(FundingRequest.number >= f"FINMSS{start:06d}-M0",
                       FundingRequest.number < f"FINMSS{start + count:06d}-M0")]


def portal_pass(app, manager, ids) -> int:
    with app.test_request_context(), db.database.connection_context():
        return batches.create(manager, ids).size


def floor_pass(app, ids) -> int:
    """sepaxml alone: the same transfers (read beforehand, not timed), built and checked."""
    with app.app_context(), db.database.connection_context():
        account = debtor.current()
        transfers = [sepa.Transfer("MEDIMAIL SAS", "FR7630001007941234567890185", "BDFEFRPPCCT",
                                   r.amount_ttc, f"VERSE001 {r.dossier} {r.number}", r.number)
                     for r in FundingRequest.select().where(FundingRequest.id.in_(ids))]
    started = time.perf_counter()
    size = len(sepa.build("MEP-BENCH", account, datetime.date(2026, 12, 3), transfers))
    return size, (time.perf_counter() - started) * 1000


def timed(action):
    started = time.perf_counter()
    result = action()
    return result, (time.perf_counter() - started) * 1000


def summary(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def traced(action) -> float:
    """The peak of Python memory allocated during `action`, in MiB."""
    tracemalloc.start()
    action()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1024 / 1024


def main(count: int, passes: int, postgres: str | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        if postgres:
            _reset_postgres(postgres)
        app = make_app(folder, postgres and postgres.replace("postgresql://",
                                                              "postgresql+pool://", 1))
        app.config["MAIL_SERVER"] = None  # the outbox is written; no SMTP server is reached
        operator = validated_operator(app)
        manager = make_account(app, MANAGER, last_name="Dupont", first_name="Alice")
        with app.app_context(), db.database.connection_context():
            debtor.ensure_demo(make_account(app, ADMIN))
        ours, bare, start = [], [], 0
        for _ in range(passes):
            ids = seed(app, operator, count, start)
            start += count
            size, elapsed = timed(lambda: portal_pass(app, manager, ids))
            ours.append(elapsed)
            floor_size, floor_ms = floor_pass(app, ids)
            bare.append(floor_ms)
        (median, p95), (floor_median, floor_p95) = summary(ours), summary(bare)
        print(f"\nLot de {count} demandes ({'PostgreSQL' if postgres else 'SQLite'}), "
              f"{passes} passages ; fichier {size / 1024:.0f} Kio (plancher {floor_size / 1024:.0f} Kio)")
        print("mesure | portail médiane (plancher) ms | p95 (plancher) ms | ratio médiane | "
              "ratio p95")
        print(f"lot | {median:.0f} ({floor_median:.0f}) | {p95:.0f} ({floor_p95:.0f}) | "
              f"{median / floor_median:.2f} | {p95 / floor_p95:.2f}")
        print(f"par demande | {median / count:.2f} ms ({floor_median / count:.2f} ms)")
        ids = seed(app, operator, count, start)
        ours_peak = traced(lambda: portal_pass(app, manager, ids))
        floor_peak = traced(lambda: floor_pass(app, ids))
        print(f"pic mémoire (tracemalloc) | portail {ours_peak:.1f} Mio | plancher "
              f"{floor_peak:.1f} Mio | ratio {ours_peak / floor_peak:.2f}")


if __name__ == "__main__":
    arguments = sys.argv[1:]
    passes = 3
    if "-r" in arguments:
        index = arguments.index("-r")
        passes = int(arguments[index + 1])
        del arguments[index:index + 2]
    url = next((a for a in arguments if a.startswith("postgresql://")), None)
    numbers = [int(a) for a in arguments if a.isdigit()]
    main(numbers[0] if numbers else 5000, passes, url)
