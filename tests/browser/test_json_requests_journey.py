"""A supplier's requests filed from a JSON file: found in « Gérer mes demandes de financement » by
their FINDPI number, consulted (« Bénéficiaires », « Scénarios d'installation »), decided by a
manager, then their beneficiaries exported after a corridor is chosen; axe at every step."""
import re
from pathlib import Path

from playwright.sync_api import expect

from tests.helpers.accounts import PASSWORD
from tests.helpers.browser import (assert_accessible, decide_funding, manager_signs_in, menu,
                                   open_accordion, open_sign_in, sign_in)
from tests.helpers.json_requests import ready_supplier


def test_found_consulted_decided_and_its_beneficiaries_exported(app, demo, page, staff_page,
                                                                live_server):
    account, advance, balance = ready_supplier(app)
    open_sign_in(page, live_server)
    sign_in(page, account.uid, PASSWORD)
    menu(page, "Demandes financement", "Gérer mes demandes de financement")
    count = page.locator("#financements-compte")
    expect(count).to_have_text("2 demandes de financement")
    page.get_by_label("Numéro de dossier").press_sequentially("FINDPI000001-M1", delay=20)
    expect(page.locator("#financements-numero-liste option")).to_have_count(1)
    expect(count).to_have_text("1 demande de financement")
    row = page.locator("#financements-table tbody tr")
    expect(row).to_contain_text("ED-2026-0001-S")
    expect(row).to_contain_text("Dossier patient informatisé (DPI)")
    assert_accessible(page)

    page.get_by_role("link", name=f"Consulter la demande {balance.number}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(balance.number)
    expect(page.locator("main")).to_contain_text("Numéro éditeur : ED-2026-0001-S")
    open_accordion(page, page.get_by_role("button", name="Bénéficiaires", exact=True))
    expect(page.locator("#beneficiaires")).to_contain_text("Hôpital de la Timone")
    expect(page.get_by_role("columnheader", name="Numéro FINESS géographique")).to_be_visible()
    expect(page.get_by_role("checkbox", name=re.compile("déposer la demande"))).not_to_be_checked()
    open_accordion(page, page.get_by_role("button", name="Scénarios d'installation"))
    first = page.get_by_role("checkbox", name=re.compile("Installation initiale"))
    expect(first).to_be_checked()
    expect(first).to_be_disabled()
    expect(first).to_have_accessible_name(re.compile(r"\(contrôlé\)$"))
    expect(page.get_by_role("checkbox", name=re.compile("distributeur"))).not_to_be_checked()
    assert_accessible(page)

    manager_signs_in(app, staff_page, live_server)
    menu(staff_page, "Instruction", "Demandes de financement")
    expect(staff_page.locator("#demandes-financement")).to_contain_text("Dossier patient informatisé (DPI)")
    staff_page.get_by_role("link", name=f"Instruire la demande {balance.number}").click()
    expect(staff_page.get_by_role("heading", level=1)).to_contain_text(balance.number)
    open_accordion(staff_page, staff_page.get_by_role("button", name="Bénéficiaires", exact=True))
    expect(staff_page.locator("#beneficiaires")).to_contain_text("Correspond à l'avance")
    assert_accessible(staff_page)
    decide_funding(app, staff_page, live_server)

    menu(page, "Export", "Exporter vos bénéficiaires")
    expect(page.get_by_role("heading", name="Exporter vos bénéficiaires", level=1)).to_be_visible()
    assert_accessible(page)
    button = page.get_by_role("button", name="Exporter vos bénéficiaires (CSV)")
    button.click()
    expect(page.locator("#couloir-messages")).to_contain_text("Sélectionnez un couloir")
    expect(page.get_by_label("Couloir")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
    page.get_by_label("Couloir").select_option("DPI-ES")
    with page.expect_download() as download:
        button.click()
    assert download.value.suggested_filename == "beneficiaires-DPI-ES.csv"
    lines = Path(download.value.path()).read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("Numéro FINESS géographique;Nom;Email;Téléphone;")
    assert (f"130786049;Hôpital de la Timone;si.timone@ap-hm.fr;04 91 38 00 00;{balance.number};"
            "ED-2026-0001-S;Solde;Décidée") in lines
