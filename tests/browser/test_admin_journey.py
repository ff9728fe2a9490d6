"""An admin signs in, imports a news CSV through the browser (a bad file first), adds a question to
the FAQ (an empty form first); an operator then finds the news on its private home. axe-core on
every page visited, the forms with their errors included."""
import re

from playwright.sync_api import expect

from tests.helpers.accounts import PASSWORD
from tests.helpers.auth import ready_account
from tests.helpers.browser import assert_accessible, menu as browser_menu
from tests.helpers.browser import sign_in

HEADER = "published_on;for_operators;title;body\n"
GOOD_CSV = (HEADER + "01/11/2026;oui;Ouverture des demandes de solde;Déposez vos demandes de "
            "solde depuis votre espace.\n"
            "2026-11-02;non;Nouvelle version du guide;Le guide de l'enrôlement est à jour.\n")
BAD_CSV = HEADER + "2026-12-01;oui;Une bonne nouvelle;Texte.\n2026-12-02;peut-être;Autre;Texte.\n"


def csv_file(content: str) -> dict:
    return {"name": "actualites.csv", "mimeType": "text/csv", "buffer": content.encode("utf-8")}


def heading(page, name):
    expect(page.get_by_role("heading", name=name, level=1)).to_be_visible()


def menu(page, name, group="Administration"):
    browser_menu(page, group, name)


def test_an_admin_publishes_news_and_a_question_that_operators_then_see(app, page, live_server):
    admin = ready_account(app, "admin")
    operator = ready_account(app, "operator")

    page.goto(live_server + "/connexion")
    sign_in(page, admin.uid, PASSWORD)
    page.wait_for_url("**/gestion/enrolements")
    expect(page.get_by_role("banner")).to_contain_text(f"UID : {admin.uid}")
    expect(page.get_by_role("banner")).to_contain_text("Profil : Administrateur ASP")
    assert_accessible(page)

    menu(page, "Actualités")
    heading(page, "Actualités")
    expect(page.get_by_text("Aucune actualité pour le moment.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Importer un fichier CSV").click()
    page.wait_for_url("**/donnees-de-reference/news")
    heading(page, "Actualités")
    expect(page.locator("#nombre-lignes")).to_have_text("0 ligne enregistrée.")
    assert_accessible(page)

    page.get_by_label(re.compile("^Fichier CSV")).set_input_files(csv_file(BAD_CSV))
    page.get_by_role("button", name="Importer").click()
    expect(page.locator("#csv_file-messages")).to_have_text(
        "Fichier refusé, rien n'a été importé. Ligne 3 : la colonne « for_operators » vaut "
        "« peut-être » : attendu oui ou non.")
    expect(page.get_by_label(re.compile("^Fichier CSV"))).to_be_focused()
    expect(page.locator("#nombre-lignes")).to_have_text("0 ligne enregistrée.")
    assert_accessible(page)

    page.get_by_label(re.compile("^Fichier CSV")).set_input_files(csv_file(GOOD_CSV))
    page.get_by_role("button", name="Importer").click()
    expect(page.locator("#messages")).to_contain_text("Fichier « actualites.csv » accepté")
    expect(page.locator("#dernier-import")).to_contain_text("2 lignes importées (Actualités).")
    expect(page.locator("#nombre-lignes")).to_have_text("2 lignes enregistrées.")
    expect(page.get_by_role("cell", name="Ouverture des demandes de solde")).to_be_visible()
    assert page.url.endswith("/donnees-de-reference/news")
    assert_accessible(page)

    menu(page, "Actualités")
    expect(page.get_by_role("rowheader", name="Ouverture des demandes de solde")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Supprimer « Nouvelle version du guide »").click()
    heading(page, "Supprimer une actualité")
    expect(page.get_by_role("heading", level=2)).to_have_text(
        "Voulez-vous vraiment supprimer l'actualité « Nouvelle version du guide » ?")
    assert_accessible(page)
    page.get_by_role("button", name="Supprimer définitivement").click()
    expect(page.locator("#messages")).to_have_text(
        "L'actualité « Nouvelle version du guide » a été supprimée.")
    expect(page.get_by_role("rowheader")).to_have_count(1)

    menu(page, "Foire aux questions")
    heading(page, "Foire aux questions")
    page.get_by_role("link", name="Ajouter une question").click()
    heading(page, "Ajouter une question")
    expect(page).to_have_title(re.compile("^Ajouter une question"))
    page.get_by_label(re.compile("^Question")).fill("Quand serai-je payé ?")
    page.get_by_label("Position").fill("")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("#answer-messages")).to_have_text("Saisissez la réponse.")
    expect(page.locator("#position-messages")).to_have_text(
        "Saisissez la position de la question.")
    expect(page.get_by_label(re.compile("^Question"))).to_have_value("Quand serai-je payé ?")
    expect(page.get_by_label("Réponse")).to_be_focused()
    assert_accessible(page)

    page.get_by_label("Réponse").fill("Après la décision de paiement, sous trente jours.")
    page.get_by_label("Position").fill("1")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("#messages")).to_have_text(
        "La question « Quand serai-je payé ? » a été ajoutée.")
    page.wait_for_url("**/foire-aux-questions")
    expect(page.get_by_role("rowheader", name="Quand serai-je payé ?")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_url("**/connexion")
    page.goto(live_server + "/faq")
    expect(page.get_by_role("button", name="Quand serai-je payé ?")).to_be_visible()

    page.goto(live_server + "/connexion")
    sign_in(page, operator.uid, PASSWORD)
    page.wait_for_url("**/espace/")
    news = page.locator("#contenu .fr-card")
    expect(news).to_have_count(1)
    expect(news).to_contain_text("Ouverture des demandes de solde")
    expect(news).to_contain_text("Publié le 1 novembre 2026")
    expect(page.get_by_role("row", name="Total 0")).to_be_visible()
    assert_accessible(page)


def test_the_admin_forms_work_without_javascript(app, browser, live_server):
    admin = ready_account(app, "admin")
    context = browser.new_context(locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server + "/connexion")
        sign_in(page, admin.uid, PASSWORD)
        page.goto(live_server + "/gestion/administration/actualites/nouvelle")
        # Without JavaScript the menus stay closed over the page and open on keyboard focus.
        news_link = page.get_by_role("link", name="Actualités", exact=True)
        expect(news_link).to_be_hidden()
        page.get_by_role("button", name="Administration").focus()
        expect(news_link).to_be_visible()
        page.get_by_label("Titre").fill("Fermeture du portail le 24 décembre")
        page.get_by_label("Date de publication").fill("2026-12-20")
        page.get_by_role("button", name="Enregistrer").click()
        expect(page.locator("#body-messages")).to_have_text("Saisissez le texte de l'actualité.")
        expect(page.get_by_label("Titre")).to_have_value("Fermeture du portail le 24 décembre")
        page.get_by_label("Texte").fill("Le portail sera fermé pour maintenance.")
        page.get_by_role("button", name="Enregistrer").click()
        page.wait_for_url("**/actualites")
        expect(page.locator("#messages")).to_have_text(
            "L'actualité « Fermeture du portail le 24 décembre » a été ajoutée.")
        page.get_by_role("link", name="Supprimer « Fermeture du portail le 24 décembre »").click()
        page.get_by_role("button", name="Supprimer définitivement").click()
        expect(page.locator("#messages")).to_have_text(
            "L'actualité « Fermeture du portail le 24 décembre » a été supprimée.")
        expect(page.get_by_text("Aucune actualité pour le moment.")).to_be_visible()
    finally:
        context.close()


def test_an_admin_edits_the_calls_tariff(app, page, live_server):
    admin = ready_account(app, "admin")
    page.goto(live_server + "/connexion")
    sign_in(page, admin.uid, PASSWORD)
    page.wait_for_url("**/gestion/enrolements")
    menu(page, "Tarif de l'appel à financement")
    heading(page, "Tarif de l'appel à financement")
    field = page.get_by_label("Montant par boîte aux lettres applicative (€ HT)")
    expect(field).to_have_value("58,33")
    field.fill("cinquante")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("#rate_applicative-messages")).to_contain_text("Saisissez un montant en euros")
    expect(field).to_be_focused()
    assert_accessible(page)
    field.fill("60,00")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("#messages")).to_contain_text("Le tarif de l'appel à financement est enregistré.")
    expect(field).to_have_value("60,00")
    assert_accessible(page)
