"""A manager asks a document on a request filed from a JSON; its supplier reads the comment, adds a
wrong file (refused beside its field), a piece it deletes before validating, the right one, and
« Valider mon ajout de pièces »; the manager finds the request « En cours » with the new piece and
the history row; axe at every step."""
from playwright.sync_api import expect

from tests.browser.test_json_requests_journey import ready_supplier
from tests.helpers.accounts import PASSWORD
from tests.helpers.browser import (assert_accessible, manager_signs_in, menu, open_accordion,
                                   open_sign_in, sign_in)
from tests.helpers.enrolment import FIXTURES

ASKED = "La facture jointe n'est pas signée : déposez la facture signée."


def test_a_document_asked_is_added_then_validated(app, demo, page, staff_page, live_server):
    account, _, balance = ready_supplier(app)
    manager_signs_in(app, staff_page, live_server)
    staff_page.goto(f"{live_server}/gestion/financement/{balance.number}")
    staff_page.locator("#decisions .fr-accordion__btn",
                       has_text="Demander une pièce justificative").click()
    form = staff_page.locator("#decision-demander_piece form")
    form.get_by_label("Commentaire à l'opérateur").fill(ASKED)
    form.get_by_role("button", name="Demander une pièce justificative").click()
    expect(staff_page.locator("#messages")).to_contain_text("En attente de pièce justificative")

    open_sign_in(page, live_server)
    sign_in(page, account.uid, PASSWORD)
    menu(page, "Demandes financement", "Gérer mes demandes de financement")
    row = page.locator("#financements-table tbody tr", has_text=balance.number)
    expect(row).to_contain_text("En attente de pièce justificative")
    assert_accessible(page)
    row.get_by_role("link", name=f"Ajouter des pièces à la demande {balance.number}").click()
    expect(page.get_by_role("heading", name="Ajouter des pièces", level=1)).to_be_visible()
    expect(page.locator(".fr-callout")).to_contain_text(ASKED)
    assert_accessible(page)

    page.get_by_label("Facture").set_input_files(str(FIXTURES / "faux.pdf"))
    page.get_by_role("button", name="Ajouter la pièce").click()
    expect(page.locator("#piece-messages")).to_contain_text("ne correspond pas à son extension")
    expect(page.get_by_label("Facture")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
    pdf = (FIXTURES / "document.pdf").read_bytes()
    page.get_by_label("Facture").set_input_files(
        {"name": "facture-non-signee.pdf", "mimeType": "application/pdf", "buffer": pdf})
    page.get_by_role("button", name="Ajouter la pièce").click()
    added = page.locator("#pieces [role=status]")
    expect(added).to_contain_text("Pièce ajoutée : facture-non-signee.pdf")
    expect(page.get_by_label("Facture")).not_to_have_attribute("aria-invalid", "true")
    page.get_by_label("Facture").set_input_files(
        {"name": "facture-signee.pdf", "mimeType": "application/pdf", "buffer": pdf})
    page.get_by_role("button", name="Ajouter la pièce").click()
    expect(page.locator(".portal-pending-pieces li")).to_have_count(2)
    assert_accessible(page)
    page.get_by_role("button", name="Supprimer la pièce facture-non-signee.pdf").click()
    expect(added).to_contain_text("Pièce supprimée : facture-non-signee.pdf")
    expect(page.locator(".portal-pending-pieces li")).to_have_count(1)
    page.get_by_role("button", name="Valider mon ajout de pièces").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(balance.number)
    expect(page.locator("#messages")).to_contain_text("de nouveau « En cours »")
    expect(page.get_by_role("link", name="Ajouter des pièces")).to_have_count(0)
    assert_accessible(page)

    staff_page.reload()
    expect(staff_page.locator("main .fr-badge").first).to_have_text("En cours")
    open_accordion(staff_page, staff_page.get_by_role("button", name="Pièces justificatives"))
    expect(staff_page.locator("#pieces")).to_contain_text("Facture : facture-signee.pdf")
    expect(staff_page.locator("#pieces")).not_to_contain_text("non-signee")
    expect(staff_page.locator("main")).to_contain_text(
        "Pièces ajoutées : facture-signee.pdf (Facture)")
    assert_accessible(staff_page)
