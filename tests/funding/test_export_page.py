"""« Exporter vos demandes de financement »: the page says how many requests the file lists, in
French whatever the count (none, one, several)."""
from portal.models.accounts import OPERATOR
from tests.helpers.accounts import make_account, signed_in
from tests.helpers.funding import seed
from tests.helpers.instruction import file_enrolment
from tests.helpers.pages import html

URL = "/espace/financement/export"


def said(client) -> str:
    return html(client.get(URL)).find("main").find("p").get_text(" ", strip=True)


def test_the_count_is_said_in_french(app, demo):
    file_enrolment(app)
    account = make_account(app, OPERATOR, email="claire.martin@medimail.fr")
    client = signed_in(app.test_client(), account)
    assert said(client).startswith("Vous n'avez encore aucune demande de financement")
    seed(app, account, 1)
    assert said(client).startswith("Le fichier liste votre demande de financement (")
    seed(app, account, 1, start=1)
    assert said(client).startswith("Le fichier liste vos 2 demandes de financement (")
