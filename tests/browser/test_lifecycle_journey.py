"""The funding lifecycle to its end (issue 17), each person in a browser of their own: a manager
validates two balances (an MSS operator's, filed by form, and a DPI supplier's, filed from a
JSON); the budget owner's selection is refused while the form channel's envelope is too small,
with the figure that blocks; an admin raises the envelope; the budget owner decides both at once,
the envelopes' figures moving; a manager puts both into one payment batch, downloads its SEPA file
(valid against the official XSD) and records the bank's execution: the notices are mailed; the
supplier asks to cancel another request (a decided advance of a second dossier), a manager grants
it, its history shows the amendment « Historisée » and the new one « Annulée », and its amount
leaves the envelope. axe at every step."""
from contextlib import contextmanager
from decimal import Decimal

from playwright.sync_api import expect

from portal.models import BudgetEnvelope, Enrolment
from portal.models.accounts import ADMIN
from portal.models.funding import DECIDED
from tests.helpers.accounts import PASSWORD, account_of, signed_in
from tests.helpers.browser import (STATE_TIMEOUT_MS, assert_accessible, budget_owner_signs_in,
                                   manager_signs_in, menu, open_accordion, open_sign_in, sign_in,
                                   staff_signs_in, validate_funding)
from tests.helpers.enrolment import database
from tests.helpers.funding import file_dossier, request_of
from tests.helpers.json_requests import dpi_corridor, json_request, ready_supplier
from tests.helpers.operator_steps import operator_signs_in
from tests.helpers.payment_steps import put_in_payment, record_execution
from tests.helpers.payments import SCHEMA

MSS_BALANCE_TTC = "210\u202f297,96\u00a0€"


@contextmanager
def another_browser(page):
    """A page of a browser context of its own (its own cookies), for one more person."""
    context = page.context.browser.new_context(locale="fr-FR")
    try:
        other = context.new_page()
        other.set_default_timeout(STATE_TIMEOUT_MS)
        yield other
    finally:
        context.close()


def tick(page, number):
    """Tick a request, as a person does: on the DSFR box its label draws."""
    page.locator(f"label[for='choisir-{number}']").click()
    expect(page.get_by_label(f"Choisir la demande {number}")).to_be_checked()


def envelope_row(page, label):
    return page.locator("#enveloppes tbody tr").filter(has_text=label)


def committed_and_remaining(page, label) -> list[str]:
    return [td.inner_text() for td in envelope_row(page, label).locator("td").all()][2:4]


def test_validated_decided_within_the_envelope_then_cancelled(app, demo, page, staff_page,
                                                             live_server, mailbox):
    # The MSS operator files its advance (decided at filing) and its balance; the DPI supplier's
    # advance is decided and its balance « En cours », filed from JSON files.
    operator_signs_in(app, page, live_server, validated=True)
    file_dossier(signed_in(app.test_client(), account_of(app, "claire.martin@medimail.fr")))
    mss_balance = request_of(app).number
    supplier, dpi_advance, dpi_balance = ready_supplier(app)
    with database(app):
        BudgetEnvelope.update(amount=Decimal("100000.00")).where(
            BudgetEnvelope.corridor.is_null()).execute()
        second = json_request(supplier, Enrolment.get_by_id(dpi_advance.enrolment_id),
                              dpi_corridor(), publisher_number="ED-2026-0002", status=DECIDED)

    manager_signs_in(app, staff_page, live_server)
    for number in (mss_balance, dpi_balance.number):
        staff_page.goto(f"{live_server}/gestion/financement/{number}")
        expect(staff_page.get_by_role("heading", level=1)).to_contain_text(number)
        validate_funding(staff_page)

    with another_browser(page) as owner:
        budget_owner_signs_in(app, owner, live_server)
        mss = envelope_row(owner, "MSS Opérateurs (formulaire)")
        expect(mss).to_contain_text("100\u202f000,00\u00a0€")
        expect(mss).to_contain_text("92\u202f000,00\u00a0€")  # the advance, 8 000 €, committed
        dpi_before = committed_and_remaining(owner, "DPI")
        owner.get_by_role("link", name=mss_balance, exact=True).click()  # read before deciding
        expect(owner.get_by_role("heading", level=1)).to_have_text(f"Solde n° {mss_balance}")
        expect(owner.get_by_text("Cette demande attend votre décision")).to_be_visible()
        assert_accessible(owner)
        owner.get_by_role("link", name="Retour aux décisions budgétaires").click()
        for number in (mss_balance, dpi_balance.number):
            tick(owner, number)
        owner.get_by_role("button", name="Décider la sélection").click()
        alert = owner.locator("#decisions [role=alert]")
        expect(alert).to_contain_text(f"Décider la demande {mss_balance} ({MSS_BALANCE_TTC})")
        expect(alert).to_contain_text("il n'y reste que 92\u202f000,00\u00a0€")
        expect(alert).to_be_focused()
        expect(owner.get_by_label(f"Choisir la demande {dpi_balance.number}")).to_be_checked()
        assert_accessible(owner)

        with another_browser(page) as admin_page:
            staff_signs_in(app, admin_page, live_server, ADMIN, "/gestion/enrolements",
                           "Demandes d'enrôlement", last_name="Roux", first_name="Jean")
            menu(admin_page, "Administration", "Enveloppes budgétaires")
            expect(admin_page.get_by_role("heading", name="Enveloppes budgétaires", level=1)).to_be_visible()
            assert_accessible(admin_page)
            admin_page.get_by_role("link", name="Modifier l'enveloppe MSS Opérateurs (formulaire)").click()
            amount = admin_page.get_by_label("Montant de l'enveloppe budgétaire (€ TTC)")
            amount.fill("beaucoup")
            admin_page.get_by_role("button", name="Enregistrer").click()
            expect(admin_page.locator("#amount-messages")).to_contain_text("Saisissez un montant")
            assert_accessible(admin_page)
            amount.fill("1 000 000,00")
            admin_page.get_by_role("button", name="Enregistrer").click()
            expect(admin_page.locator("#messages")).to_contain_text("est enregistrée")
            expect(envelope_row(admin_page, "MSS Opérateurs")).to_contain_text("1\u202f000\u202f000,00")
            assert_accessible(admin_page)
            admin_page.get_by_role("link", name="Modifier l'enveloppe MSS Opérateurs (formulaire)").click()
            expect(admin_page.locator("#modifications")).to_contain_text("Jean Roux")
            assert_accessible(admin_page)

        owner.reload()
        for number in (mss_balance, dpi_balance.number):
            tick(owner, number)
        owner.get_by_role("button", name="Décider la sélection").click()
        expect(owner.locator("#messages")).to_contain_text("Les 2 demandes choisies sont « Décidées »")
        mss = envelope_row(owner, "MSS Opérateurs (formulaire)")
        expect(mss).to_contain_text("218\u202f297,96\u00a0€")  # committed: advance and balance
        expect(mss).to_contain_text("781\u202f702,04\u00a0€")  # remaining
        assert committed_and_remaining(owner, "DPI") != dpi_before
        expect(owner.get_by_text("Aucune demande validée n'attend de décision.")).to_be_visible()
        assert_accessible(owner)

        # A manager puts both balances into one payment batch; the bank executes it.
        balances = (mss_balance, dpi_balance.number)
        put_in_payment(staff_page, balances)
        with staff_page.expect_download() as download:
            staff_page.get_by_role("link", name="Télécharger le fichier de virements SEPA").click()
        content = open(download.value.path(), encoding="utf-8").read()
        SCHEMA.validate(content)
        assert all(f"<EndToEndId>{number}</EndToEndId>" in content for number in balances)
        record_execution(staff_page, "2026-12-03")
        subjects = [m["Subject"] for m in mailbox.messages]
        assert all(f"Avis de paiement de votre demande n° {n}" in subjects for n in balances)
        owner.reload()
        dpi_paid = committed_and_remaining(owner, "DPI")

        # The supplier asks to cancel its second dossier's advance; a manager grants it.
        with another_browser(page) as supplier_page:
            open_sign_in(supplier_page, live_server)
            sign_in(supplier_page, supplier.uid, PASSWORD)
            supplier_page.goto(f"{live_server}/espace/financement/{second.number}")
            expect(supplier_page.get_by_role("heading", level=1)).to_contain_text(second.number)
            open_accordion(supplier_page, supplier_page.locator("#annulation .fr-accordion__btn"))
            form = supplier_page.locator("#annulation form")
            form.get_by_role("button", name="Demander l'annulation").click()
            expect(supplier_page.locator("#annulation-motif-messages")).to_contain_text("Indiquez le motif")
            expect(supplier_page.get_by_label("Motif de la demande d'annulation")).to_be_focused()
            assert_accessible(supplier_page)
            supplier_page.get_by_label("Motif de la demande d'annulation").fill(
                "Le bénéficiaire a renoncé à l'installation.")
            supplier_page.locator("#annulation form").get_by_role(
                "button", name="Demander l'annulation").click()
            expect(supplier_page.locator("#messages")).to_contain_text("transmise à l'ASP")
            expect(supplier_page.locator("#annulation")).to_contain_text("l'ASP l'examine")
            assert_accessible(supplier_page)

            staff_page.goto(f"{live_server}/gestion/financement/{second.number}")
            expect(staff_page.locator("#historique")).to_contain_text("renoncé à l'installation")
            staff_page.locator("#decisions .fr-accordion__btn", has_text="Accepter l'annulation").click()
            staff_page.locator("#decision-annuler form").get_by_role(
                "button", name="Accepter l'annulation").click()
            expect(staff_page.locator("#messages")).to_contain_text("Statut : « Annulée »")
            assert_accessible(staff_page)

            supplier_page.reload()
            supplier_page.get_by_role("tab", name="Historique").click()
            history = supplier_page.locator("#panneau-historique")
            expect(history.locator("#historique")).to_contain_text("Historisée")
            expect(history.locator("#historique")).to_contain_text("Annulée")
            open_accordion(supplier_page, history.get_by_role("button", name="Version 2", exact=False))
            open_accordion(supplier_page, history.get_by_role("button", name="Version 1", exact=False))
            expect(history.locator("#version-2")).to_contain_text("Annulée")
            expect(history.locator("#version-1")).to_contain_text("Historisée")
            assert_accessible(supplier_page)

        owner.reload()  # the cancelled advance left the DPI envelope: less committed, more left
        expect(owner.get_by_role("heading", name="Décisions budgétaires", level=1)).to_be_visible()
        committed, remaining = committed_and_remaining(owner, "DPI")
        assert committed != dpi_paid[0] and remaining != dpi_paid[1]
        assert_accessible(owner)
