"""« Simulateur de dépôt JSON »: who may open it, its answer (summary, reasons per rejected
request, amounts of the retained ones), 422 for an unusable file, the output JSON to download,
and nothing filed."""
import io
import json

import pytest

from portal.models import FundingRequest
from portal.models.accounts import MANAGER, OPERATOR
from portal.models.enrolment import PARTIAL
from tests.helpers import json_files as jf
from tests.helpers.accounts import make_account, signed_in
from tests.helpers.enrolment import HTMX, database, form_data
from tests.helpers.pages import html

URL = "/espace/importations/simulateur/"


@pytest.fixture
def supplier(app, demo):
    account, enrolment = jf.supplier(app)
    return signed_in(app.test_client(), account), enrolment, jf.corridor(app)


def simulate(client, document=None, raw=None, filename="demandes.json", htmx=True):
    page = html(client.get(URL))
    data = form_data(page, URL)
    content = raw if raw is not None else jf.raw(document)
    data["fichier_json"] = (io.BytesIO(content), filename)
    headers = {**HTMX, "X-CSRFToken": data["csrf_token"]} if htmx else {}
    return client.post(URL, data=data, headers=headers, content_type="multipart/form-data")


def test_only_suppliers_of_a_corridor_may_simulate(app, demo):
    client = app.test_client()
    assert client.get(URL).status_code in (302, 303)  # signed out: to the sign-in page
    assert signed_in(app.test_client(), make_account(app, OPERATOR)).get(URL).status_code == 403
    assert signed_in(app.test_client(), make_account(app, MANAGER)).get(URL).status_code == 403
    anticipated, _ = jf.supplier(app, status=PARTIAL)
    page = html(signed_in(app.test_client(), anticipated).get(URL))
    assert page.h1.get_text() == "Simulateur de dépôt JSON"
    assert "DPI-ES (Dossier patient informatisé — établissements de santé)" in page.get_text()
    assert page.select_one("label[for=fichier_json]").get_text(" ", strip=True).startswith(
        "Fichier JSON de demandes")


def test_a_valid_file_is_all_retained_and_nothing_is_filed(app, supplier):
    client, enrolment, corridor = supplier
    response = simulate(client, jf.valid_file(corridor, enrolment, count=2, amount=12000.5))
    assert response.status_code == 200 and b"<html" not in response.data
    page = html(response)
    assert page.select_one("#resultat-simulation h2").get_text() == "Résultat de la simulation"
    assert page.select_one("#resultat-simulation")["aria-live"] == "polite"
    assert page.select_one(".fr-alert--success").get_text(strip=True) == \
        "« demandes.json » : 2 demandes : 2 retenues, 0 rejetée. Rien n'a été déposé."
    cells = [td.get_text() for td in page.select("#demandes-retenues tbody tr")[0].select("td")]
    assert cells[0] == "CMD-2026-001" and cells[1] == "1"
    assert [c.replace("\u202f", " ").replace("\xa0", " ") for c in cells[2:]] == [
        "12 000,50 €", "12 000,50 €", "3 600,15 €", "4 320,18 €"]
    with database(app):
        assert FundingRequest.select().count() == 0
    output = client.get(URL + "json-de-sortie")
    assert output.headers["Content-Disposition"] == \
        'attachment; filename="simulation-sortie.json"'
    document = json.loads(output.data)
    assert [item["statut"] for item in document["demandes"]] == ["Retenue (simulation)"] * 2
    assert "numeroDemandeASP" not in document["demandes"][0]


def test_rejected_requests_show_their_reasons(app, supplier):
    client, enrolment, corridor = supplier
    document = jf.valid_file(corridor, enrolment, count=3)
    document["demandes"][1]["montantSegurHT"] = "12 000,00"
    document["demandes"][2]["scenarios"]["S4"] = True
    response = simulate(client, document, htmx=False)  # without JavaScript: the whole page
    assert response.status_code == 200 and b"<html" in response.data
    page = html(response)
    assert page.select_one(".fr-alert--warning").get_text(strip=True) == \
        "« demandes.json » : 3 demandes : 1 retenue, 2 rejetées. Rien n'a été déposé."
    table = page.select_one("#motifs-demande-1 table")
    assert table.caption.get_text() == \
        "Motifs de rejet de la demande n° 2 (numéro éditeur CMD-2026-002)"
    assert [td.get_text() for td in table.select("tbody td")] == [
        "demandes[1].montantSegurHT", "La valeur n'est pas du type attendu.",
        "un nombre JSON sans guillemets, avec un point décimal (par exemple 12500.50)",
        "le texte « 12 000,00 »"]
    assert "n'est pas ouvert au profil" in page.select_one("#motifs-demande-2").get_text()
    output = json.loads(client.get(URL + "json-de-sortie").data)
    assert [item["statut"] for item in output["demandes"]] == [
        "Retenue (simulation)", "Rejetée à l'import", "Rejetée à l'import"]
    assert output["demandes"][1]["motifsRejet"] == [{
        "chemin": "demandes[1].montantSegurHT", "message": "La valeur n'est pas du type attendu.",
        "attendu": "un nombre JSON sans guillemets, avec un point décimal (par exemple 12500.50)",
        "trouve": "le texte « 12 000,00 »"}]


def test_an_unusable_file_answers_422_with_its_reasons(app, supplier):
    client, _, _ = supplier
    response = simulate(client, raw=b'{"typeDemande": "avance",', filename="casse.json")
    assert response.status_code == 422
    page = html(response)
    assert page.select_one(".fr-alert--error").get_text(strip=True).startswith(
        "« casse.json » : Fichier refusé : aucune demande n'est retenue.")
    cells = [td.get_text() for td in page.select("#motifs-fichier tbody td")]
    assert cells[:2] == ["Tout le fichier", "Le fichier n'est pas un JSON valide : erreur ligne "
                         "1, colonne 26."]
    output = json.loads(client.get(URL + "json-de-sortie").data)
    assert output["motifsRejet"][0]["message"].startswith("Le fichier n'est pas un JSON valide")


def test_no_file_or_another_format_is_said_beside_the_field(app, supplier):
    client, _, _ = supplier
    data = form_data(html(client.get(URL)), URL)
    response = client.post(URL, data=data, headers={**HTMX, "X-CSRFToken": data["csrf_token"]},
                           content_type="multipart/form-data")
    assert response.status_code == 422
    page = html(response)
    assert page.select_one("#fichier_json-messages").get_text(strip=True) == \
        "Sélectionnez le fichier JSON à simuler."
    assert page.select_one("#fichier_json")["aria-invalid"] == "true"
    response = simulate(client, raw=b"a;b", filename="demandes.csv")
    assert response.status_code == 422
    assert html(response).select_one("#fichier_json-messages").get_text(strip=True) == \
        "Le fichier doit être au format JSON (extension .json)."


def test_the_output_is_the_accounts_own_latest(app, supplier):
    client, enrolment, corridor = supplier
    assert client.get(URL + "json-de-sortie").status_code == 404  # nothing simulated yet
    simulate(client, jf.valid_file(corridor, enrolment))
    simulate(client, jf.valid_file(corridor, enrolment, count=2))
    assert len(json.loads(client.get(URL + "json-de-sortie").data)["demandes"]) == 2
    other, _ = jf.supplier(app)
    other_client = signed_in(app.test_client(), other)
    assert other_client.get(URL + "json-de-sortie").status_code == 404
    with client.session_transaction() as session:  # another account's token is not enough
        token = session["simulation"]
    with other_client.session_transaction() as session:
        session["simulation"] = token
    assert other_client.get(URL + "json-de-sortie").status_code == 404


def test_the_form_needs_its_csrf_token(app, supplier):
    client, enrolment, corridor = supplier
    response = client.post(URL, data={"fichier_json": (io.BytesIO(b"{}"), "a.json")},
                           content_type="multipart/form-data")
    assert response.status_code == 400
