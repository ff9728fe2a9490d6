"""Measure the CSV export of « Gérer mes demandes de financement » for one operator holding N
requests (100 000 by default) against a FLOOR measured in the same run: the bare driver (sqlite3,
or a psycopg2 server-side cursor) and `csv` writing the same columns with the same formatting,
byte for byte (checked). The portal's export goes through the Flask test client, its whole body
consumed. Variants alternate A B A B; each prints its median, p95, CPU and ratios to the floor.
Then each variant runs once more in a fresh subprocess that prints its PEAK RSS (VmHWM, reset through
/proc/self/clear_refs, else ru_maxrss) above its RSS just before exporting.
Goals (issue 13): time ≤ 1.5× the floor, peak RSS ≤ baseline + 30 MiB, on SQLite and PostgreSQL.
Usage: .venv/bin/python scripts/bench_export.py [--rows N] [--repetitions R] [--postgres URL]"""
import argparse
import csv
import datetime
import hashlib
import io
import json
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from portal import create_app  # noqa: E402
from portal.extensions import db  # noqa: E402
from portal.models import Account  # noqa: E402
from portal.models.accounts import OPERATOR  # noqa: E402
from portal.models.funding import KIND_LABELS, PAYMENT_LABELS, STATUS_LABELS  # noqa: E402
from scripts.bench import make_app  # noqa: E402
from scripts.bench_funding import seed  # noqa: E402
from tests.conftest import _reset_postgres  # noqa: E402
from tests.helpers.accounts import make_account, signed_in  # noqa: E402
from tests.helpers.instruction import file_enrolment  # noqa: E402

EXPORT = "/espace/financement/export.csv"
MIB = 1024 * 1024
PIECE = 64 * 1024
FLOOR_SQL = (
    "SELECT r.number, r.kind, r.publisher_number, c.code, e.ans_number, r.software, r.created_at, r.status, r.payment_state,"
    " r.declared_ht, r.amount_ht, r.vat_rate, r.amount_ttc, r.paid_on, r.paid_amount,"
    " e.denomination, e.siret FROM funding_request r JOIN enrolment e ON e.id = r.enrolment_id"
    " LEFT OUTER JOIN corridor c ON c.id = r.corridor_id"
    " WHERE r.account_id = {mark} ORDER BY r.created_at DESC, r.id DESC")


# The floor ---------------------------------------------------------------------------------------

def driver_rows(database: str, sql: str, params):
    """The raw rows of `sql`, straight from the driver: sqlite3, or a psycopg2 named cursor."""
    if database.startswith("postgres"):
        import psycopg2
        connection = psycopg2.connect(database)
        try:
            with connection.cursor(name="floor") as cursor:  # server-side, in a transaction
                cursor.itersize = 2000
                cursor.execute(sql, params)
                yield from cursor
        finally:
            connection.close()
    else:
        import sqlite3
        connection = sqlite3.connect(database)
        try:
            yield from connection.execute(sql, params)
        finally:
            connection.close()


def floor_rows(database: str, account_id: int):
    mark = "%s" if database.startswith("postgres") else "?"
    return driver_rows(database, FLOOR_SQL.format(mark=mark), (account_id,))


def floor_pieces(database: str, account_id: int):
    """The same file as the portal's, written by hand: BOM, « ; », CRLF, French decimals, days
    in Paris, labels, formula-neutralised text cells; encoded in pieces of 64 KB."""
    paris, utc = ZoneInfo("Europe/Paris"), datetime.timezone.utc
    control = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
    number = re.compile(r"-?\d+(?:[.,]\d+)?")
    vat = {}

    def text(value):
        value = "" if value is None else control.sub("", value)
        risky = value[:1] in ("=", "+", "-", "@", "\t", "\r") and not number.fullmatch(value)
        return "'" + value if risky else value

    def money(value):
        if value is None:
            return ""
        value = value if isinstance(value, Decimal) else Decimal(str(value))
        return f"{value:.2f}".replace(".", ",")

    def when(value, moment):
        if value is None:
            return ""
        if isinstance(value, str):
            value = (datetime.datetime if moment else datetime.date).fromisoformat(value)
        if moment:
            value = value.replace(tzinfo=utc).astimezone(paris)
        return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"

    def rate(code):
        if code not in vat:
            vat[code] = "0 % (non assujetti)" if code == "HT" else \
                f"{Decimal(code).normalize():f} %".replace(".", ",")
        return vat[code]

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Numéro de dossier", "Type", "Numéro éditeur", "Couloir",
                     "N° de référencement ANS", "Logiciel",
                     "Date de dépôt", "Statut de la demande", "Etat du dernier paiement",
                     "Montant Ségur déclaré HT", "Montant retenu HT", "Taux de TVA",
                     "Montant retenu TTC", "Date du paiement", "Montant payé",
                     "Dénomination sociale", "SIRET"])
    first = True
    for (num, kind, publisher, corridor, ans, software, created, status, payment, declared, ht,
         code, ttc, paid_on, paid, name, siret) in floor_rows(database, account_id):
        writer.writerow((text(num), KIND_LABELS[kind], text(publisher), text(corridor), text(ans),
                         text(software),
                         when(created, True), STATUS_LABELS[status], PAYMENT_LABELS[payment],
                         money(declared), money(ht), rate(code), money(ttc), when(paid_on, False),
                         money(paid), text(name), text(siret)))
        if buffer.tell() >= PIECE:
            yield (("\ufeff" if first else "") + buffer.getvalue()).encode()
            first = False
            buffer.seek(0)
            buffer.truncate()
    yield (("\ufeff" if first else "") + buffer.getvalue()).encode()


# The portal --------------------------------------------------------------------------------------

def portal_app(folder: str, database: str):
    """The portal on the seeded database (no migration, no demo load: they ran once)."""
    url = database if database.startswith("postgres") else f"sqlite:///{database}"
    return create_app({"TESTING": True, "SECRET_KEY": "bench", "DATABASE_URL": url,
                       "UPLOAD_DIR": f"{folder}/uploads"})


def portal_client(folder: str, database: str, account_id: int):
    """A test client of the portal on the seeded database, signed in as that account."""
    app = portal_app(folder, database)
    with app.app_context(), db.database.connection_context():
        account = Account.get_by_id(account_id)
    return signed_in(app.test_client(), account)


def portal_pieces(client):
    response = client.get(EXPORT)
    assert response.status_code == 200, response.status_code
    yield from response.iter_encoded()


def consume(pieces) -> tuple[int, str]:
    digest, size = hashlib.sha256(), 0
    for piece in pieces:
        digest.update(piece)
        size += len(piece)
    return size, digest.hexdigest()


# Peak RSS in a fresh process ---------------------------------------------------------------------

def status_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def child(variant: str, database: str, account_id: int) -> None:
    """Run one export in this fresh process; print its baseline and peak RSS as JSON."""
    with tempfile.TemporaryDirectory() as folder:
        if variant == "portal":
            pieces = portal_pieces(portal_client(folder, database, account_id))
        else:
            pieces = floor_pieces(database, account_id)
        baseline = status_kib("VmRSS")
        try:  # the high-water mark from here on (Linux ≥ 4.0), else since the process began
            Path("/proc/self/clear_refs").write_text("5")
            reset = True
        except OSError:
            reset = False
        size, _ = consume(pieces)
        peak = status_kib("VmHWM") if reset else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(json.dumps({"baseline": baseline, "peak": peak, "size": size, "reset": reset}))


def peak_rss(variant: str, database: str, account_id: int) -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", variant, "--database", database,
                           "--account", str(account_id)], capture_output=True, text=True,
                          cwd=ROOT, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


# The run -----------------------------------------------------------------------------------------

def timed(pieces) -> tuple[float, float, int, str]:
    """Wall time and this process's CPU time (the database server's excluded) of one export."""
    began, cpu = time.perf_counter(), time.process_time()
    size, digest = consume(pieces)
    return time.perf_counter() - began, time.process_time() - cpu, size, digest


def seeded(folder: str, rows: int, postgres: str | None):
    """The portal with the demo data and one operator holding `rows` requests, seeded by
    bench_funding; the database's statistics fresh."""
    if postgres:
        _reset_postgres(postgres)
    app = make_app(folder, postgres)
    operator = make_account(app, OPERATOR, email="bench@example.fr")
    file_enrolment(app)
    seed(app, operator, rows)
    if postgres:
        with app.app_context(), db.database.connection_context():
            db.database.execute_sql("VACUUM ANALYZE funding_request")
    return app, operator


def main(rows: int, repetitions: int, postgres: str | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        app, operator = seeded(folder, rows, postgres)
        database = postgres or f"{folder}/bench.sqlite3"
        print(f"{rows} demandes de financement ({'PostgreSQL' if postgres else 'SQLite'}), "
              f"portail et données prêts en {time.perf_counter() - started:.1f} s")
        client = signed_in(app.test_client(), operator)
        variants = {"portail": lambda: portal_pieces(client),
                    "plancher": lambda: floor_pieces(database, operator.id)}
        times, cpus, digests = {name: [] for name in variants}, {name: [] for name in variants}, {}
        for _ in range(repetitions):  # A B A B
            for name, pieces in variants.items():
                elapsed, cpu, size, digest = timed(pieces())
                times[name].append(elapsed)
                cpus[name].append(cpu)
                digests[name] = (size, digest)
        assert digests["portail"] == digests["plancher"], ("files differ", digests)
        floor, floor_cpu = statistics.median(times["plancher"]), statistics.median(cpus["plancher"])
        print(f"Fichier identique des deux côtés : {digests['portail'][0] / MIB:.1f} Mio")
        print("Variante | médiane (s) | p95 (s) | rapport au plancher | CPU médian (s) | rapport "
              "CPU | RSS avant (Mio) | pic RSS (Mio) | pic - avant (Mio)")
        for name, measured in times.items():
            p95 = statistics.quantiles(measured, n=20)[-1] if len(measured) > 1 else measured[0]
            median, cpu = statistics.median(measured), statistics.median(cpus[name])
            rss = peak_rss("portal" if name == "portail" else "floor", database, operator.id)
            print(f"{name} | {median:.2f} | {p95:.2f} | {median / floor:.2f} | {cpu:.2f} | "
                  f"{cpu / floor_cpu:.2f} | {rss['baseline'] / 1024:.0f} | {rss['peak'] / 1024:.0f}"
                  f" | {(rss['peak'] - rss['baseline']) / 1024:.1f}")
        db.database.close()


def arguments(description: str, example: str, *extra: str) -> argparse.Namespace:
    """The command line of an export bench: rows, repetitions, PostgreSQL, and the hidden
    arguments of its child processes (`extra`: more of them)."""
    parser = argparse.ArgumentParser(description=description.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--postgres", metavar="URL", help="e.g. postgresql://postgres@127.0.0.1"
                        f":5432/{example} (emptied first)")
    parser.add_argument("--child", choices=("portal", "floor"), help=argparse.SUPPRESS)
    parser.add_argument("--database", help=argparse.SUPPRESS)
    parser.add_argument("--account", type=int, help=argparse.SUPPRESS)
    for name in extra:
        parser.add_argument(name, help=argparse.SUPPRESS)
    return parser.parse_args()


if __name__ == "__main__":
    given = arguments(__doc__, "test_export")
    if given.child:
        child(given.child, given.database, given.account)
    else:
        main(given.rows, given.repetitions, given.postgres)
