"""Signing out, or changing one's password, ends the sessions it should: a cookie captured before
« Se déconnecter » opens nothing afterwards, and a password change signs the other devices out."""
from portal import create_app, tasks
from tests.helpers.accounts import PASSWORD
from tests.helpers.auth import NEW_PASSWORD, link_for, post, ready_account, sign_in
from portal.services.core import links

SPACE = "/espace/"


def signed_in_client(app, account):
    client = app.test_client()
    response = sign_in(client, account.uid)
    assert response.status_code == 303 and "/connexion" not in response.headers["Location"]
    assert client.get(SPACE).status_code == 200
    return client


def goes_to_sign_in(response) -> bool:
    return response.status_code == 303 and response.headers["Location"].startswith("/connexion")


def test_a_cookie_captured_before_logout_no_longer_opens_the_space(app):
    account = ready_account(app)
    client = signed_in_client(app, account)
    captured = client.get_cookie("session").value

    assert post(client, "/deconnexion").status_code == 303
    assert goes_to_sign_in(client.get(SPACE))

    thief = app.test_client()
    thief.set_cookie("session", captured)
    assert goes_to_sign_in(thief.get(SPACE))


def test_a_password_change_signs_the_other_sessions_out_and_keeps_this_one(app):
    account = ready_account(app)
    laptop = signed_in_client(app, account)
    phone = signed_in_client(app, account)

    changed = post(laptop, "/changement-mot-de-passe", current_password=PASSWORD,
                   new_password=NEW_PASSWORD, confirmation=NEW_PASSWORD)
    assert changed.status_code == 303
    assert laptop.get(SPACE).status_code == 200  # the session that changed it stays signed in
    assert goes_to_sign_in(phone.get(SPACE))
    assert goes_to_sign_in(sign_in(phone, account.uid)) is False  # the old password is refused


def test_a_password_reset_signs_every_session_out(app):
    account = ready_account(app)
    laptop = signed_in_client(app, account)
    stranger = app.test_client()
    reset = post(stranger, link_for(app, links.RESET_PASSWORD, account), answer="Saint-Étienne",
                 new_password=NEW_PASSWORD, confirmation=NEW_PASSWORD)
    assert goes_to_sign_in(reset)
    assert goes_to_sign_in(laptop.get(SPACE))
    assert not goes_to_sign_in(sign_in(app.test_client(), account.uid, NEW_PASSWORD))


def test_session_cookie_is_secure_outside_demo_and_tests(app, monkeypatch):
    for key in ("PORTAL_DEMO", "SESSION_COOKIE_SECURE"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("SECRET_KEY", "x" * 32)
    monkeypatch.setenv("DATABASE_URL", app.config["DATABASE_URL"])
    try:
        assert create_app().config["SESSION_COOKIE_SECURE"] is True
        monkeypatch.setenv("PORTAL_DEMO", "1")
        assert create_app().config["SESSION_COOKIE_SECURE"] is False  # run.sh serves http
        monkeypatch.delenv("PORTAL_DEMO")
        monkeypatch.setenv("SESSION_COOKIE_SECURE", "0")
        assert create_app().config["SESSION_COOKIE_SECURE"] is False
    finally:
        tasks.configure(app)  # the worker's mode is global: back to the tests' immediate one
    assert app.config["SESSION_COOKIE_SECURE"] is False  # the test client speaks http


def test_a_secure_session_cookie_is_marked_secure(app):
    app.config["SESSION_COOKIE_SECURE"] = True
    client = app.test_client()
    response = client.get("/connexion", base_url="https://localhost")
    assert "Secure" in response.headers["Set-Cookie"]
