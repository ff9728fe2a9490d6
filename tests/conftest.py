import os

import pytest
from bs4 import BeautifulSoup

from portal import create_app, migrations
from portal.extensions import db
from portal.models import ALL_MODELS


def _reset_postgres(url):
    database = __import__("portal.extensions", fromlist=["open_database"]).open_database(url)
    database.execute_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    database.close()


@pytest.fixture
def app(tmp_path):
    url = os.environ.get("TEST_DATABASE_URL")
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
        "CAPTCHA_TEST_ANSWER": "ABCDE",
        "SERVER_NAME": None,
    })
    with app.app_context(), db.database.connection_context():
        migrations.upgrade(db.database)
    yield app
    db.database.close()


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


def html(response):
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


__all__ = ["html", "ALL_MODELS"]
