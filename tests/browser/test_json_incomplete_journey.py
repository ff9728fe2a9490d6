"""Issue 16's journey of incomplete requests (guide 003 §9): imports abandoned after step 1 → the
home's message → « Suivi des demandes incomplètes » → a refused archive, then one zip that
completes two requests of two imports (a stray file listed back) → a third advance deleted after
its confirmation → « En cours » in the manager's queue. axe-core on every page; 320 px wide."""
import zipfile

from playwright.sync_api import expect

from tests.helpers.accounts import PASSWORD
from tests.helpers.auth import ready_account
from tests.helpers.browser import assert_accessible, manager_signs_in, open_sign_in, sign_in
from tests.helpers.json_reports import file, report, supplier
from tests.helpers.widths import problems
from tests.helpers.wizard_steps import PDF, TEXT


def test_an_abandoned_import_completed_by_one_zip(app, demo, page, staff_page, live_server,
                                                  tmp_path):
    account, enrolment, corridor = supplier(app, make=ready_account)
    for number in ("ED-001", "ED-002", "ED-003"):
        file(app, account, enrolment, corridor, report(enrolment, (number,), ()))
    open_sign_in(page, live_server)
    sign_in(page, account.uid, PASSWORD)

    alert = page.locator("#demandes-incompletes")
    expect(alert).to_contain_text("Vous avez 3 demandes non complétées")
    assert_accessible(page)
    alert.get_by_role("link", name="Suivi des demandes incomplètes").click()
    expect(page.get_by_role("heading", name="Suivi des demandes incomplètes", level=1)).to_be_visible()
    table = page.locator("#demandes-incompletes-table")
    expect(table.locator("tbody tr")).to_have_count(3)
    assert_accessible(page)
    widths = problems(page, "suivi")
    assert not widths, "\n".join(widths)
    page.set_viewport_size({"width": 1280, "height": 900})

    upload = page.get_by_label("Fichier zip des pièces justificatives")
    upload.set_input_files(str(TEXT))
    page.get_by_role("button", name="Déposer le zip").click()
    expect(page.locator("#zip-toutes-fichier-messages")).to_contain_text("n'est pas une archive zip")
    assert_accessible(page)

    path = tmp_path / "pieces.zip"
    with zipfile.ZipFile(path, "w") as out:
        for name in ("ED-001.pdf", "ED-002/devis.pdf", "ED-999.pdf"):
            out.write(PDF, name)
    page.get_by_label("Fichier zip des pièces justificatives").set_input_files(str(path))
    page.get_by_role("button", name="Déposer le zip").click()
    expect(page.locator("#messages")).to_contain_text("2 pièce(s) déposée(s) depuis l'archive")
    expect(page.locator("#messages")).to_contain_text("« ED-999.pdf » : aucune de vos demandes")
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(table).to_contain_text("ED-003")
    assert_accessible(page)

    page.locator("label", has_text="Supprimer la demande ED-003").click()  # as DSFR draws it
    expect(page.get_by_label("Supprimer la demande ED-003")).to_be_checked()
    page.get_by_role("button", name="Supprimer", exact=True).click()
    expect(page.get_by_role("heading", name="Supprimer des demandes non complétées",
                            level=1)).to_be_visible()
    expect(page.locator("main")).to_contain_text("FINDPI000003-M0")
    assert_accessible(page)
    page.get_by_role("button", name="Confirmer la suppression").click()
    expect(page.locator("#messages")).to_contain_text("1 demande(s) d'avance non complétée(s) supprimée(s)")
    expect(page.locator("#demandes-incompletes-compte")).to_contain_text(
        "Vous n'avez aucune demande non complétée")
    expect(page.locator("[aria-labelledby=historique-suppressions]")).to_contain_text(
        "FINDPI000003-M0")
    assert_accessible(page)

    page.get_by_role("link", name="Accueil", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Portail ASP du Ségur Numérique")
    expect(page.locator("#demandes-incompletes")).to_have_count(0)

    manager_signs_in(app, staff_page, live_server)
    staff_page.goto(live_server + "/gestion/financement/")
    for number in ("FINDPI000001-M0", "FINDPI000002-M0"):
        row = staff_page.locator("#demandes-financement tr").filter(has_text=number)
        expect(row).to_contain_text("En cours")
    expect(staff_page.locator("#demandes-financement")).not_to_contain_text("FINDPI000003")
    assert_accessible(staff_page)
