"""Error pages speak French, in the portal's layout; htmx gets the alert alone."""
from portal.models.accounts import MANAGER
from tests.helpers.accounts import make_account, signed_in
from tests.helpers.pages import html
from tests.helpers.enrolment import HTMX


def test_unknown_page_is_a_french_404_in_the_layout(client):
    response = client.get("/nulle-part")
    assert response.status_code == 404
    page = html(response)
    assert page.find("h1").get_text(strip=True) == "Page introuvable"
    assert page.find("header") and page.find("a", string="Page d'accueil")["href"] == "/"


def test_a_manager_on_an_admin_page_gets_a_french_403(app):
    manager = signed_in(app.test_client(), make_account(app, MANAGER))
    response = manager.get("/gestion/administration/actualites")
    assert response.status_code == 403
    page = html(response)
    assert page.find("h1").get_text(strip=True) == "Accès refusé"
    assert page.find("a", string="Page d'accueil")["href"] == "/gestion/enrolements"


def test_a_post_without_its_token_says_the_page_expired(client):
    response = client.post("/assistance", data={"message": "Bonjour"})
    assert response.status_code == 400
    assert html(response).find("h1").get_text(strip=True) == "Page expirée"


def test_htmx_gets_the_alert_alone(client):
    response = client.get("/nulle-part", headers=HTMX)
    body = response.get_data(as_text=True)
    assert response.status_code == 404 and "<html" not in body
    assert "data-portal-error" in body and "Page introuvable" in body
