"""An operator adds bank details (a wrong IBAN first), a manager validates them, the operator
sees them as the account payments go to; axe on every page."""
from playwright.sync_api import expect

from portal.models import Enrolment
from tests.helpers.browser import assert_accessible, menu
from tests.helpers.enrolment import database
from tests.helpers.instruction import file_enrolment
from tests.helpers.browser import manager_signs_in
from tests.helpers.wizard_steps import JPG
from tests.helpers.operator_steps import operator_signs_in

IBAN = "FR76 1027 8060 6100 0102 0480 197"


def test_add_bank_details_then_validated(app, demo, page, staff_page, live_server, mailbox):
    operator_signs_in(app, page, live_server)
    rejected = file_enrolment(app, "MSS-2023-0002", buyer=True)  # the same IBAN, rejected
    with database(app):
        first = Enrolment.select().order_by(Enrolment.id).first()
        Enrolment.update(holder=first.holder, status="rejected", siret=first.siret,
                         iban=first.iban).where(
            Enrolment.number == rejected).execute()
    menu(page, "Mon compte", "Gérer mes coordonnées bancaires")
    expect(page.get_by_role("heading", name="Gérer mes coordonnées bancaires", level=1)).to_be_visible()
    rows = page.locator("#coordonnees-bancaires tbody tr")
    expect(rows).to_have_count(1)  # one bank account, whatever the requests it appears in
    expect(rows.first).to_contain_text(f"n° {rejected} (Rejetée)")
    expect(rows.first.locator("td").nth(5)).to_have_text("En cours")  # not « Rejetée »
    assert_accessible(page)
    page.get_by_role("link", name="Ajouter une coordonnée bancaire").click()
    page.get_by_label("IBAN").fill(IBAN[:-1] + "8")
    page.get_by_label("BIC").fill("CMCIFR2A")
    page.get_by_label("Titulaire").fill("MEDIMAIL SOLUTIONS")
    page.get_by_label("RIB").set_input_files(str(JPG))
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("#iban-messages")).to_contain_text("Cet IBAN n'est pas valide")
    expect(page.get_by_label("IBAN")).to_be_focused()
    expect(page.locator("#doc_rib-messages")).to_contain_text("Fichier déposé")
    assert_accessible(page)
    page.get_by_label("IBAN").fill(IBAN)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("#messages")).to_contain_text("en attente de validation")
    expect(page.locator("#coordonnees-bancaires tbody tr").nth(1)).to_contain_text("En attente de validation")

    manager_signs_in(app, staff_page, live_server)
    menu(staff_page, "Instruction", "Coordonnées bancaires à valider")
    assert_accessible(staff_page)
    staff_page.get_by_role("link", name=f"Instruire l'IBAN {IBAN}").click()
    staff_page.locator("label").get_by_text("Valider", exact=True).click()
    staff_page.get_by_role("button", name="Enregistrer la décision").click()
    expect(staff_page.locator("#messages")).to_contain_text("« Validée »")
    assert_accessible(staff_page)

    page.reload()
    row = page.locator("#coordonnees-bancaires tbody tr").nth(1)
    expect(row).to_contain_text("Validée")
    expect(row).to_contain_text("Compte de versement")
    assert_accessible(page)
