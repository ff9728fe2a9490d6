"""An operator with 60 enrolments filters and sorts its table as it types, pages through it,
opens a row and every accordion of the consultation — with the keyboard, and with axe watching."""
import re

from playwright.sync_api import expect

from portal.models.enrolment import VALIDATED
from tests.helpers.accounts import PASSWORD
from tests.helpers.auth import ready_account
from tests.helpers.browser import assert_accessible
from tests.helpers.browser import open_sign_in, sign_in
from tests.helpers.instruction import file_enrolment
from tests.helpers.operator import own_filed, seed


def rows(page):
    return page.locator("#enrolements-table tbody tr")


def test_filter_sort_page_and_consult(app, demo, page, live_server):
    file_enrolment(app)
    operator = ready_account(app)
    filed = own_filed(app, operator)
    mine = seed(app, operator, 59, status=lambda i: VALIDATED if i % 3 == 0 else "in_progress")
    open_sign_in(page, live_server)
    sign_in(page, operator.uid, PASSWORD)
    page.get_by_role("button", name="Enrôlement").click()
    page.get_by_role("link", name="Gérer mes demandes d'enrôlement").click()
    expect(page.locator("#enrolements-compte")).to_have_text(
        "60 demandes d'enrôlement — 1 à 20, page 1 sur 3")
    expect(rows(page)).to_have_count(20)
    assert_accessible(page)

    # Typing filters as you type (debounced), and the URL says so.
    page.get_by_label("Numéro de demande").press_sequentially("ENR-2026-10001", delay=30)
    expect(page.locator("#enrolements-compte")).to_have_text(re.compile(r"^10 demandes"))
    expect(page).to_have_url(re.compile(r"numero=ENR-2026-10001"))
    page.get_by_label("Statut").select_option(label="Validée")
    expect(page.locator("#enrolements-compte")).to_have_text(re.compile(r"^3 demandes"))

    # Sort by number, both ways.
    page.get_by_role("button", name="Trier par « Numéro de demande »").click()
    expect(rows(page).first.locator("td").first).to_have_text(mine[12])
    expect(page.locator("th[aria-sort=ascending]")).to_contain_text("Numéro de demande")
    page.get_by_role("button", name="Trier par « Numéro de demande »").click()
    expect(rows(page).first.locator("td").first).to_have_text(mine[18])
    assert_accessible(page)

    # The back button restores the filters; « Vider les critères » empties them.
    page.go_back()
    expect(rows(page).first.locator("td").first).to_have_text(mine[12])
    page.get_by_role("link", name="Vider les critères").click()
    expect(page.locator("#enrolements-compte")).to_contain_text("60 demandes")
    page.locator(".fr-pagination").get_by_role("link", name="3", exact=True).click()
    expect(page.locator("#enrolements-compte")).to_contain_text("page 3 sur 3")
    expect(page).to_have_url(re.compile(r"page=3"))

    # Open the filed one and every accordion, by keyboard.
    page.get_by_label("Numéro de demande").fill(filed.number)
    expect(rows(page)).to_have_count(1)
    page.get_by_role("link", name=f"Consulter la demande {filed.number}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Demande d'enrôlement n° {filed.number}")
    for button in page.locator(".fr-accordion__btn").all():
        button.focus()
        page.keyboard.press("Enter")
        expect(button).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_text("MSS Opérateurs — opérateur développeur")).to_be_visible()
    expect(page.locator("#detail-f a.fr-link--download")).to_have_count(4)
    assert_accessible(page)
    page.get_by_role("link", name="Retour à mes demandes d'enrôlement").click()
    expect(rows(page)).to_have_count(20)
