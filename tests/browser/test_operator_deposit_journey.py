"""From the private space: the operator answers a request for documents, and finalises an
anticipated enrolment with its certificate up to « Validée » — the manager in a second browser."""
from playwright.sync_api import expect

from portal.models import Account, Enrolment
from portal.services.account import accounts
from portal.services.enrolment import workflow as wf
from tests.helpers.accounts import PASSWORD, make_account
from tests.helpers.auth import QUESTION
from tests.helpers.browser import assert_accessible
from tests.helpers.browser import (decision, manager_signs_in, open_enrolment,
                                                    status_is)
from tests.helpers.browser import open_sign_in, sign_in
from tests.helpers.wizard_steps import JPG, PDF, TEXT, upload, upload_refused
from tests.helpers.enrolment import database
from tests.helpers.instruction import ANTICIPATED_MSS, file_enrolment, move


def holder_of(app, number, action, **details):
    """The manager's move, then the holder's account (opened if the move did not) made ready to
    sign in: its own password and its secret question."""
    move(app, number, action, make_account(app, "manager"), "Merci.", **details)
    with database(app):
        enrolment = Enrolment.get(Enrolment.number == number)
        account = enrolment.holder if enrolment.holder_id else accounts.open_access(enrolment)[0]
        account.must_change_password = False
        account.secret_question = QUESTION
        account.secret_answer_hash = accounts.hash_secret("lyon")
        account.save()
        accounts.set_password(account, PASSWORD)
        return Account.get_by_id(account.id)


def sign_in_as(page, base_url, account):
    open_sign_in(page, base_url)
    sign_in(page, account.uid, PASSWORD)
    page.wait_for_url(base_url + "/espace/")


def test_answer_a_request_for_documents(app, demo, page, live_server, mailbox):
    number = file_enrolment(app)
    holder = holder_of(app, number, wf.REQUEST_DOCUMENTS, kinds=["rib"])
    sign_in_as(page, live_server, holder)
    page.goto(live_server + "/espace/enrolements/")
    page.get_by_role("link", name=f"Déposer des pièces jointes pour la demande {number}").click()
    expect(page.get_by_role("heading", name="Déposer des pièces justificatives", level=1)).to_be_visible()
    upload_refused(page, "RIB", TEXT, "n'est pas accepté")
    assert_accessible(page)
    upload(page, "RIB", JPG)
    page.get_by_role("button", name="Terminer mon dépôt").click()
    page.get_by_role("dialog").get_by_role("button", name="Confirmer").click()
    expect(page.get_by_role("heading", name="Dépôt terminé", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Retour à ma demande d'enrôlement").click()
    expect(page.locator("main .fr-badge").first).to_have_text("En cours")


def test_finalise_an_anticipated_enrolment_up_to_validated(app, demo, page, staff_page,
                                                          live_server, mailbox):
    number = file_enrolment(app, ANTICIPATED_MSS, buyer=True)
    holder = holder_of(app, number, wf.VALIDATE_PARTIALLY)
    sign_in_as(page, live_server, holder)
    page.goto(live_server + f"/espace/enrolements/{number}")
    expect(page.locator("main .fr-badge").first).to_have_text(
        "Validation partielle : en attente de certificat(s)")
    page.get_by_role("link", name="Ajouter le certificat de référencement").click()
    page.get_by_role("button", name="Terminer mon dépôt").click()
    page.get_by_role("dialog").get_by_role("button", name="Confirmer").click()
    expect(page.locator("#doc_referencing_certificate-messages")).to_contain_text("Déposez ce document")
    assert_accessible(page)
    upload(page, "Certificat de référencement", PDF)
    page.get_by_role("button", name="Terminer mon dépôt").click()
    page.get_by_role("dialog").get_by_role("button", name="Confirmer").click()
    expect(page.get_by_role("heading", name="Dépôt terminé", level=1)).to_be_visible()

    manager_signs_in(app, staff_page, live_server)
    staff_page.get_by_label("Statut").select_option(label="Certificat(s) à valider")
    expect(staff_page.get_by_role("status")).to_contain_text("1 demande")
    open_enrolment(staff_page, number)
    decision(staff_page, "Valider les certificats").get_by_role(
        "button", name="Valider les certificats").click()
    status_is(staff_page, "Validée")

    page.goto(live_server + f"/espace/enrolements/{number}")
    expect(page.locator("main .fr-badge").first).to_have_text("Validée")
    page.get_by_role("button", name="g. Historique de la demande (4)").click()
    expect(page.locator("#historique tbody tr")).to_have_count(4)
    assert_accessible(page)
