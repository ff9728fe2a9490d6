"""SQLite under concurrent writers: write transactions take the write lock when they begin
(BEGIN IMMEDIATE), so a transaction that read first never fails to upgrade; a database kept busy
longer than the busy timeout answers a French 503 (« réessayez »), never a 500."""
import sqlite3
import threading
from contextlib import contextmanager

import pytest

from portal.models import Account
from portal.services.account import accounts
from tests.helpers.auth import csrf
from tests.helpers.concurrency import at_once, statuses
from tests.helpers.enrolment import HTMX, database
from tests.helpers.pages import html


@pytest.fixture
def sqlite_path(app):
    url = app.config["DATABASE_URL"]
    if not url.startswith("sqlite"):
        pytest.skip("SQLite's write lock (PostgreSQL locks rows)")
    return url.removeprefix("sqlite:///")


@contextmanager
def write_lock_held(path):
    """Another process's writer holding the database's write lock meanwhile."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_a_database_kept_busy_answers_a_french_503(app, sqlite_path, client):
    other = app.test_client()
    tokens = csrf(client), csrf(other)
    wrong = {"uid": "OP0000000", "password": "faux"}  # a wrong password is written down

    with write_lock_held(sqlite_path):  # a page, and for htmx
        page_response, htmx_response = at_once([
            lambda: client.post("/connexion", data={**wrong, "csrf_token": tokens[0]}),
            lambda: other.post("/connexion", data={**wrong, "csrf_token": tokens[1]},
                               headers=HTMX)])
    assert page_response.status_code == 503
    assert page_response.headers["Retry-After"]
    page = html(page_response)
    assert page.h1.get_text(strip=True) == "Portail momentanément surchargé"
    assert "n'a pas été enregistré" in page.get_text()
    assert htmx_response.status_code == 503
    assert "<html" not in htmx_response.get_data(as_text=True)
    assert "Portail momentanément surchargé" in htmx_response.get_data(as_text=True)
    free_again = client.post("/connexion", data={**wrong, "csrf_token": csrf(client)})
    assert free_again.status_code == 422  # free again: the wrong password is answered


def test_transactions_that_read_then_write_all_succeed_side_by_side(app, sqlite_path):
    """Ten requests at once, each a transaction reading before it writes (as the workflow's
    checks do): a deferred transaction could not upgrade its read lock (« database is
    locked » at once, a 500); an immediate one waits its turn."""
    from portal.extensions import db

    def read_then_write(i):
        def run():
            with app.app_context(), db.database.connection_context():
                with db.database.atomic():
                    Account.select().count()
                    threading.Event().wait(0.05)  # what a service computes in between
                    accounts.create(f"writer{i}@example.fr", "Martin", "Claire", "operator",
                                    "Segur-Numerique-2026!")
                return "ok"
        return run

    results = at_once([read_then_write(i) for i in range(10)])
    assert results == ["ok"] * 10, statuses(results)
    with database(app):
        assert Account.select().count() == 10
