"""A developer and a buyer operator each file their advance (a wrong count first): decided at once,
its decision PDF downloaded; then their balance, every wrong file tried first; a manager instructs
a balance up to its payment; the financing table filtered by every criterion; axe at every step."""
import re

import pytest
from playwright.sync_api import expect

from tests.helpers.browser import assert_accessible, menu
from tests.helpers.operator_steps import operator_signs_in
from tests.helpers.browser import decide_funding, manager_signs_in, open_accordion
from tests.helpers.wizard_steps import JPG, PDF, TEXT
from tests.helpers.accounts import account_of, signed_in
from tests.helpers.funding import file_dossier
from tests.helpers.instruction import BUYER_SIRET
from tests.helpers.payment_steps import put_in_payment, record_execution

COUNTS = {"current": ("1200", "40", "0"), "closing": ("3000", "10", "10")}


PROFILES = {  # the wizard's options, the balance computed from the demo Annuaire counts
    "développeur": ({}, "175\u202f248,30"),
    "acheteur": ({"siret": BUYER_SIRET, "buyer": True}, "31\u202f627,65"),  # 420/35/1280
}


@pytest.mark.parametrize("profile", PROFILES)
def test_advance_then_balance(app, demo, page, live_server, mailbox, profile):
    options, balance_amount = PROFILES[profile]
    operator_signs_in(app, page, live_server, validated=True, **options)
    menu(page, "Demandes financement", "Ma demande de financement")
    expect(page.get_by_role("heading", name="Ma demande de financement", level=1)).to_be_visible()
    expect(page.locator("#recapitulatif + *")).to_contain_text("FINMSS")
    assert_accessible(page)

    for group, values in COUNTS.items():
        legend = "actuelles" if group == "current" else "estimées"
        fieldset = page.get_by_role("group", name=legend)
        for label, value in zip(("applicatives", "organisationnelles", "personnelles"), values):
            fieldset.get_by_label(f"Nombre de BAL {label}").fill(value)
    page.get_by_role("group", name="actuelles").get_by_label("Nombre de BAL personnelles").fill("2,5")
    page.get_by_role("button", name="Valider").click()
    expect(page.locator("#current_personal-messages")).to_contain_text("nombre entier")
    expect(page.locator("#current_personal")).to_be_focused()
    assert_accessible(page)
    page.locator("#current_personal").fill("0")
    page.get_by_role("button", name="Valider").click()
    expect(page.locator("#messages")).to_contain_text("« Décidée »")
    expect(page.locator("#messages .fr-alert")).to_be_focused()  # what was done, not <body>
    expect(page.locator("#avance")).to_contain_text("Décidée")
    open_accordion(page, page.get_by_role("button", name="Pièces justificatives").first)
    link = page.get_by_role("link", name="Décision d'attribution")
    expect(link).to_be_visible()
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.endswith("-M0.pdf")
    page.get_by_role("button", name="Courriels automatiquement envoyés").first.click()
    expect(page.locator("#avance-courriels")).to_contain_text("est décidée")
    assert_accessible(page)

    page.get_by_role("tab", name="2- Ma demande de solde").click()
    solde = page.locator("#solde")
    expect(solde).to_contain_text(balance_amount)
    assert_accessible(page)
    page.get_by_label("Numéro de téléphone du contact support de l'opérateur").fill("01 23 45 67 89")
    page.get_by_label("Adresse mail du contact support de l'opérateur").fill("support@medimail.fr")
    page.get_by_label("Lien vers le site web").fill("http://medimail.fr/doc")
    page.locator("#doc_api_proof").set_input_files(str(JPG))
    page.locator("#doc_api_guide").set_input_files(str(TEXT))
    if profile == "acheteur":
        page.locator("#doc_paid_invoice").set_input_files(str(TEXT))
    page.get_by_role("button", name="Importer").click()
    expect(page.locator("#documentation_url-messages")).to_contain_text("https://")
    expect(page.locator("#doc_api_proof-messages")).to_contain_text("Le format de ce fichier")
    expect(page.locator("#doc_api_guide-messages")).to_contain_text("Le format de ce fichier")
    if profile == "acheteur":
        expect(page.locator("#doc_paid_invoice-messages")).to_contain_text("Le format de ce fichier")
    else:
        expect(page.locator("#doc_paid_invoice")).to_have_count(0)
    expect(page.get_by_role("tab", name="2- Ma demande de solde")).to_have_attribute("aria-selected", "true")
    assert_accessible(page)
    page.get_by_label("Lien vers le site web").fill("https://www.medimail.fr/documentation-api")
    page.locator("#doc_api_proof").set_input_files(str(TEXT))
    page.locator("#doc_api_guide").set_input_files(str(PDF))
    if profile == "acheteur":
        page.locator("#doc_paid_invoice").set_input_files(str(PDF))
    page.get_by_role("button", name="Importer").click()
    expect(page.locator("#messages")).to_contain_text("« En cours »")
    expect(page.locator("#messages .fr-alert")).to_be_focused()
    expect(page.get_by_role("tab", name="2- Ma demande de solde")).to_have_attribute("aria-selected", "true")
    expect(solde).to_contain_text("-M1")
    expect(solde).to_contain_text("En cours")
    page.get_by_role("button", name="Pièces justificatives").last.click()
    expect(page.locator("#solde-pieces")).to_contain_text("notes.txt")
    assert_accessible(page)


def test_instruction_change_decision_and_payment(app, demo, page, staff_page, live_server, mailbox):
    operator_signs_in(app, page, live_server, validated=True)
    file_dossier(signed_in(app.test_client(), account_of(app, "claire.martin@medimail.fr")))

    manager_signs_in(app, staff_page, live_server)
    menu(staff_page, "Instruction", "Demandes de financement")
    staff_page.get_by_label("Type").select_option(label="Solde")
    expect(staff_page.locator("#demandes-financement tbody tr")).to_have_count(1)
    assert_accessible(staff_page)
    staff_page.get_by_role("link", name="Instruire").click()
    expect(staff_page.get_by_role("heading", level=1)).to_contain_text("-M1")
    assert_accessible(staff_page)
    open_decision(staff_page, "A modifier")
    form = staff_page.locator("#decision-a_modifier form")
    form.get_by_role("button", name="A modifier").click()
    expect(staff_page.locator("#a_modifier-comment-messages")).to_contain_text("Expliquez")
    expect(staff_page.locator("#a_modifier-comment")).to_be_focused()
    staff_page.locator("#a_modifier-comment").fill("Le lien de documentation ne répond pas.")
    staff_page.locator("#decision-a_modifier form").get_by_role("button", name="A modifier").click()
    expect(staff_page.locator("#messages")).to_contain_text("« A modifier »")
    assert_accessible(staff_page)

    page.goto(live_server + "/espace/financement/demande?onglet=solde")
    expect(page.locator(".fr-callout")).to_contain_text("Le lien de documentation ne répond pas.")
    page.get_by_label("Lien vers le site web").fill("https://docs.medimail.fr")
    page.get_by_role("button", name="Renvoyer ma demande").click()
    expect(page.locator("#messages")).to_contain_text("de nouveau « En cours »")
    assert_accessible(page)

    staff_page.reload()
    decide_funding(app, staff_page, live_server)
    staff_page.reload()  # decided meanwhile by the budget owner, in its own browser
    number = staff_page.get_by_role("heading", level=1).inner_text().split("n° ")[1]
    put_in_payment(staff_page, [number])  # a payment batch: its SEPA file, then the execution
    record_execution(staff_page, "2026-11-20")

    page.reload()
    solde = page.locator("#solde")
    expect(solde).to_contain_text("Paiement effectué")
    open_accordion(page, page.get_by_role("button", name="Pièces justificatives").last)
    link = page.get_by_role("link", name="Avis de paiement")
    expect(link).to_be_visible()
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.startswith("avis-de-paiement-")
    assert_accessible(page)

    page.get_by_role("link", name="Consulter la demande et son historique").last.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Demande de solde n°")
    for button in page.locator("#panneau-actuelle .fr-accordion__btn").all():
        open_accordion(page, button)  # the previous one done opening: its button no longer moves
    expect(page.locator("#suivi")).to_contain_text("Paiement effectué")
    expect(page.locator("#suivi")).to_contain_text("VERSE001")
    open_accordion(page, page.get_by_role("button", name="Informations de la demande"))
    explained = page.locator("#montants button").last  # the « i » of « Montant décidé du solde »
    expect(explained).to_have_accessible_description(re.compile("déjà versé"))  # the guide's words
    assert_accessible(page)
    page.get_by_role("tab", name="Historique").click()
    expect(page.locator("#panneau-historique .fr-accordion__btn").first).to_contain_text("Version 2")
    assert_accessible(page)


def open_decision(page, label):
    """Open the accordion of a decision (its button, not the form's)."""
    page.locator("#decisions .fr-accordion__btn", has_text=label).click()


def test_the_financing_table_filtered_by_every_criterion(app, demo, page, live_server):
    from tests.helpers.funding import seed
    operator_signs_in(app, page, live_server)
    seed(app, account_of(app, "claire.martin@medimail.fr"), 8,
         kind=lambda i: "balance" if i % 2 else "advance",
         status=lambda i: "in_progress" if i < 4 else "decided",
         payment_state=lambda i: "paid" if i == 6 else "none",
         software=lambda i: "DPI" if i == 7 else "MSS Opérateurs")
    menu(page, "Demandes financement", "Gérer mes demandes de financement")
    count = page.locator("#financements-compte")
    expect(count).to_have_text("8 demandes de financement")
    assert_accessible(page)
    page.get_by_label("Type", exact=True).select_option(label="Solde")
    expect(count).to_have_text("4 demandes de financement")
    page.get_by_label("Statut de la demande").select_option(label="Décidée")
    expect(count).to_have_text("2 demandes de financement")
    page.get_by_label("Etat du dernier paiement").select_option(label="Aucun paiement en cours")
    page.locator("label").get_by_text("DPI", exact=True).click()
    expect(count).to_have_text("1 demande de financement")
    page.get_by_role("link", name="Vider les critères").click()
    expect(count).to_have_text("8 demandes de financement")
    since, messages = page.get_by_label("Du", exact=True), page.locator("#financements-depot-messages")
    with page.expect_response(lambda r: "depot_du=2026-03-03" in r.url):
        since.fill("2026-03-03")  # the keystroke's own request answered…
    expect(messages).to_have_text("")  # …without scolding the date not typed yet
    page.get_by_role("button", name="Rechercher").click()
    expect(messages).to_contain_text("Saisissez les deux dates")
    expect(since).to_have_attribute("aria-invalid", "true")
    page.get_by_label("Au", exact=True).fill("2026-03-04")
    page.get_by_role("button", name="Rechercher").click()
    expect(count).to_have_text("2 demandes de financement")
    expect(since).not_to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
    page.get_by_role("link", name="Vider les critères").click()
    expect(count).to_have_text("8 demandes de financement")  # the cleared table is there to type in
    page.get_by_label("Numéro de dossier").press_sequentially("0003", delay=30)
    expect(page.locator("#financements-numero-liste option")).to_have_count(1)
    expect(count).to_have_text("1 demande de financement")
    assert_accessible(page)


def test_suggestions_arrive_even_when_the_table_answers_first(app, demo, page, live_server):
    """The table's own request (400 ms after a keystroke) must not abort the suggestions' one
    (300 ms): the suggestions are held here until the table has answered, then let through."""
    from tests.helpers.funding import seed
    operator_signs_in(app, page, live_server)
    seed(app, account_of(app, "claire.martin@medimail.fr"), 3)
    menu(page, "Demandes financement", "Gérer mes demandes de financement")
    expect(page.locator("#financements-compte")).to_have_text("3 demandes de financement")
    held = []
    page.route("**/espace/financement/suggestions*", lambda route: held.append(route))
    with page.expect_response(lambda r: "/espace/financement/?" in r.url and "numero=0002" in r.url):
        page.get_by_label("Numéro de dossier").fill("0002")
    expect(page.locator("#financements-compte")).to_have_text("1 demande de financement")
    assert held, "the suggestions were asked for"
    held[-1].continue_()
    expect(page.locator("#financements-numero-liste option")).to_have_count(1)
