"""« Exporter vos bénéficiaires » (guide 003 §6): in the « Export » menu, a corridor chosen first
among the account's (422 with a French message without one, or with another's), then a CSV with
the requests export's conventions — UTF-8 BOM, « ; », formula-safe cells — of every beneficiary
of that corridor's requests of the account, its identifier's column named by the corridor,
streamed in one query whatever the number of rows."""
import pytest

from portal.models import Enrolment
from portal.services.funding import beneficiaries_export
from tests.helpers.accounts import make_account, signed_in
from tests.helpers.enrolment import database, error
from tests.helpers.json_requests import (DOCTORS, city_corridor, dossier_of, dpi_supplier,
                                         json_request)
from tests.helpers.pages import html
from tests.helpers.queries import counting

PAGE = "/espace/financement/beneficiaires"
CSV = PAGE + ".csv"


@pytest.fixture
def supplier(app, demo):
    account, enrolment = dpi_supplier(app)
    advance, balance = dossier_of(app, account, enrolment)
    return account, enrolment, advance, balance


@pytest.fixture
def client(app, supplier):
    return signed_in(app.test_client(), supplier[0])


def test_the_export_menu_leads_to_it_and_offers_the_accounts_corridors(app, client):
    with database(app):
        city_corridor()  # no request of the account: not offered
    page = html(client.get("/espace/financement/export"))
    links = {a.get_text(strip=True): a["href"] for a in page.select("nav a")}
    assert links["Exporter vos bénéficiaires"] == PAGE
    page = html(client.get(PAGE))
    assert page.h1.get_text(strip=True) == "Exporter vos bénéficiaires"
    select = page.find("select", id="couloir")
    assert page.find("label", attrs={"for": "couloir"}).get_text(strip=True) == "Couloir"
    assert [o["value"] for o in select.select("option")] == ["", "DPI-ES"]
    form = page.select_one("form:has(#couloir)")
    assert form["action"] == CSV and form.get("method") == "get"


def test_a_corridor_is_required(client):
    for query in ("", "?couloir=", "?couloir=MS1", "?couloir=%3Dcmd"):
        response = client.get(CSV + query)
        assert response.status_code == 422, query
        expected = (beneficiaries_export.NO_CORRIDOR if query in ("", "?couloir=")
                    else beneficiaries_export.NOT_YOURS)
        assert error(html(response), "couloir") == expected
        assert html(response).find("select", id="couloir").get("aria-invalid") == "true"


def test_the_file_lists_the_corridors_beneficiaries_with_their_requests(app, supplier, client):
    _, _, advance, balance = supplier
    response = client.get(CSV + "?couloir=DPI-ES")
    assert response.status_code == 200 and response.is_streamed
    assert response.mimetype == "text/csv"
    assert 'filename="beneficiaires-DPI-ES.csv"' in response.headers["Content-Disposition"]
    body = response.get_data(as_text=True)
    assert body.startswith("\ufeff")
    lines = body[1:].split("\r\n")
    assert lines[0] == ("Numéro FINESS géographique;Nom;Email;Téléphone;Numéro de demande;"
                        "Numéro éditeur;Type;Statut de la demande")
    assert lines[1:-1] == [
        f"750100125;Hôpital Saint-Louis;dsi@saint-louis.aphp.fr;01 42 49 49 49;{advance.number};"
        "ED-2026-0001;Avance;Décidée",
        f"690781810;Centre hospitalier de Villefranche-sur-Saône;informatique@ch-villefranche.fr;"
        f"04 74 09 29 29;{advance.number};ED-2026-0001;Avance;Décidée",
        f"690781810;Centre hospitalier de Villefranche-sur-Saône;informatique@ch-villefranche.fr;"
        f"04 74 09 29 29;{balance.number};ED-2026-0001-S;Solde;En cours",
        f"130786049;Hôpital de la Timone;si.timone@ap-hm.fr;04 91 38 00 00;{balance.number};"
        "ED-2026-0001-S;Solde;En cours"]


def test_only_the_accounts_rows_of_that_corridor_and_formula_safe(app, supplier, client):
    account, enrolment_number, _, _ = supplier
    other = make_account(app, email="autre.editeur@example.fr")
    with database(app):
        enrolment = Enrolment.get(Enrolment.number == enrolment_number)
        city = city_corridor()
        json_request(account, enrolment, city, people=[("10002222226", "=HYPERLINK(\"x\")",
                                                        "+33@x.fr", "-1")],
                     sequence=7, publisher_number="@LGC-1")
        json_request(other, enrolment, city, people=DOCTORS, sequence=8, publisher_number="LGC-2")
    body = client.get(CSV + "?couloir=MS1").get_data(as_text=True)
    header, *rows = body[1:].strip().split("\r\n")
    assert header.startswith("Numéro RPPS;Nom;")
    assert rows == ["10002222226;\"'=HYPERLINK(\"\"x\"\")\";'+33@x.fr;-1;FINLGC000007-M0;'@LGC-1;"
                    "Avance;En cours"]
    assert "10101234567" not in body  # the other supplier's doctors
    other_client = signed_in(app.test_client(), other)
    assert other_client.get(CSV + "?couloir=DPI-ES").status_code == 422  # not its corridor
    assert "10002222226" not in other_client.get(CSV + "?couloir=MS1").get_data(as_text=True)


def test_one_query_whatever_the_number_of_rows(app, supplier, client):
    account, enrolment_number, _, _ = supplier

    def queries():
        with counting() as seen:
            client.get(CSV + "?couloir=DPI-ES").get_data()
        return len(seen.sql)
    few = queries()
    with database(app):
        enrolment = Enrolment.get(Enrolment.number == enrolment_number)
        corridor = enrolment.json_imports.first().corridor
        for i in range(10):
            json_request(account, enrolment, corridor, sequence=100 + i,
                         publisher_number=f"ED-2026-1{i:03d}")
    assert queries() == few
