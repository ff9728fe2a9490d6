"""An operator with a validated enrolment files a complementary one for a DPI (a wrong file and
missing answers first), sees its number, and a manager validates it; axe on every page."""
from playwright.sync_api import expect

from tests.helpers.browser import assert_accessible, menu
from tests.helpers.browser import decision, manager_signs_in, open_enrolment, status_is
from tests.helpers.wizard_steps import PDF, TEXT, choose, settled, upload, upload_refused
from tests.helpers.operator_steps import operator_signs_in

DPI = "DPI-2023-0101"


def test_file_a_complementary_enrolment_then_validated(app, demo, page, staff_page, live_server,
                                                       mailbox):
    operator_signs_in(app, page, live_server, validated=True)
    menu(page, "Enrôlement", "Faire une demande complémentaire")
    expect(page.get_by_role("heading", name="Demande d'enrôlement complémentaire", level=1)).to_be_visible()
    expect(page.locator("#recapitulatif + *")).to_contain_text("MEDIMAIL SOLUTIONS")
    assert_accessible(page)

    page.get_by_label("Numéro unique de référencement ANS").fill("MSS-2023-0001")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.locator("#ans_number-messages")).to_contain_text("Vous avez déjà déposé")
    expect(page.get_by_label("Numéro unique de référencement ANS")).to_be_focused()
    page.get_by_label("Numéro unique de référencement ANS").fill(DPI)
    page.get_by_role("button", name="Rechercher").click()
    expect(page.get_by_role("heading", name=f"Référencement {DPI}")).to_be_visible()
    expect(page.locator("#complementary .fr-card")).to_contain_text("Dossier Patient Horizon")
    assert_accessible(page)

    page.get_by_role("button", name="Terminer").click()
    expect(page.get_by_role("alert")).to_contain_text("erreurs")
    expect(page.locator("#hds_host-messages")).to_contain_text("Ce champ est obligatoire.")
    expect(page.locator("#doc_referencing_certificate-messages")).to_contain_text("Déposez ce document")
    assert_accessible(page)

    choose(page, "Êtes-vous hébergeur de données de santé ?", "Non")
    settled(page)
    upload_refused(page, "Attestation sur l'honneur de non hébergement des données de santé", TEXT,
                   "Le format de ce fichier n'est pas accepté")
    upload(page, "Attestation sur l'honneur de non hébergement des données de santé", PDF)
    upload(page, "Certificat de référencement", PDF)
    choose(page, "Êtes-vous distributeur de la solution ?", "Non")
    choose(page, "Taux de TVA applicable", "10 %")
    settled(page)
    assert_accessible(page)
    page.get_by_role("button", name="Terminer").click()

    expect(page.get_by_role("heading", name="Demande d'enrôlement déposée", level=1)).to_be_visible()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("« En cours »")
    number = dialog.get_by_role("heading").inner_text().split("n° ")[1]
    assert_accessible(page)
    dialog.get_by_role("button", name="Fermer").last.click()
    page.get_by_role("link", name="Consulter ma demande d'enrôlement").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(number)
    expect(page.locator("main")).to_contain_text("Enrôlement complémentaire")
    assert_accessible(page)

    manager_signs_in(app, staff_page, live_server)
    staff_page.get_by_label("Type d'enrôlement").select_option(label="Enrôlement complémentaire")
    staff_page.get_by_role("button", name="Filtrer").click()
    open_enrolment(staff_page, number)
    decision(staff_page, "Valider la demande").get_by_role("button", name="Valider la demande").click()
    status_is(staff_page, "Validée")

    page.goto(live_server + "/espace/enrolements/?type=complementaire")
    row = page.locator("#enrolements-table tbody tr", has_text=number)
    expect(row).to_contain_text("Validée")
    assert_accessible(page)
