"""The demonstration's mailbox (set-password links inside) answers only a browser on the same
machine, never through a proxy, and only in demo mode."""
import pytest

from portal import create_app

URL = "/courriels-demo/"


@pytest.fixture
def demo_client(app):
    demo = create_app({**app.config, "MAIL_SERVER": None, "PORTAL_DEMO": True})
    return demo.test_client()


@pytest.mark.parametrize("address", ["127.0.0.1", "::1"])
def test_the_demo_mailbox_answers_a_loopback_browser(demo_client, address):
    assert demo_client.get(URL, environ_overrides={"REMOTE_ADDR": address}).status_code == 200


def test_the_demo_mailbox_is_hidden_from_another_machine(demo_client):
    far = {"REMOTE_ADDR": "203.0.113.7"}
    assert demo_client.get(URL, environ_overrides=far).status_code == 404
    assert demo_client.get(URL + "1", environ_overrides=far).status_code == 404
    home = demo_client.get("/", environ_overrides=far).get_data(as_text=True)
    assert "Courriels (démonstration)" not in home


@pytest.mark.parametrize("header", ["X-Forwarded-For", "Forwarded", "X-Real-IP"])
def test_the_demo_mailbox_is_hidden_behind_a_proxy_on_the_same_machine(demo_client, header):
    response = demo_client.get(URL, headers={header: "203.0.113.7"},
                               environ_overrides={"REMOTE_ADDR": "127.0.0.1"})
    assert response.status_code == 404


def test_no_demo_mailbox_outside_demo_mode_even_on_loopback(app):
    client = create_app({**app.config, "MAIL_SERVER": None, "PORTAL_DEMO": False}).test_client()
    assert client.get(URL, environ_overrides={"REMOTE_ADDR": "127.0.0.1"}).status_code == 404


def test_the_run_command_says_where_the_demo_mails_are_read(app):
    """`flask mail-destination`, printed by scripts/run.sh: the demo's mailbox, else the outbox."""
    demo = create_app({**app.config, "MAIL_SERVER": None, "PORTAL_DEMO": True})
    said = demo.test_cli_runner().invoke(args=["mail-destination"]).output
    assert said.strip() == ("Courriels : aucun serveur SMTP (MAIL_SERVER) configuré ; lisez-les "
                            "sur http://127.0.0.1:5000/courriels-demo/")
    plain = create_app({**app.config, "MAIL_SERVER": None, "PORTAL_DEMO": False})
    assert "boîte d'envoi" in plain.test_cli_runner().invoke(args=["mail-destination"]).output
