"""A supplier writes on its JSON import's page, with a file; a manager finds the import in the
back-office's list, reads the message, follows the import, keeps a note and answers; the supplier
reads the answer. axe-core on every state."""
from playwright.sync_api import expect

from tests.helpers.accounts import PASSWORD
from tests.helpers.browser import (assert_accessible, download_from_thread, follow_and_note,
                                   manager_signs_in, menu, open_sign_in, sign_in,
                                   write_in_thread)
from tests.helpers.json_requests import ready_supplier

NAV = "#navigation-principale"


def test_a_supplier_and_a_manager_exchange_on_an_import(app, demo, page, staff_page,
                                                        live_server):
    supplier, advance, _ = ready_supplier(app)
    number = advance.json_import_id

    # The supplier writes from its import's page, with a file.
    open_sign_in(page, live_server)
    sign_in(page, supplier.uid, PASSWORD)
    page.wait_for_url(live_server + "/espace/")
    menu(page, "Importation JSONs", "Gérer mes importations JSONs")
    page.get_by_role("link", name=f"Consulter l'import {number}").click()
    thread = page.locator("#messagerie")
    expect(thread).to_contain_text("Aucun message sur ce dossier.")
    assert_accessible(page)
    write_in_thread(page, "Bonjour, le devis signé suffit-il ?", "document.pdf")

    # The manager: the import in the back-office's list, its page, the message unread.
    manager_signs_in(app, staff_page, live_server)
    expect(staff_page.locator(NAV).get_by_role("button", name="Suivi")).to_contain_text("1 non lu")
    menu(staff_page, "Instruction", "Importations JSON")
    expect(staff_page.get_by_role("heading", name="Importations JSON", level=1)).to_be_visible()
    staff_page.get_by_label("Statut").select_option(label="En attente des pièces justificatives")
    expect(staff_page.locator("tbody tr")).to_have_count(0)
    staff_page.get_by_label("Statut").select_option(label="Complet")
    expect(staff_page.locator("tbody tr")).to_have_count(2)  # its advance's and its balance's
    assert_accessible(staff_page)
    staff_page.get_by_role("link", name=f"Consulter l'importation JSON n° {number}").click()
    expect(staff_page.get_by_role("heading", level=1)).to_have_text(f"Importation JSON n° {number}")
    mine = staff_page.locator("#messagerie")
    expect(mine).to_contain_text("le devis signé suffit-il ?")
    expect(mine).to_contain_text("Nouveau")
    expect(staff_page.get_by_role("link", name=advance.number)).to_be_visible()
    assert_accessible(staff_page)
    download_from_thread(staff_page, "document.pdf")
    follow_and_note(staff_page, "Fournisseur à rappeler jeudi.")
    write_in_thread(staff_page, "Oui, il suffit : rien d'autre à déposer.")

    # The supplier: the answer waiting in its menu, on its import's page; never the note.
    page.goto(live_server + "/espace/")
    expect(page.locator(NAV).get_by_role("link", name="Messages")).to_contain_text("1 non lu")
    page.locator(NAV).get_by_role("link", name="Messages").click()
    page.get_by_role("link", name="Ouvrir le dossier").click()
    expect(page.locator("#messagerie")).to_contain_text("rien d'autre à déposer")
    expect(page.locator("body")).not_to_contain_text("Fournisseur à rappeler")
    assert_accessible(page)
