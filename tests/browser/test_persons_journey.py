"""An operator changes its legal representative (the identity document forgotten first), a manager
validates the change, the operator sees the new representative in force; axe on every page."""
from playwright.sync_api import expect

from portal.models import Enrolment
from tests.helpers.browser import assert_accessible, menu
from tests.helpers.enrolment import database
from tests.helpers.browser import manager_signs_in
from tests.helpers.wizard_steps import PNG
from tests.helpers.operator_steps import operator_signs_in


def test_change_the_legal_representative(app, demo, page, staff_page, live_server, mailbox):
    operator_signs_in(app, page, live_server)
    menu(page, "Mon compte", "Gérer mes coordonnées personnes physiques")
    expect(page.get_by_role("heading", name="Gérer mes coordonnées personnes physiques", level=1)).to_be_visible()
    expect(page.get_by_role("region", name="Représentant légal")).to_contain_text("Martin")
    assert_accessible(page)
    with database(app):  # kept without spaces, as the demo and older requests have it
        Enrolment.update(rep_phone="0123456789").execute()
    page.reload()
    page.get_by_role("button", name="Transmettre ma demande de modification").click()
    expect(page.get_by_role("alert")).to_contain_text("Vous n'avez modifié aucune coordonnée")
    expect(page.locator("#historique-modifications tbody tr")).to_have_count(0)  # nothing filed

    page.get_by_label("Nom du représentant", exact=True).fill("Morel")
    page.get_by_label("Prénom du représentant").fill("Sophie")
    page.get_by_label("Email du représentant", exact=True).fill("sophie.morel@medimail.fr")
    page.get_by_role("button", name="Transmettre ma demande de modification").click()
    expect(page.locator("#doc_representative_id-messages")).to_contain_text("Déposez ce document")
    expect(page.get_by_label("Nom du représentant", exact=True)).to_have_value("Morel")
    assert_accessible(page)
    page.locator("#doc_representative_id").set_input_files(str(PNG))
    page.get_by_role("button", name="Transmettre ma demande de modification").click()
    expect(page.locator("#messages")).to_contain_text("en attente de validation")
    row = page.locator("#historique-modifications tbody tr").first
    expect(row).to_contain_text("Nom du représentant légal : Martin → Morel")
    expect(row).to_contain_text("En attente de validation")
    assert_accessible(page)

    manager_signs_in(app, staff_page, live_server)
    menu(staff_page, "Instruction", "Demandes de modification")
    expect(staff_page.get_by_role("status")).to_contain_text("1 demande en attente")
    assert_accessible(staff_page)
    staff_page.get_by_role("link", name="Instruire").click()
    expect(staff_page.locator("#comparaison")).to_contain_text("Morel")
    expect(staff_page.get_by_role("link", name="Pièce d'identité")).to_be_visible()
    assert_accessible(staff_page)
    staff_page.locator("label").get_by_text("Valider", exact=True).click()
    staff_page.get_by_role("button", name="Enregistrer la décision").click()
    expect(staff_page.locator("#messages")).to_contain_text("« Validée »")
    assert_accessible(staff_page)

    page.reload()
    expect(page.get_by_role("region", name="Représentant légal")).to_contain_text("Morel")
    expect(page.locator("#historique-modifications tbody tr").first).to_contain_text("Validée")
    assert_accessible(page)
