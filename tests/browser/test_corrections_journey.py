"""« Modifier »: a manager asks for the bank details to be corrected; the operator corrects them
from the private space (a wrong IBAN first) and the manager finds the enrolment back « En cours »
with the change in its history; axe on every page."""
from playwright.sync_api import expect

from tests.helpers.browser import assert_accessible
from tests.helpers.operator_steps import operator_signs_in
from tests.helpers.browser import decision, manager_signs_in, open_enrolment, status_is

NEW_IBAN = "FR76 1027 8060 6100 0102 0480 197"


def test_bank_details_corrected_on_request(app, demo, page, staff_page, live_server, mailbox):
    number = operator_signs_in(app, page, live_server)

    manager_signs_in(app, staff_page, live_server)
    open_enrolment(staff_page, number)
    form = decision(staff_page, "Demander des pièces")
    form.locator("label").get_by_text("Coordonnées bancaires (IBAN, BIC, titulaire)").click()
    form.get_by_label("Message au demandeur").fill("L'IBAN saisi ne correspond pas au RIB.")
    form.get_by_role("button", name="Demander des pièces").click()
    status_is(staff_page, "En attente de pièce(s) jointe(s) complémentaire(s)")

    page.goto(live_server + "/espace/enrolements/")
    page.get_by_role("link", name="Modifier").first.click()
    expect(page.get_by_role("heading", name="Modifier ma demande d'enrôlement", level=1)).to_be_visible()
    expect(page.get_by_text("L'IBAN saisi ne correspond pas au RIB.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("textbox", name="IBAN").fill(NEW_IBAN[:-1] + "8")
    page.get_by_role("textbox", name="BIC").fill("CMCIFR2A")
    page.get_by_role("button", name="Terminer mon dépôt").click()
    page.get_by_role("dialog").get_by_role("button", name="Confirmer").click()
    expect(page.locator("#iban-messages")).to_contain_text("Cet IBAN n'est pas valide")
    expect(page.get_by_role("textbox", name="BIC")).to_have_value("CMCIFR2A")
    assert_accessible(page)
    page.get_by_role("textbox", name="IBAN").fill(NEW_IBAN)
    page.get_by_role("button", name="Terminer mon dépôt").click()
    page.get_by_role("dialog").get_by_role("button", name="Confirmer").click()
    expect(page.get_by_role("heading", name="Dépôt terminé", level=1)).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("« En cours »")
    assert_accessible(page)

    staff_page.reload()
    status_is(staff_page, "En cours")
    expect(staff_page.locator("main")).to_contain_text(f"IBAN : FR76 3000 6000 0112 3456 7890 189 → {NEW_IBAN}")
    assert_accessible(staff_page)
