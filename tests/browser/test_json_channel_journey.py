"""Issue 15's whole journey in one: a DPI supplier reads the public documentation, downloads its
example, breaks it twice (a schema error, then a business error) and reads the reasons in the
simulator, simulates it mended; imports 3 requests of which 1 is rejected (and reads why), files
the 2 others, deposits their documents (one by its zone, one by a zip), downloads the output JSON;
finds them in « Gérer mes importations JSONs » and « Gérer mes demandes de financement »,
consults « Bénéficiaires » and « Scénarios d'installation »; a manager decides one from the queue;
the supplier's beneficiaries export holds both. axe-core on every page and state."""
import json
import re
import zipfile
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.test_json_simulator_journey import (advance_example, open_documentation,
                                                     show_corridor, simulate)
from tests.helpers import json_files as jf
from tests.helpers.accounts import PASSWORD
from tests.helpers.auth import ready_account
from tests.helpers.browser import (assert_accessible, decide_funding, manager_signs_in, menu,
                                   open_accordion, open_sign_in, sign_in)
from tests.helpers.wizard_steps import PDF


def written(path: Path, document: dict) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def documentation_and_example(page) -> dict:
    """From the footer: the documentation of DPI-ES, its advance example downloaded."""
    open_documentation(page)
    show_corridor(page, "DPI-ES")
    assert_accessible(page)
    return advance_example(page, "DPI-ES")


def broken_twice_then_mended(page, example: dict, folder: Path) -> None:
    page.get_by_role("link", name="Ouvrir le simulateur de dépôt JSON").click()
    expect(page.get_by_role("heading", name="Simulateur de dépôt JSON", level=1)).to_be_visible()
    assert_accessible(page)
    result = page.locator("#resultat-simulation .fr-alert")

    schema = json.loads(json.dumps(example))
    schema["demandes"][0]["dateCommande"] = "15/01/2026"  # not an ISO date
    simulate(page, written(folder / "avance-1.json", schema))
    expect(result).to_contain_text("2 demandes : 1 retenue, 1 rejetée. Rien n'a été déposé.")
    expect(page.get_by_role("table", name=re.compile("demande n° 1"))) \
        .to_contain_text("demandes[0].dateCommande")
    assert_accessible(page)

    business = json.loads(json.dumps(example))
    business["demandes"][1]["numeroEditeur"] = business["demandes"][0]["numeroEditeur"]
    simulate(page, written(folder / "avance-2.json", business))
    expect(result).to_contain_text("1 rejetée")
    second = page.get_by_role("table", name=re.compile("demande n° 2"))
    expect(second).to_contain_text("demandes[1].numeroEditeur")
    assert_accessible(page)

    simulate(page, written(folder / "avance-3.json", example))
    expect(result).to_contain_text("2 demandes : 2 retenues, 0 rejetée. Rien n'a été déposé.")
    assert_accessible(page)


def import_three(page, example: dict, folder: Path) -> tuple[str, str]:
    """Step 1 with 3 requests, the third's FINESS key wrong; the publisher's numbers retained."""
    third = json.loads(json.dumps(example["demandes"][0]))
    third["numeroEditeur"] = "CMD-2026-003"
    key = next(k for k in third["beneficiaires"][0] if k.startswith("finess"))
    third["beneficiaires"][0][key] = "750712185"
    lot = {**example, "demandes": [*example["demandes"], third]}
    menu(page, "Importation JSONs", "Importer mes demandes")
    expect(page.get_by_role("heading", name="Importer mes demandes", level=1)).to_be_visible()
    expect(page.locator(".fr-stepper")).to_contain_text("Étape 1 sur 2")
    assert_accessible(page)
    page.get_by_text("JSON de demandes d'avance", exact=True).click()  # a DSFR radio: its label
    page.get_by_label(re.compile("^Fichier JSON")).set_input_files(
        str(written(folder / "lot-fevrier.json", lot)))
    page.get_by_role("button", name="Vérifier le fichier").click()
    answer = page.locator("#resultat-verification")
    expect(answer).to_contain_text("3 demandes dans le fichier : 2 retenues, 1 rejetée.")
    rejected = answer.locator("tbody tr").filter(has_text="CMD-2026-003")
    expect(rejected).to_contain_text("Rejetée")
    expect(rejected).to_contain_text(f"demandes[2].beneficiaires[0].{key}")
    expect(rejected).to_contain_text("La clé de contrôle du numéro FINESS géographique")
    assert_accessible(page)
    page.get_by_role("button", name="Continuer vers le dépôt des pièces").click()
    expect(page.locator(".fr-stepper")).to_contain_text("Étape 2 sur 2")
    expect(page.locator("#pieces-manquantes")).to_contain_text("2 pièces justificatives à déposer")
    assert_accessible(page)
    return tuple(d["numeroEditeur"] for d in example["demandes"])


def documents(page, first: str, second: str, folder: Path) -> None:
    zone = page.get_by_label(re.compile(f"demande n° éditeur {first} "))
    zone.set_input_files(str(PDF))
    expect(page.locator(f"#{zone.get_attribute('id')}-messages")) \
        .to_contain_text("Fichier déposé : document.pdf")
    expect(page.locator("#pieces-manquantes")).to_contain_text("1 pièce justificative à déposer")
    assert_accessible(page)
    with zipfile.ZipFile(folder / "pieces.zip", "w") as archive:
        archive.write(PDF, f"{second}.pdf")
    page.get_by_label("Fichier zip des pièces justificatives").set_input_files(
        str(folder / "pieces.zip"))
    page.get_by_role("button", name="Déposer le zip").click()
    expect(page.locator("#messages")).to_contain_text("Toutes les pièces sont déposées")
    expect(page.locator("#pieces")).to_contain_text(
        f"FINDPI000002-M0 (numéro éditeur {second}) : En cours")
    assert_accessible(page)


def test_a_supplier_documents_simulates_imports_and_is_instructed(app, demo, page, staff_page,
                                                                 live_server, tmp_path):
    account = ready_account(app, email="claire.martin@medimail.fr")
    jf.supplier(app, account=account)
    open_sign_in(page, live_server)
    sign_in(page, account.uid, PASSWORD)
    page.wait_for_url(re.compile(r"/espace"))

    example = documentation_and_example(page)
    broken_twice_then_mended(page, example, tmp_path)
    first, second = import_three(page, example, tmp_path)
    documents(page, first, second, tmp_path)
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger le JSON de sortie").click()
    output = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert [(d["numeroEditeur"], d.get("numeroDemandeASP"), d["statut"])
            for d in output["demandes"]] == [
        (first, "FINDPI000001-M0", "En cours"), (second, "FINDPI000002-M0", "En cours"),
        ("CMD-2026-003", None, "Rejetée à l'import")]

    menu(page, "Importation JSONs", "Gérer mes importations JSONs")
    row = page.locator("#importations-table tbody tr").filter(has_text="lot-fevrier.json")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Avance")
    assert_accessible(page)

    menu(page, "Demandes financement", "Gérer mes demandes de financement")
    expect(page.locator("#financements-compte")).to_have_text("2 demandes de financement")
    page.get_by_label("Numéro de dossier").press_sequentially("FINDPI000001-M0", delay=20)
    expect(page.locator("#financements-compte")).to_have_text("1 demande de financement")
    expect(page.locator("#financements-table tbody tr")).to_contain_text(first)
    assert_accessible(page)
    page.get_by_role("link", name="Consulter la demande FINDPI000001-M0").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("FINDPI000001-M0")
    open_accordion(page, page.get_by_role("button", name="Bénéficiaires", exact=True))
    beneficiary = example["demandes"][0]["beneficiaires"][0]
    expect(page.locator("#beneficiaires")).to_contain_text(beneficiary["nom"])
    open_accordion(page, page.get_by_role("button", name="Scénarios d'installation"))
    declared = example["demandes"][0]["scenarios"]
    expect(page.locator("#scenarios-bloc input[type=checkbox]")).to_have_count(len(declared))
    expect(page.locator("#scenarios-bloc input[type=checkbox]:checked")) \
        .to_have_count(sum(declared.values()))
    assert_accessible(page)

    manager_signs_in(app, staff_page, live_server)
    menu(staff_page, "Instruction", "Demandes de financement")
    expect(staff_page.locator("#demandes-financement")).to_contain_text("FINDPI000002-M0")
    staff_page.get_by_role("link", name="Instruire la demande FINDPI000001-M0").click()
    expect(staff_page.get_by_role("heading", level=1)).to_contain_text("FINDPI000001-M0")
    assert_accessible(staff_page)
    decide_funding(app, staff_page, live_server)

    menu(page, "Export", "Exporter vos bénéficiaires")
    assert_accessible(page)
    page.get_by_label("Couloir").select_option("DPI-ES")
    with page.expect_download() as download:
        page.get_by_role("button", name="Exporter vos bénéficiaires (CSV)").click()
    lines = Path(download.value.path()).read_text(encoding="utf-8-sig").splitlines()
    finess = next(v for k, v in beneficiary.items() if k.startswith("finess"))
    assert any(line.startswith(f"{finess};") and f";FINDPI000001-M0;{first};Avance;Décidée"
               in line for line in lines), lines
    assert any(f";FINDPI000002-M0;{second};Avance;En cours" in line for line in lines), lines
