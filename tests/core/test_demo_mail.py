"""The demonstration's mail viewer: the outbox readable in the browser when no SMTP server is set."""
import pytest

from portal import create_app
from portal.extensions import db
from portal.models import OutboxMessage
from tests.helpers.pages import html


@pytest.fixture
def demo_app(app):
    app.config["MAIL_SERVER"] = None
    app.config["PORTAL_DEMO"] = True
    demo = create_app({**app.config, "TESTING": True})
    return demo


def test_mails_of_a_demo_run_are_listed_and_readable(demo_app):
    with demo_app.app_context(), db.database.connection_context():
        message = OutboxMessage.create(recipient="claire.martin@medimail.fr",
                                       subject="Votre demande d'enrôlement n° ENR-2026-000001",
                                       body_text="Bonjour,\nVotre demande est « En cours ».")
    client = demo_app.test_client()
    home = html(client.get("/"))
    assert home.find("a", string="Courriels (démonstration)")["href"] == "/courriels-demo/"
    listing = html(client.get("/courriels-demo/"))
    link = listing.find("a", string="Votre demande d'enrôlement n° ENR-2026-000001")
    assert "claire.martin@medimail.fr" in listing.get_text()
    page = html(client.get(link["href"]))
    assert "Votre demande est « En cours »." in page.get_text()
    assert client.get(f"/courriels-demo/{message.id + 1}").status_code == 404


def test_no_mail_viewer_outside_the_demonstration(client):
    assert client.get("/courriels-demo/").status_code == 404
    assert "Courriels (démonstration)" not in client.get("/").get_data(as_text=True)
