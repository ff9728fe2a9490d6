"""A supplier's JSON import from step 2 (step 1's checks are another module's: the import is filed
by the service): one request's document by its zone (a wrong file first), the other by zip (an
archive naming no request first); the requests « En cours » in the manager's queue; the output
JSON downloaded; the imports table filtered (one date only first). axe-core on every page."""
import json
import zipfile

from playwright.sync_api import expect

from tests.helpers.accounts import PASSWORD
from tests.helpers.auth import ready_account
from tests.helpers.browser import assert_accessible, manager_signs_in, menu, open_sign_in, sign_in
from tests.helpers.json_reports import file, supplier
from tests.helpers.widths import problems
from tests.helpers.wizard_steps import PDF, TEXT


def archive(path, names):
    with zipfile.ZipFile(path, "w") as out:
        for name in names:
            out.write(PDF, name)
    return str(path)


def test_documents_by_zone_and_zip_then_instructed(app, demo, page, staff_page, live_server,
                                                   tmp_path):
    account, enrolment, corridor = supplier(app, make=ready_account)
    filed = file(app, account, enrolment, corridor, filename="lot-janvier.json")
    open_sign_in(page, live_server)
    sign_in(page, account.uid, PASSWORD)

    menu(page, "Importation JSONs", "Gérer mes importations JSONs")
    expect(page.get_by_role("heading", name="Gérer mes importations JSONs", level=1)).to_be_visible()
    table = page.locator("#importations-table")
    expect(table).to_contain_text("lot-janvier.json")
    assert_accessible(page)
    page.get_by_label("Type", exact=True).select_option("Avance")
    page.get_by_label("Du", exact=True).fill("2020-01-01")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.locator("#importations-date-messages")).to_contain_text("Saisissez les deux dates")
    page.get_by_label("Au", exact=True).fill("2099-12-31")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.locator("#importations-date-messages")).to_be_empty()
    expect(page.locator("#importations-compte")).to_have_text("1 importation JSON")
    assert_accessible(page)

    page.get_by_role("link", name=f"Déposer les pièces de l'import {filed.id}").click()
    expect(page.get_by_role("heading", name="Importer mes demandes", level=1)).to_be_visible()
    expect(page.locator(".fr-stepper")).to_contain_text("Étape 2 sur 2")
    expect(page.locator("#pieces-manquantes")).to_contain_text("2 pièces justificatives à déposer")
    assert_accessible(page)
    widths = problems(page, "pièces") + [p for path in ("/espace/importations/",
                                                        "/espace/importations/nouvelle")
                                         for p in (page.goto(live_server + path) and [])
                                         + problems(page, path)]
    assert not widths, "\n".join(widths)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.go_back()
    page.go_back()
    expect(page.locator("#pieces-manquantes")).to_contain_text("2 pièces justificatives à déposer")

    zone = page.get_by_label("Bon de commande ou devis signé — demande n° éditeur ED-001")
    zone.set_input_files(str(TEXT))
    first = zone.get_attribute("id")
    expect(page.locator(f"#{first}-messages")).to_contain_text("Le format de ce fichier")
    expect(page.locator(f"#{first}")).to_be_focused()
    assert_accessible(page)
    page.locator(f"#{first}").set_input_files(str(PDF))
    expect(page.locator(f"#{first}-messages")).to_contain_text("Fichier déposé : document.pdf")
    expect(page.locator("#pieces-manquantes")).to_contain_text("1 pièce justificative à déposer")
    assert_accessible(page)

    page.get_by_label("Fichier zip des pièces justificatives").set_input_files(
        archive(tmp_path / "autres.zip", ["ED-999.pdf"]))
    page.get_by_role("button", name="Déposer le zip").click()
    expect(page.locator("#zip-resultat")).to_contain_text("« ED-999.pdf » : aucune demande")
    assert_accessible(page)
    page.get_by_label("Fichier zip des pièces justificatives").set_input_files(
        archive(tmp_path / "pieces.zip", ["ED-002.pdf"]))
    page.get_by_role("button", name="Déposer le zip").click()
    expect(page.locator("#messages")).to_contain_text("Toutes les pièces sont déposées")
    expect(page.locator("#pieces")).to_contain_text(f"Import n° {filed.id} complet")
    expect(page.locator("#pieces")).to_contain_text("FINDPI000002-M0 (numéro éditeur ED-002) : En cours")
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger le JSON de sortie").click()
    output = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert [(d.get("numeroDemandeASP"), d["statut"]) for d in output["demandes"]] == [
        ("FINDPI000001-M0", "En cours"), ("FINDPI000002-M0", "En cours"),
        (None, "Rejetée à l'import")]

    manager_signs_in(app, staff_page, live_server)
    staff_page.goto(live_server + "/gestion/financement/")
    row = staff_page.locator("#demandes-financement tr").filter(has_text="FINDPI000001-M0")
    expect(row).to_contain_text("En cours")
    assert_accessible(staff_page)
