"""Requests filed from a JSON file, where the operator meets them (guide 003 §5.1, §5.2): the
financing table's « Numéro éditeur » and « Logiciel », the number search whatever the corridor's
prefix, the CSV's « Numéro éditeur » and « Couloir », and the consultation's six accordions —
« Informations de la commande », « Bénéficiaires » (mandates ticked or not, the mandatary, the
corridor's identifier, « Correspond à l'avance »), « Scénarios d'installation » (ticked when
declared, bold when checked against the referenced profile, a table for some corridors) — while
an MSS request's consultation stays as it was."""
import pytest

from portal.models import Enrolment, FundingRequest
from tests.helpers.accounts import make_account, signed_in
from tests.helpers.enrolment import HTMX, database
from tests.helpers.funding import seed
from tests.helpers.json_requests import (DEVELOPER, DOCTORS, DPI_SCENARIOS, city_corridor,
                                         dossier_of, dpi_supplier, json_request)
from tests.helpers.pages import html

URL = "/espace/financement/"


@pytest.fixture
def supplier(app, demo):
    return dpi_supplier(app)


@pytest.fixture
def client(app, supplier):
    return signed_in(app.test_client(), supplier[0])


@pytest.fixture
def dossier(app, supplier):
    """The DPI advance (decided, both mandates answered, a mandatary) and its balance."""
    account, enrolment = supplier
    return dossier_of(app, account, enrolment)


def rows(page) -> dict:
    table = page.select_one("#financements-table")
    headers = [th.get_text(" ", strip=True).split(" Trier")[0] for th in table.select("thead th")]
    return {tr.td.get_text(strip=True): dict(zip(headers, (td.get_text(" ", strip=True)
                                                           for td in tr.select("td"))))
            for tr in table.select("tbody tr")}


def test_the_table_shows_the_publishers_number_and_the_corridors_software(app, supplier, client,
                                                                          dossier):
    advance, balance = dossier
    seed(app, supplier[0], 1)
    shown = rows(html(client.get(URL)))
    assert shown[advance.number]["Numéro éditeur"] == "ED-2026-0001"
    assert shown[balance.number]["Numéro éditeur"] == "ED-2026-0001-S"
    assert shown[balance.number]["Logiciel"] == "Dossier patient informatisé (DPI)"
    mss = next(n for n in shown if n.startswith("FINMSS"))
    assert shown[mss]["Numéro éditeur"] == "—"  # the form channel has none
    only = rows(html(client.get(URL + "?logiciel=Dossier+patient+informatis%C3%A9+%28DPI%29")))
    assert set(only) == {advance.number, balance.number}


@pytest.mark.parametrize("typed, found", [
    ("FINDPI", {"FINDPI000001-M0", "FINDPI000001-M1"}),  # a corridor's prefix: its start
    ("findpi000001-m1", {"FINDPI000001-M1"}),  # any case
    ("DPI000", {"FINDPI000001-M0", "FINDPI000001-M1"}),  # inside the number: trigrams
    ("FIN", {"FINDPI000001-M0", "FINDPI000001-M1", "FINMSS030000-M0", "FINLGC000003-M0"}),
    ("LGC", {"FINLGC000003-M0"}),
    ("FINMSS", {"FINMSS030000-M0"}),
])
def test_the_number_search_finds_every_corridors_numbers(app, supplier, client, dossier, typed,
                                                         found):
    account, enrolment = supplier
    _city_advance(app, account, enrolment)
    seed(app, account, 1, number=lambda i: "FINMSS030000-M0")
    assert set(rows(html(client.get(URL + f"?numero={typed}"))).keys()) == found
    suggested = html(client.get(URL + f"suggestions?numero={typed}", headers=HTMX))
    assert {o["value"] for o in suggested.select("option")} == found


def _city_advance(app, account, enrolment_number, corridor_changes=None, **changes):
    with database(app):
        corridor = city_corridor(**(corridor_changes or {}))
        return json_request(account, Enrolment.get(Enrolment.number == enrolment_number),
                            corridor, people=DOCTORS, sequence=3, publisher_number="LGC-77",
                            **changes)


def test_the_csv_names_the_publishers_number_and_the_corridor(client, dossier):
    advance, _ = dossier
    body = client.get(URL + "export.csv").get_data(as_text=True)
    header, *lines = body.lstrip("\ufeff").splitlines()
    assert header.split(";")[:4] == ["Numéro de dossier", "Type", "Numéro éditeur", "Couloir"]
    assert f"{advance.number};Avance;ED-2026-0001;DPI-ES;" in body


def accordion(page, id_) -> str:
    return page.find(id=id_).get_text(" ", strip=True)


def test_the_advance_shows_the_six_accordions_of_a_json_request(client, dossier):
    advance, _ = dossier
    page = html(client.get(URL + advance.number))
    titles = [b.get_text(strip=True) for b in page.select("#panneau-actuelle .fr-accordion__btn")]
    assert titles == ["Informations de la commande", "Coordonnées bancaires", "Bénéficiaires",
                      "Pièces justificatives", "Scénarios d'installation", "Suivi financier",
                      "Courriels automatiquement envoyés"]
    assert "Numéro éditeur : ED-2026-0001" in page.select_one("main p:has(.fr-badge)").get_text(
        " ", strip=True)
    order = accordion(page, "informations").replace("\u202f", " ").replace("\xa0", " ")
    for fact in ("Date de la commande 15/01/2026", "Régime TVA Assujetti à la TVA",
                 "Taux de TVA appliqué 20 %", "Logiciel Dossier patient informatisé (DPI)",
                 "Montant SEGUR total hors taxe déclaré lors de l'avance",
                 "Montant de l'engagement SEGUR hors taxe retenu (lors de l'avance)",
                 "Montant décidé de l'avance (fonction du régime TVA)", "14 400,00 €",
                 "balise « montantSegurHT »"):
        assert fact in order, fact


def test_the_beneficiaries_block_of_an_advance(client, dossier):
    advance, _ = dossier
    page = html(client.get(URL + advance.number))
    boxes = page.select("#mandats input[type=checkbox]")
    assert [(b.has_attr("checked"), b.has_attr("disabled")) for b in boxes] == [
        (True, True), (False, True)]
    assert [page.find("label", attrs={"for": b["id"]}).get_text(strip=True) for b in boxes] == [
        "Le bénéficiaire final a mandaté le fournisseur pour déposer la demande de financement "
        "en son nom", "Le bénéficiaire final a mandaté le fournisseur pour percevoir le paiement "
        "de l'aide"]
    assert accordion(page, "mandataire") == ("Raison sociale Groupement Hospitalier Nord-Est "
                                             "SIRET 26750045200011 Email achats@ghne.fr "
                                             "Téléphone 01 40 05 48 48")
    table = page.select_one("#beneficiaires table")
    assert [th.get_text(strip=True) for th in table.select("thead th")] == [
        "Numéro FINESS géographique", "Nom", "Email", "Téléphone"]  # no match column: an advance
    assert [[td.get_text(strip=True) for td in tr.select("td")] for tr in table.select("tbody tr")] == [
        ["750100125", "Hôpital Saint-Louis", "dsi@saint-louis.aphp.fr", "01 42 49 49 49"],
        ["690781810", "Centre hospitalier de Villefranche-sur-Saône",
         "informatique@ch-villefranche.fr", "04 74 09 29 29"]]


def test_the_beneficiaries_block_of_a_balance_says_which_match_the_advance(client, dossier):
    _, balance = dossier
    page = html(client.get(URL + balance.number))
    assert not any(b.has_attr("checked") for b in page.select("#mandats input"))
    assert page.find(id="mandataire") is None  # no mandate, no mandatary
    table = page.select_one("#beneficiaires table")
    assert table.select("thead th")[-1].get_text(strip=True) == "Correspond à l'avance"
    assert [(tr.td.get_text(strip=True), tr.select("td")[-1].get_text(strip=True))
            for tr in table.select("tbody tr")] == [("690781810", "Oui"), ("130786049", "Non")]


def test_scenarios_ticked_when_declared_bold_when_checked(app, client, dossier):
    advance, _ = dossier  # S1 and S3 declared; S1 and S2 for the developer's profile
    page = html(client.get(URL + advance.number))
    shown = {}
    for box in page.select("#scenarios input[type=checkbox]"):
        label = page.find("label", attrs={"for": box["id"]})
        shown[box["id"]] = (box.has_attr("checked"), label.strong is not None,
                            label.get_text(" ", strip=True))
    assert shown == {
        "scenario-S1": (True, True, DPI_SCENARIOS[0]["label"] + " (contrôlé)"),
        "scenario-S2": (False, True, DPI_SCENARIOS[1]["label"] + " (contrôlé)"),
        "scenario-S3": (True, False, DPI_SCENARIOS[2]["label"]),
        "scenario-S4": (False, False, DPI_SCENARIOS[3]["label"]),
    }
    assert DEVELOPER in DPI_SCENARIOS[0]["profiles"]


def test_a_corridor_drawn_as_a_table_shows_its_scenarios_so(app, supplier, client):
    account, enrolment = supplier
    city = _city_advance(app, account, enrolment,
                         scenarios={"PT-INST": True, "PT-MAJ": False, "SRV-INST": True})
    page = html(client.get(URL + city.number))
    table = page.select_one("#scenarios table")
    assert [th.get_text(strip=True) for th in table.select("thead th")] == [
        "Périmètre", "Installation", "Mise à jour"]
    cells = {}
    for tr in table.select("tbody tr"):
        group = tr.th.get_text(strip=True)
        for column, td in zip(("Installation", "Mise à jour"), tr.select("td")):
            box = td.select_one("input")
            cells[group, column] = (box.has_attr("checked"), td.strong is not None)
    assert cells == {("Poste de travail", "Installation"): (True, True),
                     ("Poste de travail", "Mise à jour"): (False, True),
                     ("Serveur du cabinet", "Installation"): (True, False),
                     ("Serveur du cabinet", "Mise à jour"): (False, True)}
    assert [th.get_text(strip=True) for th in page.select("#beneficiaires thead th")][0] == \
        "Numéro RPPS"


def test_a_corridor_without_scenarios_has_no_empty_accordion(app, supplier, client):
    account, enrolment = supplier
    plain = _city_advance(app, account, enrolment, {"scenarios_json": "[]"}, scenarios={})
    page = html(client.get(URL + plain.number))
    assert page.find(id="scenarios-bloc") is None


def test_the_history_shows_the_json_fields_of_each_version(client, dossier):
    advance, _ = dossier
    versions = html(client.get(URL + advance.number)).find(id="panneau-historique")
    text = versions.get_text(" ", strip=True)
    for fact in ("Numéro éditeur ED-2026-0001", "Date de la commande 15/01/2026",
                 "Régime TVA Assujetti à la TVA",
                 "Scénarios d'installation déclarés Installation initiale du DPI référencé Ségur, "
                 "Raccordement à la messagerie sécurisée de santé",
                 "Bénéficiaires 750100125 Hôpital Saint-Louis ; 690781810"):
        assert fact in text, fact


def test_another_supplier_never_sees_them(app, dossier):
    advance, _ = dossier
    other = signed_in(app.test_client(), make_account(app, email="autre@example.fr"))
    assert other.get(URL + advance.number).status_code == 404
    assert advance.number not in other.get(URL + "?numero=FINDPI").get_data(as_text=True)


def test_an_mss_request_is_consulted_as_before(app, demo):
    from tests.helpers.funding import COUNTS, send, validated_operator
    client = signed_in(app.test_client(), validated_operator(app))
    assert send(client, **COUNTS).status_code == 303
    with database(app):
        number = FundingRequest.get().number
    page = html(client.get(URL + number))
    titles = [b.get_text(strip=True) for b in page.select("#panneau-actuelle .fr-accordion__btn")]
    assert titles == ["Informations de la demande", "Coordonnées bancaires",
                      "Pièces justificatives", "Suivi financier",
                      "Courriels automatiquement envoyés"]
    assert "Numéro éditeur" not in page.get_text()


def test_a_corridors_prefix_is_searched_from_the_start_of_the_number(app, dossier):
    """« FINDPI0 » can only be at a number's start: an index range (LIKE 'FINDPI0%' on
    PostgreSQL, >= and < on SQLite), not the trigrams that every FIN… number shares."""
    from portal.extensions import db
    from portal.services.funding.operator_table import number_contains
    with app.test_request_context(), db.database.connection_context():
        _, params = FundingRequest.select().where(number_contains("findpi0")).sql()
        assert "%FINDPI0%" not in params and ("FINDPI0%" in params or "FINDPI0" in params)
        _, params = FundingRequest.select().where(number_contains("DPI0")).sql()
        assert "%DPI0%" in params


def test_the_consultation_reads_each_fact_once(client, dossier):
    """Corridor and referenced profile in one query, the beneficiaries in another: no query
    run twice, a few more than an MSS request's (tests/funding/test_screens.py)."""
    from tests.helpers.detail_pages import MENU, THREAD
    from tests.helpers.queries import run_by
    for request in dossier:
        run = run_by(client, URL + request.number)
        assert run.repeated() == [], request.number
        assert len(run.sql) <= 10 + MENU + THREAD, run.sql  # + the payment lines of the follow-up
