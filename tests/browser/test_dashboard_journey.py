"""The managers' tools in Chromium: an operator's advance (filed through its form, decided by the
portal) and a DPI dossier filed from JSONs show on « Tableau de bord »; the manager reads a
chart's table, filters by corridor (the charts swapped, the URL kept), then finds the advance by
typing part of its number in the header's search and opens it. axe-core on every state, charts
included."""
import datetime
import re

from playwright.sync_api import expect

from portal.formatting import euros
from portal.models import FundingRequest
from tests.helpers.accounts import signed_in
from tests.helpers.browser import assert_accessible, manager_signs_in, menu, open_accordion
from tests.helpers.enrolment import database
from tests.helpers.funding import COUNTS, send, validated_operator
from tests.helpers.json_requests import dossier_of, dpi_supplier

AMOUNTS = "Données du graphique « Montants demandés, décidés et payés par couloir »"
STATUSES = "Données du graphique « Dossiers par statut et par mois de dépôt »"


def test_the_dashboard_shows_the_journey_and_the_search_finds_it(app, demo, staff_page,
                                                                  live_server):
    operator = validated_operator(app)
    assert send(signed_in(app.test_client(), operator), **COUNTS).status_code == 303
    dossier_of(app, *dpi_supplier(app))
    with database(app):
        advance = FundingRequest.get(FundingRequest.account == operator)
        amount, number = euros(advance.declared_ht), advance.number
    month = datetime.datetime.now(datetime.timezone.utc).strftime("%m/%Y")

    manager_signs_in(app, staff_page, live_server)
    menu(staff_page, "Suivi", "Tableau de bord")
    expect(staff_page.get_by_role("heading", name="Tableau de bord", level=1)).to_be_visible()
    for title in ("Dossiers par statut et par mois de dépôt", "Montants demandés, décidés et "
                  "payés par couloir"):
        expect(staff_page.get_by_role("img", name=title)).to_be_visible()
    open_accordion(staff_page, staff_page.get_by_role("button", name=STATUSES))
    expect(staff_page.locator("#statuts-tableau tbody tr")).to_have_text(
        [re.compile(rf"^{re.escape(month)}.*3$")])  # the advance and the DPI dossier's two
    open_accordion(staff_page, staff_page.get_by_role("button", name=AMOUNTS))
    mss = staff_page.locator("#montants-tableau tbody tr").first
    expect(mss.locator("th")).to_have_text("MSS Opérateurs (formulaire)")
    expect(mss.locator("td").nth(0)).to_have_text(amount)  # requested…
    expect(mss.locator("td").nth(1)).to_have_text(amount)  # …and decided by the portal
    assert_accessible(staff_page)

    staff_page.get_by_label("Couloir", exact=True).select_option(value="DPI-ES")
    expect(staff_page.get_by_role("status").filter(has_text="Graphiques pour")).to_contain_text(
        "le couloir « DPI-ES")
    expect(staff_page).to_have_url(re.compile(r"couloir=DPI-ES"))
    open_accordion(staff_page, staff_page.get_by_role("button", name=AMOUNTS))
    expect(staff_page.locator("#montants-tableau tbody th")).to_have_text([re.compile("^DPI-ES")])
    assert_accessible(staff_page)

    search = staff_page.get_by_label(re.compile("^Rechercher un dossier"))
    search.press_sequentially(number[-8:], delay=40)
    found = staff_page.locator("#recherche-dossier-resultats")
    expect(found.get_by_role("status")).to_contain_text("1 dossier")
    assert_accessible(staff_page)
    search.press("ArrowDown")
    expect(found.get_by_role("link", name=f"Demande de financement {number}")).to_be_focused()
    staff_page.keyboard.press("Enter")
    expect(staff_page.get_by_role("heading", level=1)).to_have_text(f"Avance n° {number}")
    assert_accessible(staff_page)
