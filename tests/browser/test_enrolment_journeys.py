"""Enrolment journeys in Chromium, fields found by their French labels, axe-core on every step."""
import re

from playwright.sync_api import expect

from tests.helpers.browser import assert_accessible
from tests.helpers.wizard_steps import (FAKE_PDF, JPG, PDF, TEXT, bank, choose, finish, next_step,
                                        person, referencing, search_company, settled, start, upload,
                                        upload_refused)


def test_developer_legal_representative_vat_20(page, live_server, demo, mailbox):
    start(page, live_server)
    referencing(page, "MSS-2023-0001", "MediMail Pro")
    expect(page.get_by_text("MSS Opérateurs")).to_be_visible()
    upload(page, "Certificat de référencement", PDF)
    upload(page, "Contrat opérateur V2", PDF)
    next_step(page, "Demandeur")

    search_company(page, "732 829 320 00074")
    expect(page.get_by_label("Dénomination sociale")).to_have_value("MEDIMAIL SOLUTIONS")
    expect(page.get_by_role("button", name="Rechercher")).to_have_count(0)
    page.get_by_label("Numéro SIRET").fill("552 081 317 66522")
    page.get_by_label("Numéro SIRET").blur()
    expect(page.get_by_role("button", name="Rechercher")).to_be_visible()
    search_company(page, "732 829 320 00074")
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

    # The answer's refresh still on its way when « Etape suivante » is clicked (a slow line): the
    # step is sent all the same, the refresh given up (it was once dropped the other way round).
    held = []
    page.route("**/etape/4/actualiser", lambda route: held.append(route))
    with page.expect_request("**/etape/4/actualiser"):
        choose(page, "Taux de TVA applicable", "20 %")
    next_step(page, "Récapitulatif")
    page.unroute("**/etape/4/actualiser")
    assert len(held) == 1
    expect(page.get_by_text("claire.martin@medimail.fr")).to_be_visible()
    number = finish(page)
    assert number.startswith("ENR-")

    received = mailbox.to("claire.martin@medimail.fr")
    assert len(received) == 1
    assert number in received[0]["Subject"]
    assert "En cours" in mailbox.text(received[0])


def test_buyer_third_party_employee_vat_exempt_with_mistakes_corrected(page, live_server, demo,
                                                                       mailbox, tmp_path):
    oversized = tmp_path / "trop-gros.pdf"
    oversized.write_bytes(b"%PDF-1.4\n" + b"0" * (4 * 1024 * 1024 + 1))
    start(page, live_server)
    referencing(page, "MSS-2023-0001", "MediMail Pro")
    upload_refused(page, "Certificat de référencement", oversized, "taille maximale de 4 Mo")
    upload_refused(page, "Certificat de référencement", FAKE_PDF, "ne correspond pas")
    upload(page, "Certificat de référencement", PDF)
    upload_refused(page, "Contrat opérateur V2", TEXT, "Le format de ce fichier n'est pas accepté")
    upload(page, "Contrat opérateur V2", PDF)
    next_step(page, "Demandeur")

    search_company(page, "732 829 320 00009")
    expect(page.get_by_text("Ce numéro SIRET est inconnu")).to_be_visible()
    expect(page.get_by_label("Numéro SIRET")).to_have_value("732 829 320 00009")
    search_company(page, "552 081 317 66522")
    expect(page.get_by_text("vous êtes opérateur acheteur")).to_be_visible()
    page.get_by_label("Nom commercial").fill("Santé Connect")
    page.get_by_label("Type de voie").select_option("Avenue")
    upload(page, "Bon de commande", PDF)
    choose(page, "Êtes-vous distributeur de la solution ?", "Non")
    choose(page, "Êtes-vous le représentant légal du fournisseur ?", "Non")
    person(page, "représentant", "Durand", "Paul", "paul.durand@sante-connect.fr", "01 98 76 54 32")
    person(page, "dépositaire", "Leroy", "Inès", "ines.leroy@sante-connect.fr", "06 12 34 56 78")
    page.get_by_label("Confirmation email du dépositaire").fill("ines.leroi@sante-connect.fr")
    choose(page, "Qualité de tiers déclarant", "Employé de la personne morale")
    expect(page.get_by_role("link", name=re.compile("modèle", re.I))).to_be_visible()
    upload(page, "Mandat de délégation de signature du représentant légal", PDF)
    page.get_by_role("button", name="Etape suivante").click()
    expect(page.get_by_text("Les deux adresses électroniques ne sont pas identiques.")).to_be_visible()
    expect(page.get_by_label("Nom du dépositaire", exact=True)).to_have_value("Leroy")
    assert_accessible(page)
    page.get_by_label("Confirmation email du dépositaire").fill("ines.leroy@sante-connect.fr")
    next_step(page, "Coordonnées bancaires")

    bank(page, "FR76 3000 6000 0112 3456 7890 188", "AGRIFRPP", "SANTE CONNECT")
    expect(page.get_by_text("Cet IBAN n'est pas valide")).to_be_visible()
    bank(page, "FR76 3000 6000 0112 3456 7890 189", "AGRIFRPP", "SANTE CONNECT")
    expect(page.get_by_label("Domiciliation")).to_have_value("CREDIT AGRICOLE SA")
    expect(page.get_by_text("Cet IBAN n'est pas valide")).to_have_count(0)
    page.get_by_label("Titulaire").fill("SANTE CONNECT")
    upload(page, "RIB", JPG)
    next_step(page, "Taux de TVA")

    choose(page, "Taux de TVA applicable", "Non assujetti (HT)")
    upload(page, "Attestation de non-assujettissement à la TVA", PDF)
    next_step(page, "Récapitulatif")
    expect(page.get_by_text("Bon de commande")).to_be_visible()
    number = finish(page)

    assert mailbox.to("paul.durand@sante-connect.fr") == []
    received = mailbox.to("ines.leroy@sante-connect.fr")
    assert len(received) == 1 and number in received[0]["Subject"]


def test_anticipated_enrolment_survives_a_page_reload(page, live_server, demo, mailbox):
    start(page, live_server)
    referencing(page, "MSS-2023-0003", "Apicrypt Connect")
    expect(page.get_by_text("enrôlement anticipé", exact=False).first).to_be_visible()
    expect(page.get_by_label("Certificat de référencement")).to_have_count(0)
    next_step(page, "Demandeur")

    search_company(page, "443 061 841 00047")
    expect(page.get_by_label("Dénomination sociale")).to_have_value("APICRYPT INFORMATIQUE")
    with page.expect_response(lambda r: r.url.endswith("/enrolement/brouillon")
                              and "Apicrypt" in (r.request.post_data or "")):
        page.get_by_label("Nom commercial").fill("Apicrypt")  # kept one second later
    page.reload()
    expect(page.get_by_role("heading", name="Demandeur")).to_be_visible()
    expect(page.get_by_label("Dénomination sociale")).to_have_value("APICRYPT INFORMATIQUE")
    page.get_by_label("Nom commercial").fill("Apicrypt")
    page.get_by_label("Type de voie").select_option("Rue")
    choose(page, "Êtes-vous distributeur de la solution ?", "Non")
    choose(page, "Êtes-vous le représentant légal du fournisseur ?", "Oui")
    person(page, "représentant", "Petit", "Marc", "marc.petit@apicrypt.fr", "01 23 45 67 89")
    next_step(page, "Coordonnées bancaires")

    page.reload()
    expect(page.get_by_role("heading", name="Coordonnées bancaires")).to_be_visible()
    page.get_by_role("link", name="Etape précédente").click()
    expect(page.get_by_role("heading", name="Demandeur")).to_be_visible()
    expect(page.get_by_label(re.compile("^Email du représentant"))).to_have_value("marc.petit@apicrypt.fr")
    expect(page.get_by_text("Fichier déposé : piece-identite.png")).to_be_visible()
    next_step(page, "Coordonnées bancaires")
    bank(page, "FR76 3000 6000 0112 3456 7890 189", "AGRIFRPP", "APICRYPT INFORMATIQUE")
    page.get_by_label("Titulaire").fill("APICRYPT INFORMATIQUE")
    upload(page, "RIB", JPG)
    next_step(page, "Taux de TVA")
    page.reload()
    choose(page, "Taux de TVA applicable", "10 %")
    next_step(page, "Récapitulatif")
    page.go_back()
    expect(page.get_by_role("heading", name="Taux de TVA")).to_be_visible()
    expect(page.get_by_label("10 %", exact=True)).to_be_checked()
    next_step(page, "Récapitulatif")
    expect(page.get_by_text("anticipé", exact=False).first).to_be_visible()
    number = finish(page)
    assert len(mailbox.to("marc.petit@apicrypt.fr")) == 1 and number


def test_iban_then_bic_pasted_quickly_on_a_slow_line(app, demo, client, page, live_server):
    """Leaving the IBAN checks it; leaving the BIC checks both. On a slow line the first answer
    comes last: it is held here until the second has answered, then let through — the
    domiciliation the second filled stays (the checks replace one another, hx-sync)."""
    from tests.helpers.enrolment import COOKIE, Wizard, step_url
    wizard = Wizard(client)
    wizard.reach(3)
    page.context.add_cookies([{"name": COOKIE, "value": wizard.token, "url": live_server}])
    page.goto(live_server + step_url(3))
    held = []

    def slow_first(route):
        if not held:
            held.append(route)  # the IBAN's check, answered only later
        else:
            route.continue_()
    page.route("**/enrolement/etape/3/verifier", slow_first)
    page.get_by_label("IBAN").fill("FR76 3000 6000 0112 3456 7890 189")
    page.get_by_label("BIC").fill("AGRIFRPP")  # leaving the IBAN for the BIC checks the IBAN
    page.get_by_label("Titulaire").click()  # leaving the BIC checks both
    expect(page.get_by_label("Domiciliation")).to_have_value("CREDIT AGRICOLE SA")
    try:
        held[0].continue_()
    except Exception:  # noqa: BLE001 - the browser gave up that request (replaced): as wished
        pass
    settled(page)  # whatever the late answer would do is done
    expect(page.locator("#bic-messages")).to_contain_text("BIC valide")
    expect(page.get_by_label("Domiciliation")).to_have_value("CREDIT AGRICOLE SA")
    assert_accessible(page)
