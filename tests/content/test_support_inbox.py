"""The messages sent to the support desk, listed and read in the back-office by staff only."""
from urllib.parse import urlsplit

from portal.models.accounts import OPERATOR
from tests.helpers.accounts import make_account, manager_client, signed_in
from tests.helpers.pages import html
from tests.helpers.enrolment import HTMX
from tests.helpers.support import GOOD, URL, form_data

STAFF = "/gestion/assistance/"


def send(client, **changes):
    page = html(client.get(URL))
    data = dict(form_data(page), **GOOD)
    data.update(changes)
    response = client.post(URL, data=data)
    assert response.status_code == 303
    return response


def references(page):
    return [row.find("td").get_text(strip=True) for row in page.select("#table-assistance tbody tr")]


def test_staff_read_the_messages_newest_first_and_filter_them(app, client, mailbox):
    send(client)
    send(app.test_client(), category="account", last_name="Durand", email="paul@exemple.fr",
         message="J'ai perdu mon identifiant.")
    manager = manager_client(app)
    page = html(manager.get(STAFF))
    found = references(page)
    assert len(found) == 2 and found[0] > found[1]
    assert references(html(manager.get(STAFF + "?categorie=account"))) == [found[0]]
    assert references(html(manager.get(STAFF + "?q=RIB"))) == [found[1]]
    part = manager.get(STAFF + "?q=durand", headers=HTMX)
    assert "<html" not in part.get_data(as_text=True) and references(html(part)) == [found[0]]
    message = html(manager.get(page.find("a", string=found[1])["href"]))
    text = message.get_text(" ", strip=True)
    assert "Le RIB déposé à l'étape 3 est refusé" in text and "claire.martin@medimail.fr" in text
    assert "Pièces justificatives" in text and "ENR-2026-000012" in text
    assert len(message.select("#contenu ul a[href^=\"/gestion/courriels/\"]")) == 2  # to the desk, to the sender


def test_for_staff_only(app, client):
    send(client)
    manager = manager_client(app)
    reference = references(html(manager.get(STAFF)))[0]
    operator = signed_in(app.test_client(), make_account(app, OPERATOR))
    for url in (STAFF, STAFF + reference):
        assert operator.get(url).status_code == 403
        assert urlsplit(app.test_client().get(url).headers["Location"]).path == "/connexion"
    assert manager.get(STAFF + "AST-1999-000001").status_code == 404


def test_a_message_is_marked_handled_once_with_who_and_when(app, client):
    send(client)
    manager = manager_client(app)
    reference = references(html(manager.get(STAFF)))[0]
    page = html(manager.get(STAFF + reference))
    form = page.find("form", action=f"{STAFF}{reference}/traite")
    token = form.find("input", attrs={"name": "csrf_token"})["value"]
    assert manager.post(form["action"]).status_code == 400  # its token is required
    response = manager.post(form["action"], data={"csrf_token": token})
    assert response.status_code == 303
    after = html(manager.get(response.headers["Location"]))
    assert f"Le message {reference} est marqué comme traité." in after.get_text()
    assert "par Alice Dupont (Gestionnaire ASP)" in after.get_text()
    assert after.find("form", action=f"{STAFF}{reference}/traite") is None
    row = html(manager.get(STAFF)).select_one("#table-assistance tbody tr")
    assert row.find_all("td")[-1].get_text(strip=True) == "Traité"
    again = manager.post(form["action"], data={"csrf_token": token})
    assert "était déjà traité" in html(manager.get(again.headers["Location"])).get_text()
