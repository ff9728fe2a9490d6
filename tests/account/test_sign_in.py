"""« Accéder à mon espace personnel »: sign-in, the neutral refusal, where each account lands,
the account lock after 5 wrong passwords, the per-IP limit, sign-out and idle sessions."""
import datetime
import time

import pytest

from portal import create_app, migrations
from portal.extensions import db
from portal.models import SignInFailure
from portal.models.accounts import ADMIN, MANAGER
from portal.models.base import utcnow
from tests.helpers.accounts import PASSWORD, make_account, signed_in
from tests.helpers.auth import (alert, csrf, error_of, home_of, notices, post, ready_account,
                                reload, sign_in)
from tests.helpers.pages import html
from tests.helpers.enrolment import database

URL = "/connexion"
WRONG_PAIR = "Identifiant ou mot de passe incorrect."


def test_sign_in_page_and_fragment(client):
    full = client.get(URL)
    assert full.status_code == 200 and "HX-Request" in full.headers["Vary"]
    page = html(full)
    assert page.find("html") and page.find("h1").get_text(strip=True) == "Accéder à mon espace personnel"
    labels = [label.get_text(" ", strip=True) for label in page.select("#auth form label.fr-label")]
    assert labels[0].startswith("Identifiant") and labels[1] == "Mot de passe"
    assert page.select_one("#password")["type"] == "password"
    assert page.select_one("#auth form button[type=submit]").get_text(strip=True) == "Valider"
    links = {a.get_text(strip=True): a["href"] for a in page.select("#auth form a")}
    assert links == {"J'ai oublié mon identifiant": "/identifiant-oublie",
                     "J'ai oublié mon mot de passe": "/mot-de-passe-oublie"}
    fragment = client.get(URL, headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "<html" not in fragment and "Accéder à mon espace personnel" in fragment


def test_missing_fields_are_named_beside_them(client):
    response = post(client, URL, uid="", password="")
    assert response.status_code == 422
    assert error_of(response, "uid") == "Saisissez votre identifiant."
    assert error_of(response, "password") == "Saisissez votre mot de passe."


def test_unknown_identifiant_and_wrong_password_get_the_same_neutral_message(app, client):
    account = ready_account(app)
    unknown = sign_in(client, "OP0000000", PASSWORD)
    wrong = sign_in(client, account.uid.lower(), "Mauvais-mot-2026!")
    for response in (unknown, wrong):
        assert response.status_code == 422
        assert alert(response) == "Connexion impossible " + WRONG_PAIR
        assert "Mauvais-mot" not in response.get_data(as_text=True)  # never written back
    assert html(wrong).select_one("#uid")["value"] == account.uid.lower()  # the identifiant is kept
    assert html(wrong).select_one("#password").get("value") is None
    assert client.get("/question-secrete").status_code == 303  # not signed in


def test_operator_lands_on_its_home_and_the_staff_on_theirs(app, client):
    operator = ready_account(app)
    response = sign_in(client, operator.uid)
    assert response.status_code == 303 and response.headers["Location"] == home_of(app)
    assert reload(app, operator).last_login_at is not None
    for role in (MANAGER, ADMIN):
        staff = ready_account(app, role)
        response = sign_in(app.test_client(), staff.uid)
        assert response.headers["Location"] == home_of(app, role)


def test_first_sign_in_goes_to_the_password_change_and_nowhere_else(app, client):
    account = make_account(app, must_change=True)
    response = sign_in(client, account.uid)
    assert response.headers["Location"] == "/changement-mot-de-passe"
    assert client.get("/question-secrete").headers["Location"] == "/changement-mot-de-passe"
    page = html(client.get("/changement-mot-de-passe"))
    assert page.find("h1").get_text(strip=True) == "Changement du mot de passe"


def test_without_a_secret_question_the_sign_in_asks_for_one(app, client):
    account = make_account(app)
    assert sign_in(client, account.uid).headers["Location"] == "/question-secrete"


def test_next_is_followed_only_to_a_page_of_this_site(app):
    account = ready_account(app)
    for target, expected in (("/faq", "/faq"), ("//evil.example/x", home_of(app)),
                             ("https://evil.example/", home_of(app)),
                             ("/\\evil.example", home_of(app))):
        client = app.test_client()
        page = html(client.get(URL, query_string={"next": target}))
        action = page.select_one("#auth form")["action"]
        response = client.post(action, data={"csrf_token": csrf(client), "uid": account.uid,
                                             "password": PASSWORD})
        assert response.headers["Location"] == expected, target


def test_a_signed_in_account_opening_the_sign_in_page_goes_home(app, client):
    account = ready_account(app)
    signed_in(client, account)
    assert client.get(URL).headers["Location"] == home_of(app)


def test_an_idle_session_ends_and_the_sign_in_page_says_why(app, client):
    account = make_account(app, must_change=True)
    signed_in(client, account)
    with client.session_transaction() as session:
        session["seen"] = int(time.time()) - 31 * 60
    response = client.get("/changement-mot-de-passe")
    assert response.status_code == 303
    assert "expiree=1" in response.headers["Location"]
    page = client.get(response.headers["Location"])
    assert ("Votre session a expiré après 30 minutes d'inactivité : reconnectez-vous."
            in html(page).get_text(" ", strip=True))
    assert client.get("/changement-mot-de-passe").status_code == 303  # still signed out


def test_the_sixth_attempt_after_five_wrong_passwords_is_refused_even_if_right(app, client):
    account = ready_account(app)
    for _ in range(4):
        assert alert(sign_in(client, account.uid, "Mauvais-mot-2026!")).endswith(WRONG_PAIR)
    fifth = sign_in(client, account.uid, "Mauvais-mot-2026!")
    assert fifth.status_code == 429 and "temporairement bloqué" in alert(fifth)
    sixth = sign_in(client, account.uid, PASSWORD)
    assert sixth.status_code == 429
    message = alert(sixth)
    assert "Compte temporairement bloqué" in message and "Réessayez dans 15 minutes" in message
    assert "« J'ai oublié mon mot de passe »" in message
    assert int(sixth.headers["Retry-After"]) > 14 * 60
    assert client.get("/question-secrete").status_code == 303  # not signed in

    with database(app):  # a quarter of an hour later (the lock is this address's)
        (SignInFailure.update(locked_until=utcnow() - datetime.timedelta(seconds=1))
         .where(SignInFailure.uid == account.uid).execute())
    assert sign_in(client, account.uid, PASSWORD).headers["Location"] == home_of(app)


def test_a_successful_sign_in_starts_the_count_again(app):
    account = ready_account(app)
    client = app.test_client()
    for _ in range(4):
        sign_in(client, account.uid, "Mauvais-mot-2026!")
    assert sign_in(client, account.uid).status_code == 303
    post(client, "/deconnexion")
    for _ in range(4):
        assert sign_in(client, account.uid, "Mauvais-mot-2026!").status_code == 422
    assert sign_in(client, account.uid).status_code == 303


def test_sign_out_is_a_post_with_its_token_and_ends_the_session(app, client):
    account = ready_account(app)
    sign_in(client, account.uid)
    assert client.get("/deconnexion").status_code == 405
    assert client.post("/deconnexion").status_code == 400  # no CSRF token
    response = post(client, "/deconnexion")
    assert response.status_code == 303 and response.headers["Location"] == URL
    assert notices(client.get(URL)) == "Vous êtes déconnecté."
    assert client.get("/question-secrete").status_code == 303
    assert client.get(URL).status_code == 200


def test_every_form_of_these_pages_refuses_a_post_without_csrf_token(client):
    for url in (URL, "/identifiant-oublie", "/mot-de-passe-oublie", "/changement-mot-de-passe",
                "/question-secrete", "/mot-de-passe/creation/x"):
        assert client.post(url, data={"uid": "x", "password": "y"}).status_code == 400, url


@pytest.fixture
def limited_client(tmp_path, smtp_server):
    """The app with its per-IP limits on, set low."""
    app = create_app({
        "TESTING": True, "SECRET_KEY": "test", "WTF_CSRF_ENABLED": True,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'limited.sqlite3'}",
        "UPLOAD_DIR": str(tmp_path / "uploads"), "HUEY_IMMEDIATE": True,
        "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": smtp_server.port,
        "RATELIMIT_ENABLED": True, "SIGN_IN_RATE_LIMIT": "3 per minute",
        "ACCOUNT_MAIL_RATE_LIMIT": "2 per minute",
    })
    with app.app_context(), db.database.connection_context():
        migrations.upgrade(db.database)
    yield app.test_client()
    db.database.close()


def test_too_many_sign_in_attempts_from_one_address_get_a_clear_page(limited_client):
    for _ in range(3):
        assert sign_in(limited_client, "OP0000000", "Mauvais-mot-2026!").status_code == 422
    response = sign_in(limited_client, "OP0000000", "Mauvais-mot-2026!")
    assert response.status_code == 429
    assert 0 < int(response.headers["Retry-After"]) <= 60
    page = html(response)
    assert page.find("h1").get_text(strip=True) == "Trop de tentatives"
    assert "Patientez 1 minute avant de réessayer." in page.get_text(" ", strip=True)
    assert limited_client.get(URL).status_code == 200  # reading the page is not limited


def test_forgotten_identifiant_requests_are_limited_too(limited_client):
    for _ in range(2):
        assert post(limited_client, "/identifiant-oublie", email="x@example.fr").status_code == 303
    assert post(limited_client, "/identifiant-oublie", email="x@example.fr").status_code == 429
