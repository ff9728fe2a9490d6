"""« Accéder à la documentation des JSONs »: the public page generated from the schemas, its
example files (valid against their schema) and the schemas themselves."""
import json

from jsonschema import Draft202012Validator

from portal.formatting import ascii_spaces
from portal.models.accounts import OPERATOR
from tests.helpers import json_files
from tests.helpers.accounts import make_account, signed_in
from tests.helpers.enrolment import HTMX
from tests.helpers.pages import html

URL = "/documentation-des-jsons/"


def test_the_page_is_public_and_linked_from_the_footer(client, demo):
    home = html(client.get("/"))
    assert home.select_one("footer a[href='/documentation-des-jsons/']").get_text() == \
        "Documentation des JSONs"
    response = client.get(URL)
    assert response.status_code == 200
    page = html(response)
    assert page.h1.get_text() == "Documentation des fichiers JSON"
    assert "Ouvrir le simulateur" not in page.get_text()  # not signed in
    options = [o.get_text() for o in page.select("#couloir option")]
    assert options == ["DPI-ES — Dossier patient informatisé — établissements de santé",
                       "MDV-LGC — Médecins de ville — logiciel de gestion de cabinet"]
    table = page.select_one("#champs-avance table")
    assert table.caption.get_text() == "Champs d'un fichier de demandes d'avance du couloir DPI-ES"
    rows = {tr.select("td")[0].get_text(): [td.get_text() for td in tr.select("td")[1:]]
            for tr in table.select("tbody tr")}
    assert rows["demandes[].montantSegurHT"][:2] == ["nombre", "Oui"]
    assert "45 000,00 € HT par bénéficiaire et 450 000,00 € HT par demande" in \
        ascii_spaces(rows["demandes[].montantSegurHT"][2])
    assert rows["demandes[].beneficiaires[].finess"][1] == "Oui"
    assert "Luhn" in rows["demandes[].beneficiaires[].finess"][2]
    assert rows["demandes[].mandataire"][1] == "Oui, si l'un des deux mandats vaut true"
    assert rows["demandes[].scenarios.S4"][0] == "booléen"
    balance = {tr.select_one("td").get_text() for tr in page.select("#champs-solde tbody tr")}
    assert {"demandes[].montantSegurHTFacture", "demandes[].numeroDemandeAvanceASP"} <= balance
    assert "demandes[].montantSegurHT" not in balance


def test_another_corridor_by_its_form_or_as_a_fragment(client, demo):
    page = html(client.get(URL + "?couloir=MDV-LGC"))
    assert page.select_one("#documentation h2").get_text() == \
        "Couloir MDV-LGC : Médecins de ville — logiciel de gestion de cabinet"
    assert page.select_one("#couloir option[selected]")["value"] == "MDV-LGC"
    fragment = client.get(URL + "?couloir=MDV-LGC", headers=HTMX)
    assert fragment.status_code == 200 and b"<html" not in fragment.data
    part = html(fragment)
    assert part.title.get_text().startswith("Documentation des fichiers JSON")
    assert part.select_one("#champs-avance tbody tr td code") is not None
    paths = [td.get_text() for td in part.select("#champs-avance tbody tr td:first-child")]
    assert "demandes[].beneficiaires[].rpps" in paths
    assert "(présentés en tableau)" in part.get_text()


def test_each_example_is_valid_against_its_schema(client, demo):
    for code in ("DPI-ES", "MDV-LGC"):
        for word in ("avance", "solde"):
            example = client.get(f"{URL}{code}/{word}.exemple.json")
            assert example.status_code == 200
            assert example.headers["Content-Disposition"] == \
                f'attachment; filename="{code}-{word}.exemple.json"'
            schema = client.get(f"{URL}{code}/{word}.schema.json")
            assert schema.headers["Content-Type"] == "application/schema+json; charset=utf-8"
            Draft202012Validator.check_schema(schema.json)
            document = json.loads(example.data)
            assert list(Draft202012Validator(schema.json).iter_errors(document)) == []
            assert document["couloir"] == code and document["typeDemande"] == word
            assert document["numeroReferencementANS"] == "VOTRE-NUMERO-ANS"


def test_a_signed_in_supplier_gets_its_own_number_and_the_simulator_link(app, client, demo):
    account, _ = json_files.supplier(app)
    signed_in(client, account)
    page = html(client.get(URL))
    link = page.find("a", string="Ouvrir le simulateur de dépôt JSON")
    assert link["href"] == "/espace/importations/simulateur/"
    example = client.get(URL + "DPI-ES/avance.exemple.json").json
    assert example["numeroReferencementANS"] == "DPI-2023-0101"
    assert example["demandes"][0]["logiciel"] == "Dossier Patient Horizon 7.5"


def test_an_operator_without_corridor_sees_no_simulator_link(app, client, demo):
    signed_in(client, make_account(app, OPERATOR))
    assert "Ouvrir le simulateur" not in html(client.get(URL)).get_text()


def test_unknown_or_closed_corridors_have_no_files(app, client, demo):
    assert client.get(URL + "XXX/avance.exemple.json").status_code == 404
    assert client.get(URL + "DPI-ES/acompte.schema.json").status_code == 404
    corridor = json_files.corridor(app)
    with app.app_context():
        from portal.extensions import db
        with db.database.connection_context():
            corridor.active = False
            corridor.save()
    assert client.get(URL + "DPI-ES/avance.schema.json").status_code == 404
    options = [o["value"] for o in html(client.get(URL)).select("#couloir option")]
    assert options == ["MDV-LGC"]
