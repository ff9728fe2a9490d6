"""What the browser journeys share: axe-core on a page, the main menu, signing in, the manager's
instruction steps, accordions opened once their transition is over."""
import json
from pathlib import Path

from playwright.sync_api import expect

from portal.models.accounts import MANAGER
from tests.helpers.accounts import PASSWORD
from tests.helpers.auth import ready_account

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def assert_accessible(page):
    """Run axe-core on the current page: 0 violations — once its transitions are over (an
    accordion still opening is half transparent) and with the mouse away (a hover state is not
    what the page shows)."""
    page.mouse.move(0, 0)
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    # Evaluated through the DevTools protocol, not as a <script> tag the page's CSP would refuse.
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;true")
    result = page.evaluate("async () => (await axe.run(document)).violations")
    summary = [{"id": v["id"], "help": v["help"],
                "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result]
    assert not result, json.dumps(summary, ensure_ascii=False, indent=1)


def menu(page, group, name):
    """Open the main menu's drop-down `group`, then its entry `name`, as a person does."""
    nav = page.locator("#navigation-principale")
    nav.get_by_role("button", name=group).click()
    nav.get_by_role("link", name=name, exact=True).click()
    page.wait_for_load_state()  # the page's deferred scripts (htmx, DSFR) run: it reacts


def open_sign_in(page, base_url):
    page.goto(base_url + "/")
    page.get_by_role("link", name="Se connecter").click()
    expect(page.get_by_role("heading", name="Accéder à mon espace personnel", level=1)).to_be_visible()


def sign_in(page, uid, password):
    page.get_by_label("Identifiant").fill(uid)
    page.get_by_label("Mot de passe", exact=True).fill(password)
    page.get_by_role("button", name="Valider").click()


def manager_signs_in(app, page, base_url):
    manager = ready_account(app, role=MANAGER, last_name="Dupont", first_name="Alice")
    page.goto(base_url + "/connexion")
    page.get_by_label("Identifiant").fill(manager.uid)
    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Valider").click()
    page.wait_for_url(base_url + "/gestion/enrolements")
    expect(page.get_by_role("heading", name="Demandes d'enrôlement", level=1)).to_be_visible()
    assert_accessible(page)


def open_enrolment(page, number):
    """From the queue: the consultation, with every accordion open."""
    page.get_by_role("link", name=f"Consulter la demande {number}").click()
    expect(page.get_by_role("heading", name=f"Demande d'enrôlement n° {number}", level=1)).to_be_visible()
    details = page.locator("#detail")
    for target in [b.get_attribute("aria-controls") for b in details.locator(".fr-accordion__btn").all()]:
        open_accordion(page, details.locator(f".fr-accordion__btn[aria-controls='{target}']"))
    expect(details.locator(".fr-accordion__btn[aria-expanded=false]")).to_have_count(0)
    assert_accessible(page)


def decision(page, label):
    """Open the accordion of a decision; its form."""
    page.get_by_role("button", name=label).first.click()
    return page.locator("#decisions form").filter(
        has=page.get_by_role("button", name=label, exact=True))


def decide_funding(page):
    """A manager's « Décider » on the funding request shown, its notice awaited."""
    page.locator("#decisions .fr-accordion__btn", has_text="Décider").click()
    page.locator("#decision-decider form").get_by_role("button", name="Décider").click()
    expect(page.locator("#messages")).to_contain_text("Statut : « Décidée »")
    assert_accessible(page)


def status_is(page, label):
    expect(page.locator("main .fr-badge").first).to_have_text(label)


def open_accordion(page, button):
    """Open an accordion and wait for it to be open (its transition over)."""
    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
