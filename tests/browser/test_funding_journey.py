"""A developer operator files its advance (a wrong count first): decided at once, its decision PDF
downloaded; then its balance, every wrong file tried first; axe on every state of the page."""
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, menu
from tests.browser.operator_steps import operator_signs_in
from tests.browser.wizard_steps import JPG, PDF, TEXT

COUNTS = {"current": ("1200", "40", "0"), "closing": ("3000", "10", "10")}


def test_advance_then_balance(app, demo, page, live_server, mailbox):
    operator_signs_in(app, page, live_server, validated=True)
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
    expect(page.locator("#avance")).to_contain_text("Décidée")
    page.get_by_role("button", name="Pièces justificatives").first.click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Décision d'attribution").click()
    assert download.value.suggested_filename.endswith("-M0.pdf")
    page.get_by_role("button", name="Courriels automatiquement envoyés").first.click()
    expect(page.locator("#avance-courriels")).to_contain_text("est décidée")
    assert_accessible(page)

    page.get_by_role("tab", name="2- Ma demande de solde").click()
    solde = page.locator("#solde")
    expect(solde).to_contain_text("175\u202f248,30")
    assert_accessible(page)
    page.get_by_label("Numéro de téléphone du contact support de l'opérateur").fill("01 23 45 67 89")
    page.get_by_label("Adresse mail du contact support de l'opérateur").fill("support@medimail.fr")
    page.get_by_label("Lien vers le site web").fill("http://medimail.fr/doc")
    page.locator("#doc_api_proof").set_input_files(str(JPG))
    page.locator("#doc_api_guide").set_input_files(str(TEXT))
    page.get_by_role("button", name="Importer").click()
    expect(page.locator("#documentation_url-messages")).to_contain_text("https://")
    expect(page.locator("#doc_api_proof-messages")).to_contain_text("Le format de ce fichier")
    expect(page.locator("#doc_api_guide-messages")).to_contain_text("Le format de ce fichier")
    expect(page.get_by_role("tab", name="2- Ma demande de solde")).to_have_attribute("aria-selected", "true")
    assert_accessible(page)
    page.get_by_label("Lien vers le site web").fill("https://www.medimail.fr/documentation-api")
    page.locator("#doc_api_proof").set_input_files(str(TEXT))
    page.locator("#doc_api_guide").set_input_files(str(PDF))
    page.get_by_role("button", name="Importer").click()
    expect(page.locator("#messages")).to_contain_text("« En cours »")
    expect(page.get_by_role("tab", name="2- Ma demande de solde")).to_have_attribute("aria-selected", "true")
    expect(solde).to_contain_text("-M1")
    expect(solde).to_contain_text("En cours")
    page.get_by_role("button", name="Pièces justificatives").last.click()
    expect(page.locator("#solde-pieces")).to_contain_text("notes.txt")
    assert_accessible(page)
