import io
import os
import shutil

import pytest
from aiosmtpd.controller import Controller

from portal import create_app, migrations
from portal.extensions import db
from tests.helpers import databases
from tests.helpers.constants import CAPTCHA
from tests.helpers.mailbox import Mailbox
from tests.helpers.pages import PageClient
from tests.helpers.routing import compile_builders_once

compile_builders_once()


def _reset_postgres(url):
    database = __import__("portal.extensions", fromlist=["open_database"]).open_database(url)
    database.execute_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    database.close_all()  # pooled: closed, not kept


@pytest.fixture(scope="session")
def postgres_url():
    url = os.environ.get("TEST_DATABASE_URL")
    return databases.of_worker(url) if url else None


@pytest.fixture(scope="session")
def smtp_server():
    mailbox = Mailbox()
    import socket
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield controller
    controller.stop()


@pytest.fixture
def mailbox(smtp_server):
    smtp_server.handler.messages.clear()
    return smtp_server.handler


def _config(url: str, folder, smtp_port: int) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test",
        "DATABASE_URL": url,
        "UPLOAD_DIR": str(folder / "uploads"),
        "WTF_CSRF_ENABLED": True,
        "CAPTCHA_TEST_ANSWER": CAPTCHA,
        "PASSWORD_HASH_METHOD": "scrypt:1024:8:1",  # a sign-in costs 4 ms instead of 150
        "HUEY_IMMEDIATE": True,
        "MAIL_SUPPRESS_SEND": False,
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": smtp_port,
    }


@pytest.fixture(scope="session")
def database_templates(tmp_path_factory, smtp_server, postgres_url):
    """The migrated database, bare and with the demo data loaded, built once per process: each
    test starts from a copy of one (a file copy on SQLite, CREATE DATABASE … TEMPLATE on
    PostgreSQL) rather than running every migration (0.5 s on SQLite, 1.5 s on PostgreSQL) and
    `load-demo` (0.6–0.9 s) again."""
    folder = tmp_path_factory.mktemp("templates")
    templates = {}
    for name in ("bare", "demo"):
        if postgres_url:
            url = databases.create(postgres_url, f"{databases.name_of(postgres_url)}_tpl_{name}")
        else:
            url = f"sqlite:///{folder / name}.sqlite3"
        app = create_app(_config(url, folder, smtp_server.port))
        with app.app_context(), db.database.connection_context():
            migrations.upgrade(db.database)
        if name == "demo":
            result = app.test_cli_runner().invoke(args=["load-demo"])
            assert result.exit_code == 0, result.output
        if not postgres_url:
            with app.app_context(), db.database.connection_context():
                db.database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        db.database.close_all()
        templates[name] = url
    return templates


@pytest.fixture
def app(request, tmp_path, smtp_server, postgres_url, database_templates):
    """A portal on its own database, migrated; with the demo data already there when the test
    asks for `demo` (directly or through another fixture)."""
    template = database_templates["demo" if "demo" in request.fixturenames else "bare"]
    if postgres_url:
        url = databases.copy(template, postgres_url)
    else:
        shutil.copyfile(template.removeprefix("sqlite:///"), tmp_path / "test.sqlite3")
        url = f"sqlite:///{tmp_path / 'test.sqlite3'}"
    app = create_app(_config(url, tmp_path, smtp_server.port))
    app.test_client_class = PageClient  # every GET of a whole page is checked (tests/helpers/pages.py)
    with app.app_context(), db.database.connection_context():
        migrations.upgrade(db.database)  # nothing left to do: a check that the copy is whole
    yield app
    db.database.close_all()  # the pool's connections closed, not left to the garbage collector


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def demo(app):
    """The demo reference data and staff accounts of `load-demo`: the `app` fixture starts from
    the database where they are loaded already."""
    return app


# The enrolment wizard's route tests (tests/test_enrolment_*.py).
@pytest.fixture
def wizard(client, demo):
    from tests.helpers.enrolment import Wizard
    return Wizard(client)


@pytest.fixture
def pdf_of_size(tmp_path):
    """A PDF (by its magic bytes) of the given size, written at runtime, never committed."""
    def make(size: int, name: str = "volumineux.pdf"):
        path = tmp_path / name
        header = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
        path.write_bytes(header + b"0" * (size - len(header)))
        return io.BytesIO(path.read_bytes()), name
    return make
