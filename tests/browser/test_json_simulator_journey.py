"""A supplier reads the JSON documentation, downloads its example, breaks it twice (a schema error,
a business error), simulates it and reads the reasons, then simulates it mended: all retained, the
output JSON downloaded. axe-core on the documentation and on the simulator: empty, with errors,
all retained."""
import json
import re

from playwright.sync_api import expect

from tests.helpers import json_files as jf
from tests.helpers.accounts import PASSWORD
from tests.helpers.auth import ready_account
from tests.helpers.browser import assert_accessible, open_sign_in, sign_in
from tests.helpers.widths import problems



def open_documentation(page) -> None:
    """« Documentation des JSONs », from the footer."""
    page.get_by_role("contentinfo").get_by_role("link", name="Documentation des JSONs").click()
    expect(page.get_by_role("heading", name="Documentation des fichiers JSON", level=1)) \
        .to_be_visible()
    assert_accessible(page)


def show_corridor(page, code: str) -> None:
    page.get_by_label("Couloir documenté").select_option(code)
    page.get_by_role("button", name="Afficher la documentation du couloir").click()
    expect(page.get_by_role("heading", name=re.compile(f"^Couloir {code}"))).to_be_focused()


def advance_example(page, code: str) -> dict:
    """The advance example of the corridor shown, downloaded."""
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Télécharger l'exemple de fichier de demandes "
                                                 f"d'avance du couloir {code}")).click()
    with open(download.value.path(), encoding="utf-8") as example:
        return json.load(example)

def simulate(page, path):
    page.get_by_label("Fichier JSON de demandes").set_input_files(str(path))
    page.get_by_role("button", name="Simuler le dépôt").click()
    heading = page.get_by_role("heading", name="Résultat de la simulation", level=2)
    expect(heading).to_be_focused()  # what the answer says, not where the button was


def test_a_supplier_simulates_the_example_broken_then_mended(app, demo, page, live_server,
                                                             tmp_path):
    account = ready_account(app, email="claire.martin@medimail.fr")
    jf.supplier(app, account=account)
    open_sign_in(page, live_server)
    sign_in(page, account.uid, PASSWORD)
    page.wait_for_url(re.compile(r"/espace"))

    open_documentation(page)
    show_corridor(page, "MDV-LGC")
    expect(page.locator("#champs-avance")).to_contain_text("demandes[].beneficiaires[].rpps")
    show_corridor(page, "DPI-ES")
    assert_accessible(page)
    example = advance_example(page, "DPI-ES")
    assert example["numeroReferencementANS"] == "DPI-2023-0101"  # filled with mine

    broken = json.loads(json.dumps(example))
    broken["demandes"][0]["montantSegurHT"] = "12 500,50"  # schema: a text, not a number
    broken["demandes"][1]["beneficiaires"][0]["finess"] = "750712185"  # its key is wrong
    broken_path = tmp_path / "demandes-avance.json"
    broken_path.write_text(json.dumps(broken, ensure_ascii=False), encoding="utf-8")

    page.get_by_role("link", name="Ouvrir le simulateur de dépôt JSON").click()
    expect(page.get_by_role("heading", name="Simulateur de dépôt JSON", level=1)).to_be_visible()
    assert_accessible(page)
    simulate(page, broken_path)
    expect(page.locator("#resultat-simulation .fr-alert")).to_have_text(
        "« demandes-avance.json » : 2 demandes : 0 retenue, 2 rejetées. Rien n'a été déposé.")
    first = page.get_by_role("table", name=re.compile("demande n° 1"))
    expect(first).to_contain_text("demandes[0].montantSegurHT")
    expect(first).to_contain_text("un nombre JSON sans guillemets")
    expect(first).to_contain_text("le texte « 12 500,50 »")
    second = page.get_by_role("table", name=re.compile("demande n° 2"))
    expect(second).to_contain_text("demandes[1].beneficiaires[0].finess")
    expect(second).to_contain_text("La clé de contrôle du numéro FINESS géographique")
    assert_accessible(page)
    assert not problems(page, "simulateur, demandes rejetées")  # 320 px to 1 920 px
    page.set_viewport_size({"width": 1280, "height": 900})

    mended_path = tmp_path / "demandes-avance-corrige.json"
    mended_path.write_text(json.dumps(example, ensure_ascii=False), encoding="utf-8")
    simulate(page, mended_path)
    expect(page.locator("#resultat-simulation .fr-alert")).to_have_text(
        "« demandes-avance-corrige.json » : 2 demandes : 2 retenues, 0 rejetée. "
        "Rien n'a été déposé.")
    expect(page.get_by_role("table", name="Demandes retenues et montants calculés")) \
        .to_contain_text("CMD-2026-002")
    assert_accessible(page)
    assert not problems(page, "simulateur, demandes retenues")
    page.set_viewport_size({"width": 1280, "height": 900})
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger le JSON de sortie").click()
    output = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert [item["statut"] for item in output["demandes"]] == ["Retenue (simulation)"] * 2
