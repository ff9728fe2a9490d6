"""A visitor reads the legal pages from the footer and the FAQ by rubric: axe-core on each."""
from playwright.sync_api import expect

from tests.helpers.browser import assert_accessible
from tests.helpers.enrolment import Wizard, step_url
from tests.helpers.wizard_steps import start

FOOTER = [("Accessibilité : non conforme", "Déclaration d'accessibilité", "/accessibilite"),
          ("Mentions légales", "Mentions légales", "/mentions-legales"),
          ("Données personnelles et cookies", "Données personnelles et cookies",
           "/donnees-personnelles"),
          ("Conditions générales d'utilisation", "Conditions générales d'utilisation", "/cgu")]


def test_visitor_reads_the_legal_pages_and_the_faq_by_rubric(page, live_server, demo):
    page.goto(live_server + "/")
    for link, heading, path in FOOTER:
        footer = page.locator("footer .fr-footer__bottom-list")
        footer.get_by_role("link", name=link, exact=True).focus()
        page.keyboard.press("Enter")  # by keyboard, as from any page
        page.wait_for_url(live_server + path)
        expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
        assert_accessible(page)
        if path == "/donnees-personnelles":
            expect(page.get_by_role("table")).to_contain_text("brouillon_enrolement")

    page.locator("footer").get_by_role("link", name="Foire aux questions").click()
    page.wait_for_url("**/faq")
    expect(page.get_by_role("heading", name="Compte et connexion", level=2)).to_be_visible()
    question = page.get_by_role("button", name="J'ai oublié mon mot de passe : comment en choisir un nouveau ?")
    question.click()
    expect(question).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_text("valable une seule fois")).to_be_visible()
    assert_accessible(page)


def test_the_cgu_open_in_a_new_tab_from_the_box_of_step_5(app, page, live_server, demo):
    wizard = Wizard(app.test_client())
    wizard.reach(5)  # steps 1 to 4 through the test client; the browser takes the draft on
    draft = wizard.client.get_cookie("brouillon_enrolement")
    page.context.add_cookies([{"name": draft.key, "value": draft.value, "url": live_server}])
    page.goto(live_server + step_url(5))
    box = page.get_by_label("J'ai lu et j'accepte les conditions générales d'utilisation (CGU) du portail.")
    box.focus()
    page.keyboard.press("Tab")  # the link comes next, by keyboard
    link = page.get_by_role("link", name="Lire les conditions générales d'utilisation")
    expect(link).to_be_focused()
    assert_accessible(page)
    with page.context.expect_page() as opened:
        page.keyboard.press("Enter")
    cgu = opened.value
    cgu.wait_for_url(live_server + "/cgu")
    expect(cgu.get_by_role("heading", name="Conditions générales d'utilisation", level=1)).to_be_visible()
    expect(box).not_to_be_checked()  # following the link ticks nothing


def test_an_unknown_ans_number_leads_to_the_support_form(page, live_server, demo):
    start(page, live_server)
    page.get_by_label("Numéro unique de référencement ANS").fill("MSS-2099-9999")
    page.get_by_role("button", name="Rechercher").click()
    link = page.locator("#ans_number-messages").get_by_role("link", name="contactez l'assistance")
    expect(link).to_be_visible()
    assert_accessible(page)
    link.click()
    page.wait_for_url(live_server + "/assistance")
    expect(page.get_by_role("heading", name="Contacter l'assistance", level=1)).to_be_visible()
