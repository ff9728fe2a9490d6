"""Reference imports through the admin screen run in the worker (huey, immediate in the tests),
in short transactions: a 4.9 MB companies file imports while others write, and the page shows
the job's progress (polled while it runs) and its result."""
import io
import threading
from pathlib import Path

import pytest
from peewee import chunked

from portal.models import Company, ImportJob
from portal.models.accounts import ADMIN
from portal.models.reference import RUNNING
from tests.helpers.accounts import make_account, signed_in
from tests.helpers.concurrency import statuses
from tests.helpers.enrolment import HTMX, database
from tests.helpers.pages import html

COMPANIES = "/gestion/administration/donnees-de-reference/companies"
HEADER = "siret,denomination,street,postcode,commune\n"


@pytest.fixture
def admin(app):
    return signed_in(app.test_client(), make_account(app, ADMIN, last_name="Leroy",
                                                     first_name="Sophie"))


def siret(n: int) -> str:
    """A SIRET (Luhn key) of 14 digits made from n."""
    base = f"{n:013d}"
    for key in range(10):
        total = 0
        for i, digit in enumerate(reversed(base + str(key))):
            doubled = int(digit) * (2 if i % 2 else 1)
            total += doubled - 9 if doubled > 9 else doubled
        if total % 10 == 0:
            return base + str(key)


def companies_csv(count: int, name: str = "ENTREPRISE") -> bytes:
    lines = [f"{siret(10**8 + i)},{name} {i} SANTE,{i} RUE DE LA REPUBLIQUE,75011,PARIS"
             for i in range(count)]
    return (HEADER + "\n".join(lines) + "\n").encode()


def upload(client, content: bytes, filename="etablissements.csv", htmx=False):
    token = html(client.get(COMPANIES)).find("input", attrs={"name": "csrf_token"})["value"]
    return client.post(COMPANIES, data={"csrf_token": token,
                                        "csv_file": (io.BytesIO(content), filename)},
                       content_type="multipart/form-data", headers=HTMX if htmx else {})


def job_panel(page) -> str:
    return page.select_one("#dernier-import").get_text(" ", strip=True)


def test_a_big_import_succeeds_while_others_write(app, admin):
    """A 4.9 MB file updating every company it names: one transaction held the write lock for
    seconds, so that the writers meanwhile waited past the busy timeout (or the import failed)."""
    content = companies_csv(64_000)
    assert 4_900_000 < len(content) < 5 * 1024 * 1024
    with database(app):  # the companies already there: the slow path, one UPDATE a line
        for batch in chunked(range(64_000), 500):
            Company.insert_many([{"siret": siret(10**8 + i), "denomination": "ANCIEN NOM",
                                  "street": "", "postcode": "75011", "commune": "PARIS"}
                                 for i in batch]).execute()
    finished = threading.Event()
    answers = []

    def write_meanwhile():
        visitor = app.test_client()
        while not finished.is_set():
            try:
                answers.append(visitor.get("/enrolement"))  # starts a draft: a write
            except Exception as exc:  # noqa: BLE001 - reported below
                answers.append(exc)
            visitor.delete_cookie("brouillon_enrolement")
            finished.wait(0.05)  # a visitor every 50 ms each, not a tight loop

    writers = [threading.Thread(target=write_meanwhile) for _ in range(2)]
    for writer in writers:
        writer.start()
    try:
        response = upload(admin, content)
    finally:
        finished.set()
        for writer in writers:
            writer.join()

    assert response.status_code == 303
    assert answers and set(statuses(answers)) == {303}, statuses(answers)
    page = html(admin.get(COMPANIES))
    assert "64000 lignes importées (Répertoire des établissements)." in job_panel(page)
    with database(app):
        assert Company.select().where(Company.denomination == "ANCIEN NOM").count() == 0


def test_the_page_shows_the_progress_while_the_worker_imports(app, admin):
    with database(app):
        job = ImportJob.create(kind="companies", filename="etablissements.csv", stored_as="x.csv",
                               started_by="Sophie Leroy", status=RUNNING, rows_total=12_000,
                               rows_done=3_000)
    page = html(admin.get(COMPANIES))
    region = page.select_one("#dernier-import")
    assert region["aria-live"] == "polite"
    assert "Import de « etablissements.csv » (en cours) : 3\u202f000 lignes sur 12\u202f000." \
        in job_panel(page)
    progress = region.find("progress")
    assert (progress["value"], progress["max"]) == ("3000", "12000")
    poll = region.select_one("[hx-trigger]")
    assert poll["hx-trigger"] == "every 2s" and poll["hx-get"] == COMPANIES + "/import"

    with database(app):
        ImportJob.update(rows_done=9_000).where(ImportJob.id == job.id).execute()
    fragment = admin.get(poll["hx-get"], headers=HTMX)
    assert b"<html" not in fragment.data
    assert "9\u202f000 lignes sur 12\u202f000" in html(fragment).get_text()
    assert html(fragment).select_one("[hx-trigger]") is not None  # still polling

    with database(app):
        ImportJob.update(status="done", rows_done=12_000, message="12000 lignes importées "
                         "(Répertoire des établissements).").where(ImportJob.id == job.id).execute()
    fragment = html(admin.get(poll["hx-get"], headers=HTMX))
    assert "12000 lignes importées (Répertoire des établissements)." in fragment.get_text()
    assert fragment.select_one("[hx-trigger]") is None  # done: the polling stops
    assert admin.get(poll["hx-get"]).status_code == 200  # without htmx: the whole page


def test_a_sent_file_is_accepted_then_its_result_shown(app, admin):
    response = upload(admin, companies_csv(3), htmx=True)
    assert response.status_code == 204
    page = html(admin.get(COMPANIES))
    assert ("Fichier « etablissements.csv » accepté : ses 3 lignes sont importées en "
            "arrière-plan" in page.select_one("#messages").get_text(" ", strip=True))
    panel = job_panel(page)
    assert "Dernier import, « etablissements.csv »" in panel and "par Sophie Leroy" in panel
    assert "3 lignes importées (Répertoire des établissements)." in panel
    assert page.select_one("#nombre-lignes").get_text(strip=True) == "3 lignes enregistrées."
    with database(app):
        [job] = ImportJob.select()
        assert (job.status, job.rows_done, job.rows_total) == ("done", 3, 3)
    assert not list(Path(app.config["UPLOAD_DIR"], "imports").glob("*.csv"))  # kept file gone


def test_a_job_that_stopped_says_so_and_how_to_finish(app, admin, monkeypatch):
    from portal.services.reference import csv_import

    def fail_midway(dataset, rows, progress):
        progress(1000)
        raise RuntimeError("disque plein")
    monkeypatch.setattr(csv_import, "write_in_chunks", fail_midway)
    assert upload(admin, companies_csv(1500)).status_code == 303
    panel = html(admin.get(COMPANIES)).select_one("#dernier-import [role=alert]")
    assert "interrompu" in panel.get_text()
    assert ("L'import s'est interrompu après 1\u202f000 lignes sur 1\u202f500 : les lignes écrites "
            "sont enregistrées. Importez de nouveau le fichier pour le terminer.") \
        in panel.get_text(" ", strip=True)


def test_a_job_whose_worker_died_is_said_interrupted(app, admin):
    """A job left « En cours » by a worker killed mid-way: the periodic task ends it after ten
    minutes without progress, and the page says so instead of polling for ever; a job still moving
    is left alone."""
    import datetime

    from portal.tasks import interrupt_stalled_imports

    with database(app):
        old = datetime.datetime.utcnow() - datetime.timedelta(minutes=11)
        dead = ImportJob.create(kind="companies", filename="etablissements.csv", stored_as="x.csv",
                                status=RUNNING, rows_total=5000, rows_done=2000, updated_at=old)
        alive = ImportJob.create(kind="ans_referencing", filename="ans.csv", stored_as="y.csv",
                                 status=RUNNING, rows_total=10, rows_done=2,
                                 updated_at=datetime.datetime.utcnow())
        interrupt_stalled_imports()
        assert ImportJob.get_by_id(dead.id).status_label == "Interrompu"
        assert ImportJob.get_by_id(alive.id).status == RUNNING
    panel = job_panel(html(admin.get(COMPANIES)))
    assert "L'import s'est interrompu après 2\u202f000 lignes sur 5\u202f000" in panel
