"""« Mon compte » › « Gérer mes jetons d'API »: a token shown once, kept as a digest, listed by its
first characters, mailed, revoked after a confirmation; only its account sees or revokes it; the
API accepts an active token and refuses a revoked one."""
import hashlib

from portal.models import ApiToken, OutboxMessage
from portal.services.account import api_tokens
from tests.helpers.accounts import make_account, signed_in
from tests.helpers.enrolment import HTMX, database
from tests.helpers.pages import html

PAGE = "/mon-compte/jetons-api/"


def csrf(client):
    return html(client.get(PAGE)).find("input", attrs={"name": "csrf_token"})["value"]


def create(client, name="Logiciel de facturation", headers=None):
    return client.post(PAGE, data={"csrf_token": csrf(client), "name": name}, headers=headers)


def test_a_new_token_is_shown_once_and_kept_as_a_digest(app):
    account = make_account(app)
    client = signed_in(app.test_client(), account)
    response = create(client)
    assert response.status_code == 201
    token = html(response).find(id="nouveau-jeton")["value"]
    assert token.startswith("psn_") and len(token) > 40
    with database(app):
        stored = ApiToken.get()
        assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
        assert token not in (stored.prefix, stored.name) and token.startswith(stored.prefix)
        mail = OutboxMessage.get(OutboxMessage.recipient == account.email)
        assert mail.subject == "Un jeton d'API a été créé sur votre compte"
        assert token not in mail.body_text and stored.prefix in mail.body_text
    page = html(client.get(PAGE))
    assert page.find(id="nouveau-jeton") is None and token not in str(page)
    (row,) = page.select("#jetons-api tbody tr")
    cells = [td.get_text(" ", strip=True) for td in row.find_all("td")]
    assert cells[0] == "Logiciel de facturation" and cells[1] == stored.prefix + "…"
    assert cells[3] == "Jamais" and cells[4] == "Actif"


def test_a_token_needs_a_name_said_next_to_the_field(app):
    client = signed_in(app.test_client(), make_account(app))
    response = create(client, name="   ", headers=HTMX)
    assert response.status_code == 422
    page = html(response)
    assert "<html" not in response.get_data(as_text=True)
    assert "Donnez un nom à ce jeton" in page.find(id="name-messages").get_text()
    assert page.find(id="name")["aria-invalid"] == "true"
    with database(app):
        assert ApiToken.select().count() == 0


def test_revoking_asks_then_refuses_the_token(app):
    account = make_account(app)
    client = signed_in(app.test_client(), account)
    token = html(create(client)).find(id="nouveau-jeton")["value"]
    with database(app):
        token_id = ApiToken.get().id
        assert api_tokens.authenticate(f"Bearer {token}").id == account.id
    url = f"{PAGE}{token_id}/revoquer"
    confirm = html(client.get(url))
    assert confirm.h1.get_text() == "Révoquer le jeton « Logiciel de facturation »"
    form = confirm.find("form", attrs={"action": url})
    response = client.post(url, data={"csrf_token": form.find("input")["value"]})
    assert response.status_code == 303
    page = html(client.get(PAGE))
    assert "Le jeton « Logiciel de facturation » est révoqué" in page.find(id="messages").get_text()
    cells = [td.get_text(" ", strip=True) for td in page.select("#jetons-api tbody td")]
    assert cells[4].startswith("Révoqué le") and "Révoquer" not in cells[5]
    with database(app):
        assert api_tokens.authenticate(f"Bearer {token}") is None
        subjects = [m.subject for m in OutboxMessage.select().order_by(OutboxMessage.id)]
        assert subjects[-1] == "Un jeton d'API de votre compte a été révoqué"


def test_another_account_neither_sees_nor_revokes_a_token(app):
    owner = make_account(app)
    create(signed_in(app.test_client(), owner))
    other = signed_in(app.test_client(), make_account(app))
    with database(app):
        token_id = ApiToken.get().id
    assert other.get(f"{PAGE}{token_id}/revoquer").status_code == 404
    assert other.post(f"{PAGE}{token_id}/revoquer", data={"csrf_token": csrf(other)}).status_code == 404
    assert html(other.get(PAGE)).find(id="jetons-api") is None
    with database(app):
        assert ApiToken.get().active


def test_unknown_malformed_or_inactive_tokens_open_nothing(app):
    account = make_account(app)
    with database(app):
        token = api_tokens.create(account, "CI")
        assert api_tokens.authenticate(None) is None
        assert api_tokens.authenticate(token) is None  # no « Bearer »
        assert api_tokens.authenticate("Bearer psn_" + "x" * 43) is None
        assert api_tokens.authenticate(f"Basic {token}") is None
        assert api_tokens.authenticate(f"bearer {token}").id == account.id
        assert ApiToken.get().last_used_at is not None
        account.active = False
        account.save()
        assert api_tokens.authenticate(f"Bearer {token}") is None


def test_an_account_holds_at_most_ten_active_tokens(app):
    client = signed_in(app.test_client(), make_account(app))
    for number in range(api_tokens.MAX_ACTIVE):
        assert create(client, name=f"Jeton {number}").status_code == 201
    response = create(client, name="Un de trop")
    assert response.status_code == 422
    assert "déjà 10 jetons actifs" in html(response).find(id="name-messages").get_text()
