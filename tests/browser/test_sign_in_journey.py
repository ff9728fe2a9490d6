"""An operator signs in for the first time, changes the password it was given, chooses its secret
question; forgets its identifiant, then its password; and gets locked out by wrong passwords."""
import re

from playwright.sync_api import expect

from tests.helpers.accounts import PASSWORD, make_account
from tests.helpers.auth import NEW_PASSWORD, home_of, link_in, ready_account, received
from tests.helpers.browser import assert_accessible, open_sign_in, sign_in

EMAIL = "claire.martin@medimail.fr"
WRONG = "Pas-le-bon-mot-2026!"


def test_first_sign_in_forces_the_password_change_then_the_secret_question(app, page, live_server):
    account = make_account(app, email=EMAIL, must_change=True)
    open_sign_in(page, live_server)
    assert_accessible(page)

    sign_in(page, account.uid, WRONG)
    expect(page.get_by_role("alert")).to_contain_text("Identifiant ou mot de passe incorrect.")
    expect(page.get_by_label("Identifiant")).to_have_value(account.uid)
    expect(page.get_by_label("Mot de passe", exact=True)).to_have_value("")
    assert_accessible(page)

    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_text("Afficher", exact=True).click()  # the DSFR « Afficher » box
    expect(page.get_by_label("Mot de passe", exact=True)).to_have_attribute("type", "text")
    page.get_by_role("button", name="Valider").click()

    page.wait_for_url("**/changement-mot-de-passe")
    expect(page.get_by_role("heading", name="Changement du mot de passe", level=1)).to_be_visible()
    expect(page.locator("#navigation-principale")).to_have_count(0)  # nothing else to go to yet
    expect(page.locator("#new_password-messages")).to_contain_text("au moins 12 caractères")
    assert_accessible(page)
    page.get_by_label("Mot de passe actuel", exact=True).fill(PASSWORD)
    page.get_by_label("Nouveau mot de passe", exact=True).fill("Sans-Chiffre-Aucun!")
    page.get_by_label("Confirmation du nouveau mot de passe", exact=True).fill("Sans-Chiffre-Aucun!")
    page.get_by_role("button", name="Changement du mot de passe").click()
    expect(page.locator("#new_password-messages .fr-message--error")).to_have_text(
        "Ce mot de passe ne respecte pas ces règles : au moins un chiffre.")
    expect(page.get_by_label("Nouveau mot de passe", exact=True)).to_have_value("")
    assert_accessible(page)

    page.get_by_label("Mot de passe actuel", exact=True).fill(PASSWORD)
    page.get_by_label("Nouveau mot de passe", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Confirmation du nouveau mot de passe", exact=True).fill(NEW_PASSWORD)
    page.get_by_role("button", name="Changement du mot de passe").click()

    page.wait_for_url("**/question-secrete")
    expect(page.locator("#messages")).to_contain_text("Votre mot de passe a été modifié.")
    assert_accessible(page)
    page.get_by_label("Question secrète").select_option(label="Dans quelle ville êtes-vous né(e) ?")
    page.get_by_label(re.compile(r"^Réponse")).fill("Saint-Étienne")
    page.get_by_role("button", name="Envoyer").click()

    page.wait_for_url(live_server + home_of(app))
    expect(page.locator("#messages")).to_contain_text("Votre question secrète est enregistrée")
    expect(page.locator("#navigation-principale")).to_be_attached()
    expect(page.get_by_role("banner")).to_contain_text(account.uid)
    assert_accessible(page)

    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_url(live_server + "/connexion")
    expect(page.locator("#messages")).to_have_text("Vous êtes déconnecté.")
    expect(page.get_by_role("link", name="Se connecter")).to_be_visible()


def test_forgotten_identifiant_then_password_and_a_link_that_serves_once(app, page, live_server, mailbox):
    account = ready_account(app, email=EMAIL)
    open_sign_in(page, live_server)
    page.get_by_role("link", name="J'ai oublié mon identifiant").click()
    expect(page.get_by_role("heading", name="J'ai oublié mon identifiant", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Adresse électronique").fill("Claire.Martin@medimail.fr")
    page.get_by_role("button", name="Recevoir mon identifiant").click()
    page.wait_for_url("**/connexion")
    expect(page.locator("#messages")).to_contain_text("votre identifiant vient de vous être envoyé")
    [mail] = received(mailbox, EMAIL)
    assert f"Votre identifiant : {account.uid}" in mailbox.text(mail)

    page.get_by_role("link", name="J'ai oublié mon mot de passe").click()
    assert_accessible(page)
    page.get_by_label("Identifiant").fill(account.uid)
    page.get_by_label("Adresse électronique").fill(EMAIL)
    page.get_by_role("button", name="Recevoir un lien").click()
    page.wait_for_url("**/connexion")
    link = live_server + link_in(mailbox.text(received(mailbox, EMAIL, 2)[1]))

    page.goto(link)
    expect(page.get_by_role("heading", name="Choisir un nouveau mot de passe", level=1)).to_be_visible()
    expect(page.get_by_text("Dans quelle ville êtes-vous né(e) ?")).to_be_visible()
    assert_accessible(page)
    page.get_by_label(re.compile(r"^Réponse à votre question secrète")).fill("saint etienne")
    page.get_by_label("Nouveau mot de passe", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Confirmation du nouveau mot de passe", exact=True).fill(NEW_PASSWORD)
    page.get_by_role("button", name="Enregistrer mon mot de passe").click()
    page.wait_for_url("**/connexion")
    expect(page.locator("#messages")).to_contain_text("Votre mot de passe est enregistré")

    response = page.goto(link)
    assert response.status == 410
    expect(page.get_by_role("heading", name="Lien expiré ou déjà utilisé", level=1)).to_be_visible()
    expect(page.get_by_text("Ce lien n'est plus valable")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Retour à la connexion").click()
    sign_in(page, account.uid, NEW_PASSWORD)
    page.wait_for_url(live_server + home_of(app))


def test_the_sixth_attempt_after_five_wrong_passwords_is_locked(app, page, live_server):
    account = ready_account(app, email=EMAIL)
    open_sign_in(page, live_server)
    for attempt in range(1, 6):
        sign_in(page, account.uid, WRONG)
        expect(page.get_by_role("alert")).to_contain_text(
            "temporairement bloqué" if attempt == 5 else "Identifiant ou mot de passe incorrect.")
    sign_in(page, account.uid, PASSWORD)
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Compte temporairement bloqué")
    expect(alert).to_contain_text("« J'ai oublié mon mot de passe »")
    assert page.url.endswith("/connexion")
    assert_accessible(page)


def test_signing_in_works_without_javascript(app, browser, live_server):
    account = ready_account(app, email=EMAIL)
    context = browser.new_context(locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server + "/connexion")
        sign_in(page, account.uid, PASSWORD)
        page.wait_for_url(live_server + home_of(app))
    finally:
        context.close()
