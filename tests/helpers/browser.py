"""What the browser journeys share: axe-core on a page, the main menu, signing in, the manager's
instruction steps, accordions opened once their transition is over."""
import json
from pathlib import Path

from playwright.sync_api import expect

from portal.models.accounts import MANAGER
from portal.models.roles import BUDGET_OWNER
from tests.helpers.accounts import PASSWORD
from tests.helpers.auth import ready_account
from tests.helpers.enrolment import FIXTURES

STATE_TIMEOUT_MS = 20_000  # as tests/browser/conftest.py waits for a state
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


def staff_signs_in(app, page, base_url, role, home, heading, **names):
    """A new account of `role` signs in and lands on its `home`, titled `heading`."""
    account = ready_account(app, role=role, **names)
    page.goto(base_url + "/connexion")
    page.get_by_label("Identifiant").fill(account.uid)
    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Valider").click()
    page.wait_for_url(base_url + home)
    expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
    assert_accessible(page)


def manager_signs_in(app, page, base_url):
    staff_signs_in(app, page, base_url, MANAGER, "/gestion/enrolements", "Demandes d'enrôlement",
                   last_name="Dupont", first_name="Alice")


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


def budget_owner_signs_in(app, page, base_url):
    """A budget owner signs in: its home is « Décisions budgétaires »."""
    staff_signs_in(app, page, base_url, BUDGET_OWNER, "/gestion/decisions-budgetaires/",
                   "Décisions budgétaires", last_name="Bernard", first_name="Paul")


def validate_funding(page):
    """A manager's « Valider » on the funding request shown, its notice awaited."""
    page.locator("#decisions .fr-accordion__btn", has_text="Valider").click()
    page.locator("#decision-valider form").get_by_role("button", name="Valider").click()
    expect(page.locator("#messages")).to_contain_text("Statut : « Validée »")
    assert_accessible(page)


def decide_funding(app, page, base_url):
    """A manager's « Valider » on the funding request shown, then the budget owner's « Décider »
    of it, in a browser of its own (its own cookies), its notice awaited."""
    number = page.get_by_role("heading", level=1).inner_text().split()[-1]
    validate_funding(page)
    context = page.context.browser.new_context(locale="fr-FR")
    try:
        owner = context.new_page()
        owner.set_default_timeout(STATE_TIMEOUT_MS)
        budget_owner_signs_in(app, owner, base_url)
        owner.get_by_role("button", name=f"Décider la demande {number}").click()
        expect(owner.locator("#messages")).to_contain_text(f"La demande {number} est « Décidée »")
        assert_accessible(owner)
    finally:
        context.close()


def status_is(page, label):
    expect(page.locator("main .fr-badge").first).to_have_text(label)


def open_accordion(page, button):
    """Open an accordion and wait for it to be open (its transition over)."""
    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")


def write_in_thread(page, body, file=None):
    """Send a message from the dossier's thread (with a file of tests/fixtures if given): the
    confirmation, the message in the thread, axe-core on the page."""
    thread = page.locator("#messagerie")
    thread.get_by_label("Votre message").fill(body)
    if file:
        thread.get_by_label("Pièce jointe (facultatif)").set_input_files(
            str(FIXTURES / file))
    thread.get_by_role("button", name="Envoyer le message").click()
    expect(page.locator("#messages")).to_contain_text("Votre message est envoyé")
    expect(page.locator("#messagerie")).to_contain_text(body)
    if file:
        expect(page.locator("#messagerie")).to_contain_text(file)
    assert_accessible(page)


def download_from_thread(page, name):
    with page.expect_download() as download:
        page.locator("#messagerie").get_by_role("link", name=name).click()
    assert download.value.suggested_filename == name


def follow_and_note(page, note):
    """« Suivre ce dossier », then a private note kept."""
    page.get_by_role("button", name="Suivre ce dossier").click()
    expect(page.locator("#suivi-dossier")).to_contain_text("Suivi par Alice Dupont (vous)")
    page.get_by_label("Nouvelle note").fill(note)
    page.get_by_role("button", name="Ajouter la note").click()
    expect(page.locator("#notes")).to_contain_text(note)
