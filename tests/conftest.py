import io
import os

import pytest
from aiosmtpd.controller import Controller

from portal import create_app, migrations
from portal.extensions import db
from tests.helpers.constants import CAPTCHA
from tests.helpers.mailbox import Mailbox
from tests.helpers.pages import PageClient


def _reset_postgres(url):
    database = __import__("portal.extensions", fromlist=["open_database"]).open_database(url)
    database.execute_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    database.close_all()  # pooled: closed, not kept


def _worker_database(url: str) -> str:
    """Under pytest-xdist each worker gets its own PostgreSQL database (`test_gw0`, …), created
    once from the one named in TEST_DATABASE_URL."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return url
    base, _, name = url.rpartition("/")
    name = f"{name}_{worker}"
    import psycopg2
    connection = psycopg2.connect(url)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()
    return f"{base}/{name}"


@pytest.fixture(scope="session")
def postgres_url():
    url = os.environ.get("TEST_DATABASE_URL")
    return _worker_database(url) if url else None


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


@pytest.fixture
def app(tmp_path, smtp_server, postgres_url):
    url = postgres_url
    if url:
        _reset_postgres(url)
    else:
        url = f"sqlite:///{tmp_path / 'test.sqlite3'}"
    app = create_app({
        "TESTING": True,
        "SECRET_KEY": "test",
        "DATABASE_URL": url,
        "UPLOAD_DIR": str(tmp_path / "uploads"),
        "WTF_CSRF_ENABLED": True,
        "CAPTCHA_TEST_ANSWER": CAPTCHA,
        "PASSWORD_HASH_METHOD": "scrypt:1024:8:1",  # a sign-in costs 4 ms instead of 150
        "HUEY_IMMEDIATE": True,
        "MAIL_SUPPRESS_SEND": False,
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": smtp_server.port,
    })
    app.test_client_class = PageClient  # every GET of a whole page is checked (tests/helpers/pages.py)
    with app.app_context(), db.database.connection_context():
        migrations.upgrade(db.database)
    yield app
    db.database.close_all()  # the pool's connections closed, not left to the garbage collector


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def demo(app, runner):
    result = runner.invoke(args=["load-demo"])
    assert result.exit_code == 0, result.output
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
