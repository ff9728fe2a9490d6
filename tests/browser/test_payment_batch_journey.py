"""A manager puts an operator's decided advance and balance into one payment batch (an empty
selection refused first), downloads its SEPA file (valid against the official XSD), records the
bank's execution (a missing date refused first); the operator receives the mails and finds the
payments, their notices and VERSE001 in its « Suivi financier ». An admin sets the ASP's account.
axe-core: 0 violations on every page and state."""
from playwright.sync_api import expect

from portal.models import FundingRequest
from portal.models.accounts import MANAGER
from tests.helpers.accounts import PASSWORD, make_account, signed_in
from tests.helpers.auth import ready_account
from tests.helpers.browser import assert_accessible, manager_signs_in, menu, open_accordion, sign_in
from tests.helpers.enrolment import database
from tests.helpers.operator_steps import operator_signs_in
from tests.helpers.payment_steps import record_execution, tick
from tests.helpers.payments import SCHEMA, filed_and_decided


def test_two_decided_requests_paid_in_one_batch(app, demo, page, staff_page, live_server,
                                                  mailbox):
    operator_signs_in(app, page, live_server, validated=True)
    with database(app):
        from portal.models import Account
        operator = Account.get(Account.email == "claire.martin@medimail.fr")
    requests = filed_and_decided(app, signed_in(app.test_client(), operator),
                                 make_account(app, MANAGER))
    numbers = [r.number for r in requests]

    manager_signs_in(app, staff_page, live_server)
    menu(staff_page, "Paiements", "Mettre en paiement")
    expect(staff_page.locator("#mise-en-paiement-table tbody tr")).to_have_count(2)
    assert_accessible(staff_page)
    staff_page.get_by_role("button", name="Créer le lot de paiement").click()
    expect(staff_page.locator("#erreurs-mise-en-paiement")).to_contain_text("Cochez au moins")
    assert_accessible(staff_page)
    for number in numbers:
        tick(staff_page, number)
    staff_page.get_by_role("button", name="Créer le lot de paiement").click()
    expect(staff_page.get_by_role("heading", level=1)).to_contain_text("Lot de paiement n°")
    expect(staff_page.locator("#virements-table tbody tr")).to_have_count(2)
    assert_accessible(staff_page)

    with staff_page.expect_download() as download:
        staff_page.get_by_role("link", name="Télécharger le fichier de virements SEPA").click()
    assert download.value.suggested_filename.startswith("MEP-")
    content = open(download.value.path(), encoding="utf-8").read()
    SCHEMA.validate(content)
    assert all(f"<EndToEndId>{n}</EndToEndId>" in content for n in numbers)

    staff_page.get_by_role("button", name="Enregistrer l'exécution de tout le lot").click()
    expect(staff_page.locator("#paid_on-messages")).to_contain_text("Saisissez la date")
    assert_accessible(staff_page)
    record_execution(staff_page, "2026-12-03")
    menu(staff_page, "Paiements", "Lots de paiement")
    expect(staff_page.locator("#lots-table tbody tr")).to_contain_text("Exécuté")
    assert_accessible(staff_page)

    subjects = [m["Subject"] for m in mailbox.messages]
    for number in numbers:
        assert f"Mise en paiement de votre demande n° {number}" in subjects
        assert f"Avis de paiement de votre demande n° {number}" in subjects
    page.goto(live_server + f"/espace/financement/{numbers[1]}")
    open_accordion(page, page.get_by_role("button", name="Suivi financier"))
    follow = page.locator("#suivi")
    expect(follow.locator("tbody tr")).to_have_count(2)
    expect(follow).to_contain_text("VERSE001")
    expect(follow).not_to_contain_text("Paiement en cours")
    expect(follow.get_by_role("link", name=f"Télécharger l'avis de paiement de {numbers[0]}")) \
        .to_be_visible()
    assert_accessible(page)
    with database(app):
        assert {r.payment_state for r in FundingRequest.select()} == {"paid"}


def test_an_admin_sets_the_asp_account(app, demo, page, live_server):
    admin = ready_account(app, "admin")
    page.goto(live_server + "/connexion")
    sign_in(page, admin.uid, PASSWORD)
    page.wait_for_url("**/gestion/enrolements")
    menu(page, "Administration", "Compte de l'ASP")
    expect(page.get_by_role("heading", level=1)).to_have_text("Compte de l'ASP à débiter")
    assert_accessible(page)
    page.get_by_label("IBAN").fill("FR76 1234")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("#iban-messages")).to_contain_text("IBAN n'est pas valide")
    assert_accessible(page)
    page.get_by_label("IBAN").fill("FR14 2004 1010 0505 0001 3M02 606")
    page.get_by_label("BIC").fill("PSSTFRPPPAR")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("#messages")).to_contain_text("est enregistré")
    expect(page.locator("#modifications-compte tbody tr")).to_have_count(2)
    assert_accessible(page)
