"""A visitor writes to the support desk from the landing page, with and without JavaScript."""
import re
import time

from playwright.sync_api import expect

from tests.helpers.browser import assert_accessible
from tests.helpers.constants import CAPTCHA

SUPPORT = "assistance@segur-mss.localhost"
SENDER = "claire.martin@medimail.fr"


def received(mailbox, count, timeout=5.0):
    """The mails, once `count` of them have arrived."""
    deadline = time.monotonic() + timeout
    while len(mailbox.messages) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    return mailbox.messages


def open_form(page, base_url):
    page.goto(base_url + "/")
    page.get_by_role("main").get_by_role("link", name="Contacter l'assistance").click()
    expect(page.get_by_role("heading", name="Contacter l'assistance", level=1)).to_be_visible()
    page.wait_for_url("**/assistance")


def test_visitor_corrects_mistakes_and_sends_a_message(page, live_server, mailbox):
    open_form(page, live_server)
    assert_accessible(page)

    page.get_by_label("Nom", exact=True).fill("Martin")
    page.get_by_label("Prénom").fill("Claire")
    page.get_by_label("Adresse électronique").fill("claire.martin@medimail")
    page.get_by_label("Numéro SIRET").fill("732 829 320 00075")
    page.get_by_label("Code de sécurité").fill(CAPTCHA)
    page.get_by_role("button", name="Envoyer").click()

    expect(page.get_by_role("alert")).to_contain_text("Le formulaire contient 4 erreurs")
    group = page.locator("#email-group")
    expect(group.locator(".fr-message--error")).to_have_text(
        "Saisissez une adresse électronique valide, par exemple nom@domaine.fr.")
    expect(page.locator("#siret-messages")).to_contain_text("Ce numéro SIRET n'est pas valide")
    expect(page.locator("#category-messages")).to_have_text("Sélectionnez la catégorie de votre demande.")
    expect(page.locator("#message-messages")).to_have_text("Saisissez votre message.")
    expect(page.get_by_label("Adresse électronique")).to_be_focused()  # the first field in error
    expect(page.get_by_label("Nom", exact=True)).to_have_value("Martin")
    expect(page.get_by_label("Prénom")).to_have_value("Claire")
    expect(page.get_by_label("Code de sécurité")).to_have_value("")  # a new code to copy
    assert page.url.endswith("/assistance")
    assert_accessible(page)

    old_image = page.locator(".portal-captcha img").get_attribute("src")
    page.get_by_role("button", name="Afficher un autre code").click()
    image = page.locator(".portal-captcha img")
    expect(image).not_to_have_attribute("src", old_image)
    expect(image).to_be_focused()  # the new code, not <body>

    page.get_by_label("Adresse électronique").fill(SENDER)
    page.get_by_label("Numéro SIRET").fill("732 829 320 00074")
    page.get_by_label("Catégorie").select_option(label="Pièces justificatives")
    page.get_by_label(re.compile(r"^Message")).fill(
        "Bonjour,\n\nMon RIB est refusé à l'étape 3 : que dois-je faire ?")
    page.get_by_label("Code de sécurité").fill(CAPTCHA)
    page.get_by_role("button", name="Envoyer").click()

    status = page.locator("#assistance-statut")
    expect(status.locator(".fr-alert--success")).to_contain_text("Votre message a bien été envoyé")
    expect(status).to_contain_text(re.compile(r"AST-\d{4}-000001"))
    expect(status).to_have_attribute("aria-live", "polite")
    expect(page.locator("form[action='/assistance']")).to_have_count(0)
    page.wait_for_url("**/assistance/message-envoye")
    assert_accessible(page)

    messages = received(mailbox, 2)
    [to_desk] = mailbox.to(SUPPORT)
    [receipt] = mailbox.to(SENDER)
    assert len(messages) == 2
    assert to_desk["Reply-To"] == SENDER
    assert "Mon RIB est refusé à l'étape 3 : que dois-je faire ?" in mailbox.text(to_desk)
    reference = re.search(r"AST-\d{4}-000001", status.inner_text()).group(0)
    assert reference in receipt["Subject"]


def test_visitor_without_javascript_sends_a_message(browser, live_server, mailbox):
    context = browser.new_context(locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    try:
        open_form(page, live_server)
        page.get_by_label("Nom", exact=True).fill("Martin")
        page.get_by_label("Prénom").fill("Claire")
        page.get_by_label("Adresse électronique").fill(SENDER)
        page.get_by_label("Catégorie").select_option(label="Autre")
        page.get_by_label("Code de sécurité").fill(CAPTCHA)
        page.get_by_role("button", name="Envoyer").click()
        expect(page.locator("#message-messages")).to_have_text("Saisissez votre message.")
        expect(page.get_by_label("Prénom")).to_have_value("Claire")

        page.get_by_label(re.compile(r"^Message")).fill("Comment modifier mon adresse électronique ?")
        page.get_by_label("Code de sécurité").fill(CAPTCHA)
        page.get_by_role("button", name="Envoyer").click()
        page.wait_for_url("**/assistance/message-envoye")
        expect(page.locator("#assistance-statut")).to_contain_text("Votre message a bien été envoyé")
        assert len(received(mailbox, 2)) == 2
    finally:
        context.close()
