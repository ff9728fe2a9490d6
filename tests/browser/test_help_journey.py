"""A signed-in operator searches the FAQ as it types, opens an answer with the keyboard, then
sends a message from the support form filled in from its account, which a manager reads in the
back-office; axe on each page."""
import re

from playwright.sync_api import expect

from tests.helpers.accounts import PASSWORD
from tests.helpers.auth import ready_account
from tests.helpers.browser import assert_accessible, menu
from tests.helpers.browser import manager_signs_in
from tests.helpers.browser import open_sign_in, sign_in
from tests.helpers.wizard_steps import JPG, TEXT
from tests.helpers.constants import CAPTCHA


def test_search_the_faq_then_contact_the_support(app, demo, page, staff_page, live_server,
                                                 mailbox):
    operator = ready_account(app)
    open_sign_in(page, live_server)
    sign_in(page, operator.uid, PASSWORD)
    page.wait_for_url(live_server + "/espace/")
    menu(page, "Besoin d'aide ?", "Consulter les questions fréquentes")
    questions = page.locator("#faq-resultats .fr-accordion__btn")
    expect(questions.first).to_be_visible()
    everything = questions.count()
    assert everything > 1
    assert_accessible(page)

    page.get_by_label("Rechercher dans les questions fréquentes").press_sequentially("zzzz", delay=20)
    expect(page.locator("#faq-compte")).to_have_text("Aucune question ne correspond à votre recherche.")
    expect(page).to_have_url(re.compile(r"q=zzzz"))
    page.get_by_label("Rechercher dans les questions fréquentes").fill("")
    page.get_by_label("Rechercher dans les questions fréquentes").press_sequentially("mot de passe", delay=20)
    expect(page.locator("#faq-compte")).to_contain_text("« mot de passe »")
    first = questions.first
    first.focus()
    page.keyboard.press("Enter")
    expect(first).to_have_attribute("aria-expanded", "true")
    assert_accessible(page)

    menu(page, "Besoin d'aide ?", "Contacter l'assistance")
    expect(page.get_by_label("Adresse électronique")).to_have_value(operator.email)
    assert_accessible(page)
    page.get_by_label("Catégorie").select_option(label="Identifiant et mot de passe")
    page.get_by_role("textbox", name="Message").fill("Je voudrais changer de question secrète.")
    page.locator("#doc_support_attachment").set_input_files(str(TEXT))
    page.get_by_label("Code de sécurité").fill(CAPTCHA)
    page.get_by_role("button", name="Envoyer").click()
    expect(page.locator("#doc_support_attachment-messages")).to_contain_text("Le format de ce fichier")
    expect(page.locator("#doc_support_attachment")).to_be_focused()
    assert_accessible(page)
    page.locator("#doc_support_attachment").set_input_files(str(JPG))
    page.get_by_label("Code de sécurité").fill(CAPTCHA)
    page.get_by_role("button", name="Envoyer").click()
    expect(page.locator("#assistance-statut")).to_contain_text("AST-")

    manager_signs_in(app, staff_page, live_server)
    menu(staff_page, "Suivi", "Messages d'assistance")
    staff_page.get_by_label("Catégorie").select_option(label="Identifiant et mot de passe")
    expect(staff_page.locator("#table-assistance tbody tr")).to_have_count(1)
    assert_accessible(staff_page)
    staff_page.locator("#table-assistance tbody a").first.click()
    expect(staff_page.get_by_text("Je voudrais changer de question secrète.")).to_be_visible()
    expect(staff_page.get_by_role("link", name="Pièce jointe : rib.jpg")).to_be_visible()
    assert_accessible(staff_page)
    staff_page.get_by_role("button", name="Marquer comme traité").click()
    expect(staff_page.locator("#messages")).to_contain_text("est marqué comme traité")
    expect(staff_page.locator("main")).to_contain_text("Traité le")
    assert_accessible(staff_page)
