"""« Gérer mes demandes de financement » and its export: the operator's own requests only, every
filter of guide 003 §5.1, suggestions from 3 characters, nothing listed above 500 requests until a
filter is set, and a CSV a French spreadsheet opens."""
import pytest

from portal.models.accounts import OPERATOR
from tests.helpers.accounts import make_account, signed_in
from tests.helpers.pages import html
from tests.helpers.enrolment import HTMX
from tests.helpers.funding import seed
from tests.helpers.instruction import file_enrolment

URL = "/espace/financement/"


@pytest.fixture
def operator(app, demo):
    file_enrolment(app)
    return make_account(app, OPERATOR, email="claire.martin@medimail.fr")


@pytest.fixture
def client(app, operator):
    return signed_in(app.test_client(), operator)


def numbers(page):
    return [row.td.get_text(strip=True) for row in page.select("#financements-table tbody tr")]


def test_ten_columns_and_own_rows_only(app, operator, client):
    mine = seed(app, operator, 3)
    other = make_account(app, OPERATOR, email="autre@example.fr")
    theirs = seed(app, other, 2, start=10)
    page = html(client.get(URL))
    headers = [th.get_text(" ", strip=True).split(" Trier")[0]
               for th in page.select("#financements-table thead th")]
    assert headers == ["Numéro de dossier", "Type", "N° de référencement ANS", "Logiciel",
                       "Date de dépôt", "Statut de la demande", "Etat du dernier paiement",
                       "Montant Ségur déclaré HT", "Dénomination sociale", "Action"]
    assert numbers(page) == mine[::-1]
    for query in ("?numero=FINMSS", f"?numero={theirs[0]}", "?statut=decided", "?page=2"):
        assert not set(numbers(html(client.get(URL + query)))) & set(theirs), query


def test_each_filter(app, operator, client):
    seed(app, operator, 6, kind=lambda i: "advance" if i % 2 else "balance",
         status=lambda i: "decided" if i < 3 else "in_progress",
         payment_state=lambda i: "paid" if i == 0 else "none",
         software=lambda i: "DPI" if i == 5 else "MSS Opérateurs")

    def get(query):
        return len(numbers(html(client.get(URL + query))))
    assert get("?type=balance") == 3
    assert get("?statut=in_progress") == 3
    assert get("?paiement=paid") == 1
    assert get("?logiciel=DPI") == 1
    assert get("?logiciel=DPI&logiciel=MSS+Op%C3%A9rateurs") == 6
    assert get("?depot_du=2026-03-03&depot_au=2026-03-04") == 2
    assert get("?numero=0003") == 1


def test_dates_go_together(app, operator, client):
    seed(app, operator, 2)
    page = html(client.get(URL + "?depot_du=2026-03-03"))
    assert "Saisissez les deux dates" in page.find(id="financements-depot-messages").get_text()
    page = html(client.get(URL + "?depot_du=2026-03-05&depot_au=2026-03-01"))
    assert "antérieure" in page.find(id="financements-depot-messages").get_text()
    assert len(numbers(page)) == 2  # a wrong range filters nothing


def test_suggestions_from_three_characters(app, operator, client):
    mine = seed(app, operator, 3)
    seed(app, make_account(app, OPERATOR, email="autre@example.fr"), 2, start=10)
    assert html(client.get(URL + "suggestions?numero=FI")).find_all("option") == []
    options = [o["value"] for o in html(client.get(URL + "suggestions?numero=0001")).find_all("option")]
    assert options == [mine[1]]
    page = html(client.get(URL))
    assert page.find(id="financements-numero")["list"] == "financements-numero-liste"


def test_above_five_hundred_a_filter_comes_first(app, operator, client):
    seed(app, operator, 501, kind=lambda i: "balance" if i == 7 else "advance")
    page = html(client.get(URL))
    assert numbers(page) == []
    assert "plus de 500 demandes de financement" in page.find(id="financements-compte").get_text()
    assert len(numbers(html(client.get(URL + "?type=balance")))) == 1
    part = client.get(URL + "?type=advance", headers=HTMX)
    assert len(numbers(html(part))) == 20


def test_export_applies_the_filters_in_french(app, operator, client):
    seed(app, operator, 3, kind=lambda i: "balance" if i == 2 else "advance")
    seed(app, make_account(app, OPERATOR, email="autre@example.fr"), 2, start=10)
    response = client.get("/espace/financement/export.csv?type=advance")
    assert response.is_streamed and response.mimetype == "text/csv"
    text = response.get_data().decode("utf-8")
    assert text.startswith("\ufeffNuméro de dossier;Type;")
    lines = text.strip().split("\r\n")
    assert len(lines) == 3  # the header and the operator's two advances
    assert ";6666,67;6666,67;20 %;8000,00;" in lines[1] and ";02/03/2026;" in lines[2]
    assert html(client.get("/espace/financement/export")).find(
        "a", href="/espace/financement/export.csv")


def test_a_wrong_or_unknown_filter_does_not_open_the_five_hundred(app, operator, client):
    seed(app, operator, 501)
    for query in ("?logiciel=zzz", "?depot_du=2026-03-03", "?statut=inconnu"):
        page = html(client.get(URL + query))
        assert numbers(page) == [], query
        assert "plus de 500" in page.find(id="financements-compte").get_text(), query
    refused = client.get("/espace/financement/export.csv?depot_du=2026-03-03")
    assert refused.status_code == 303 and "/espace/financement/?" in refused.headers["Location"]
