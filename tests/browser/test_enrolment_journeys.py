"""Enrolment journeys in Chromium, fields found by their French labels, axe-core on every step."""
from playwright.sync_api import expect

from tests.browser.wizard_steps import (JPG, PDF, bank, choose, finish, next_step, person,
                                        referencing, search_company, start, upload)


def test_developer_legal_representative_vat_20(page, live_server, demo, mailbox):
    start(page, live_server)
    referencing(page, "MSS-2023-0001", "MediMail Pro")
    expect(page.get_by_text("MSS Opérateurs")).to_be_visible()
    upload(page, "Certificat de référencement", PDF)
    upload(page, "Contrat opérateur V2", PDF)
    next_step(page, "Demandeur")

    search_company(page, "732 829 320 00074")
    expect(page.get_by_label("Dénomination sociale")).to_have_value("MEDIMAIL SOLUTIONS")
    expect(page.get_by_text("12 RUE DE LA PAIX, 75002")).to_be_visible()
    page.get_by_label("Nom commercial").fill("MediMail")
    page.get_by_label("Type de voie").select_option("Rue")
    choose(page, "Êtes-vous distributeur de la solution ?", "Non")
    choose(page, "Êtes-vous le représentant légal du fournisseur ?", "Oui")
    person(page, "représentant", "Martin", "Claire", "claire.martin@medimail.fr", "01 23 45 67 89")
    next_step(page, "Coordonnées bancaires")

    bank(page, "FR76 3000 6000 0112 3456 7890 189", "AGRIFRPP", "MEDIMAIL SOLUTIONS")
    expect(page.get_by_label("Domiciliation")).to_have_value("CREDIT AGRICOLE SA")
    page.get_by_label("Titulaire").fill("MEDIMAIL SOLUTIONS")
    upload(page, "RIB", JPG)
    next_step(page, "Taux de TVA")

    choose(page, "Taux de TVA applicable", "20 %")
    next_step(page, "Récapitulatif")
    expect(page.get_by_text("claire.martin@medimail.fr")).to_be_visible()
    number = finish(page)
    assert number.startswith("ENR-")

    received = mailbox.to("claire.martin@medimail.fr")
    assert len(received) == 1
    assert number in received[0]["Subject"]
    assert "En cours" in mailbox.text(received[0])
