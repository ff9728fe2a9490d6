"""« Tableau de bord »: the figures of a known data set (tests/manager/conftest.py) as its
tables say them, filtered by corridor and period; staff only; a handful of queries whatever the
number of requests."""
from decimal import Decimal

from portal.formatting import euros
from tests.helpers.accounts import manager_client, signed_in
from tests.helpers.enrolment import HTMX, database
from tests.helpers.funding import seed
from tests.helpers.pages import html
from tests.helpers import queries
from tests.helpers.scene import demo_app

URL = "/gestion/tableau-de-bord/"


def table(page, key) -> list[list[str]]:
    return [[cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
            for row in page.select(f"#{key}-tableau tbody tr")]


def test_the_figures_of_a_known_data_set(known, staff):
    page = html(staff.get(URL))
    assert table(page, "statuts") == [["03/2026", "0", "3", "3"], ["04/2026", "1", "1", "2"]]
    assert [th.get_text() for th in page.select("#statuts-tableau thead th")] == [
        "Mois de dépôt", "En cours", "Décidée", "Total"]
    assert table(page, "delais") == [["En cours", "2", "3,0 jours", "4,0 jours"],
                                     ["Validée", "1", "1,0 jour", "1,0 jour"]]
    amounts = table(page, "montants")
    assert amounts[0] == ["MSS Opérateurs (formulaire)", euros(Decimal("20000.01")),
                          euros(Decimal("20000.01")), euros(Decimal("6666.67")),
                          euros(Decimal("1000000.00"))]  # the demonstration's envelope
    assert amounts[1][0].startswith("DPI-ES") and amounts[1][1] == euros(Decimal("198000"))
    assert table(page, "courriels") == [["05/03/2026", "2", "1"]]
    assert "Graphiques pour tous les couloirs, toutes dates." in page.select_one(
        "#tableau-etat").get_text()


def test_every_chart_is_an_image_with_its_title_and_its_table(known, staff):
    page = html(staff.get(URL))
    for key in ("statuts", "delais", "montants", "courriels"):
        svg = page.select_one(f"section[aria-labelledby='{key}-titre-section'] svg")
        assert svg["role"] == "img"
        assert svg["aria-labelledby"] == f"{key}-titre {key}-desc"
        assert svg.find("title").get_text() and svg.find("desc").get_text()
        assert svg.find_all("rect")
        assert page.select_one(f"#{key}-donnees #{key}-tableau caption")
    assert page.select_one("nav a[href='/gestion/tableau-de-bord/']").get_text() == "Tableau de bord"


def test_filtered_by_corridor_and_period(known, staff):
    mss = html(staff.get(URL + "?couloir=mss"))
    assert table(mss, "statuts") == [["03/2026", "3", "3"]]
    assert [row[0] for row in table(mss, "montants")] == ["MSS Opérateurs (formulaire)"]
    assert "le couloir « MSS Opérateurs (formulaire) »" in mss.get_text()
    dpi = html(staff.get(URL + "?couloir=DPI-ES"))
    assert [row[0][:6] for row in table(dpi, "montants")] == ["DPI-ES"]
    assert table(dpi, "delais") == []  # its history is not in the known set
    april = html(staff.get(URL + "?du=2026-04-01&au=2026-04-30"))
    assert [row[0] for row in table(april, "statuts")] == ["04/2026"]
    assert table(april, "courriels") == []
    assert "du 01/04/2026 au 30/04/2026" in april.get_text()


def test_a_filter_as_a_fragment_and_a_wrong_period(known, staff):
    fragment = staff.get(URL + "?couloir=mss", headers=HTMX)
    body = fragment.get_data(as_text=True)
    assert "<html" not in body and "statuts-tableau" in body
    assert "le couloir « MSS Opérateurs (formulaire) »" in html(fragment).select_one(
        "#tableau-etat[hx-swap-oob=true]").get_text()
    wrong = html(staff.get(URL + "?du=2026-04-30&au=2026-04-01", headers=HTMX))
    assert wrong.select_one("#tableau-au-messages").get_text(strip=True) == \
        "Cette date est antérieure à la date de début."


def test_staff_only(app, known):
    operator = signed_in(app.test_client(), known["operator"])
    assert operator.get(URL).status_code == 403
    assert app.test_client().get(URL).status_code in (302, 303)


def test_a_handful_of_queries_whatever_the_number_of_requests(app, known, staff):
    few = queries.count(staff, URL)
    seed(app, known["operator"], 50, start=10)
    assert queries.count(staff, URL) == few <= 12


def test_the_demonstration_shows_a_dossier_on_the_dashboard(app):
    demo = demo_app(app)
    for _ in range(2):  # loaded twice, as every run of scripts/run.sh does: created once
        assert demo.test_cli_runner().invoke(args=["load-demo"]).exit_code == 0
    page = html(manager_client(demo).get(URL))
    # its MSS advance (decided) and balance (validated), the request of its JSON import (« En cours »)
    assert table(page, "statuts") == [["09/2026", "0", "0", "1", "1"],
                                      ["10/2026", "1", "1", "0", "2"]]
    assert table(page, "delais") == [["En cours", "3", "2,3 jours", "4,0 jours"],
                                     ["En attente de pièce justificative", "1", "5,0 jours",
                                      "5,0 jours"]]
    assert table(page, "montants")[0][1:4] == [euros(Decimal("175248.30")), euros(
        Decimal("6666.67")), euros(Decimal("8000.00"))]
    assert table(page, "courriels") == [["05/10/2026", "1", "0"]]


def test_each_channel_shows_its_budget_envelope(app, known, staff):
    """The amounts table and chart show each channel's envelope as an admin sets it; a corridor
    without one says « Non renseignée »."""
    from portal.models import BudgetEnvelope
    with database(app):
        BudgetEnvelope.update(amount=Decimal("1234567.89")).where(
            BudgetEnvelope.corridor.is_null()).execute()
        BudgetEnvelope.delete().where(BudgetEnvelope.corridor.is_null(False)).execute()
    page = html(staff.get(URL))
    amounts = table(page, "montants")
    assert amounts[0][0] == "MSS Opérateurs (formulaire)"
    assert amounts[0][-1] == euros(Decimal("1234567.89"))
    assert amounts[1][0].startswith("DPI-ES") and amounts[1][-1] == "Non renseignée"
    assert page.select("#montants-tableau thead th")[-1].get_text() == "Enveloppe budgétaire TTC"
    bars = [t.get_text() for t in page.select(
        "section[aria-labelledby='montants-titre-section'] svg rect title")]
    assert any(b.startswith("MSS Opérateurs (formulaire) — Enveloppe budgétaire (TTC) : "
                            + euros(Decimal("1234567.89"))) for b in bars)
