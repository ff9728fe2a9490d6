"""An operator and a manager exchange two messages on a balance, the manager's with a file the
operator downloads; unread counts in both menus and in the queue; a message refused then sent;
the manager follows the dossier and keeps a private note. axe-core on every state."""
from playwright.sync_api import expect

from portal.models import Account
from tests.helpers.accounts import signed_in
from tests.helpers.browser import (assert_accessible, download_from_thread, follow_and_note,
                                   manager_signs_in, menu, write_in_thread)
from tests.helpers.enrolment import database, fixture_file
from tests.helpers.funding import COUNTS, GOOD, balance_form, post, send
from tests.helpers.operator_steps import operator_signs_in

NAV = "#navigation-principale"


def _balance_filed(app):
    with database(app):
        operator = Account.get(Account.email == "claire.martin@medimail.fr")
    client = signed_in(app.test_client(), operator)
    send(client, **COUNTS)
    _, action, data = balance_form(client)
    post(client, action, {**data, **GOOD}, doc_api_proof=fixture_file("notes.txt"),
         doc_api_guide=fixture_file("document.pdf"))


def test_operator_and_manager_exchange_on_a_balance(app, demo, page, staff_page, live_server,
                                                    mailbox):
    operator_signs_in(app, page, live_server, validated=True)
    _balance_filed(app)

    # The manager writes first, with a file.
    manager_signs_in(app, staff_page, live_server)
    menu(staff_page, "Instruction", "Demandes de financement")
    staff_page.get_by_label("Type").select_option(label="Solde")
    expect(staff_page.locator("#demandes-financement tbody tr")).to_have_count(1)
    staff_page.get_by_role("link", name="Instruire").click()
    expect(staff_page.get_by_role("heading", level=1)).to_contain_text("-M1")
    thread = staff_page.locator("#messagerie")
    expect(thread).to_contain_text("Aucun message sur ce dossier.")
    assert_accessible(staff_page)
    write_in_thread(staff_page, "Bonjour, merci de joindre le guide signé.", "document.pdf")

    # The operator sees it waiting in the menu, opens it, downloads the file.
    page.goto(live_server + "/espace/")
    expect(page.locator(NAV).get_by_role("link", name="Messages")).to_contain_text("1 non lu")
    page.locator(NAV).get_by_role("link", name="Messages").click()
    expect(page.get_by_role("heading", name="Messages reçus", level=1)).to_be_visible()
    expect(page.locator("table tbody tr")).to_have_count(1)
    assert_accessible(page)
    page.get_by_role("link", name="Ouvrir le dossier").click()
    mine = page.locator("#messagerie")
    expect(mine).to_contain_text("merci de joindre le guide signé")
    expect(mine).to_contain_text("Nouveau")
    expect(page.locator(NAV).get_by_role("link", name="Messages")).not_to_contain_text("non lu")
    assert_accessible(page)
    download_from_thread(page, "document.pdf")

    # A reply sent empty is refused beside its field; then sent.
    mine.get_by_role("button", name="Envoyer le message").click()
    expect(page.locator("#body-messages")).to_contain_text("Saisissez votre message.")
    assert_accessible(page)
    write_in_thread(page, "Voici le guide signé, envoyé ce matin.")
    assert any("message vous attend" in m["Subject"] for m in mailbox.messages)

    # The manager: one unread message in the menu and on the queue's row; follows the dossier,
    # keeps a note the operator never sees.
    staff_page.goto(live_server + "/gestion/financement/")
    expect(staff_page.locator(NAV).get_by_role("button", name="Suivi")).to_contain_text("1 non lu")
    row = staff_page.locator("#demandes-financement tbody tr", has_text="-M1")
    expect(row).to_contain_text("1 message non lu")
    assert_accessible(staff_page)
    row.get_by_role("link", name="Instruire").click()
    expect(staff_page.locator("#messagerie")).to_contain_text("Voici le guide signé")
    follow_and_note(staff_page, "Guide reçu : à comparer avec le modèle.")
    assert_accessible(staff_page)
    page.reload()
    expect(page.locator("#messagerie")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("à comparer avec le modèle")
