"""The enrolment wizard's routes: page or fragment, invalid steps (422, French messages, typed
values kept), CSRF."""
import json

import pytest

from portal.models import Enrolment
from portal.services.reference import lookups
from tests.helpers.pages import html
from tests.helpers.enrolment import (HTMX, START, checked, database, error, fixture_file,
                                     form_data, message, step_url, value)
from tests.helpers.wizard_routes import DEPOSIT, REQUIRED, STEP_TITLES, text


# Page or fragment ---------------------------------------------------------------------------

@pytest.mark.parametrize("step", [1, 2, 3, 4, 5])
def test_each_step_is_a_full_page_or_a_fragment(wizard, step):
    wizard.reach(5)

    full = wizard.open(step)
    assert full.status_code == 200
    assert "<html" in text(full)
    assert "HX-Request" in full.headers["Vary"]
    page = html(full)
    assert page.title.get_text(strip=True).startswith(f"Demande d'enrôlement — Étape {step} : {STEP_TITLES[step]}")
    stepper = page.select_one(".fr-stepper")
    assert stepper is not None
    assert stepper.select_one(".fr-stepper__state").get_text(strip=True) == f"Étape {step} sur 5"
    assert stepper.select_one(".fr-stepper__steps")["data-fr-current-step"] == str(step)

    fragment = wizard.open(step, htmx=True)
    assert fragment.status_code == 200
    assert "<html" not in text(fragment) and "<body" not in text(fragment)
    assert "HX-Request" in fragment.headers["Vary"]
    part = html(fragment)
    assert part.select_one(".fr-stepper__state").get_text(strip=True) == f"Étape {step} sur 5"
    assert part.find("form", action=step_url(step)) is not None

    for whole in ({"HX-Request": "true", "HX-Boosted": "true"},
                  {"HX-Request": "true", "HX-History-Restore-Request": "true"},
                  {"HX-Request": "true", "HX-Request-Type": "full"}):
        assert "<html" in text(wizard.client.get(step_url(step), headers=whole)), whole


def test_every_step_is_a_whole_page_the_client_checks(wizard):
    """Unique ids, one h1, form actions: the test client checks them on every whole page."""
    wizard.reach(5)
    for step in range(1, 6):
        assert wizard.page(step).find("h1"), step


def test_valid_step_redirects_to_the_next_one(wizard):
    response = wizard.step1()
    assert response.status_code == 303
    assert response.headers["Location"].endswith(step_url(2))
    response = wizard.step2(htmx=True)
    assert response.status_code == 204
    location = json.loads(response.headers["HX-Location"])
    assert location == {"path": step_url(3), "target": "#wizard"}


# Invalid steps: 422, messages beside the fields, typed values kept --------------------------

def test_invalid_step_1_unknown_referencing(wizard):
    data = {**form_data(wizard.page(1)), "ans_number": "MSS-2099-9999"}
    response = wizard.post(step_url(1), data, htmx=True)
    assert response.status_code == 422
    assert "<html" not in text(response)
    page = html(response)
    assert error(page, "ans_number") == lookups.UNKNOWN_ANS
    assert value(page, "ans_number") == "MSS-2099-9999"
    assert page.find(id="ans_number")["aria-invalid"] == "true"
    assert "Le formulaire contient 1 erreur" in page.select_one(".fr-alert--error").get_text()


def test_invalid_step_1_documents_missing(wizard):
    response = wizard.step1(files={}, htmx=True)
    assert response.status_code == 422
    page = html(response)
    assert error(page, "doc_referencing_certificate") == DEPOSIT
    assert error(page, "doc_operator_contract") == DEPOSIT
    assert value(page, "ans_number") == "MSS-2023-0001"
    assert wizard.open(2).status_code == 303  # step 2 not reached


def test_invalid_step_1_dpi_asks_about_health_data_hosting(wizard):
    response = wizard.step1("DPI-2023-0101", htmx=True,
                            files={"doc_referencing_certificate": fixture_file("document.pdf")})
    assert response.status_code == 422
    page = html(response)
    assert error(page, "hds_host") == REQUIRED
    assert error(page, "doc_referencing_certificate") == ""
    assert "Fichier déposé : document.pdf" in message(page, "doc_referencing_certificate")
    # answering « Non » asks for the sworn statement, with its model to download
    response = wizard.step1("DPI-2023-0101", htmx=True, hds_host="non", files={})
    assert response.status_code == 422
    page = html(response)
    assert error(page, "doc_hds_statement") == DEPOSIT
    assert checked(page, "hds_host") == "non"
    assert page.find("a", href="/enrolement/modeles/attestation-non-hebergement.pdf") is not None


def test_invalid_step_2_messages_and_typed_values(wizard):
    wizard.step1()
    response = wizard.step2(htmx=True, trade_name="", rep_email="claire.martin@",
                            rep_email_confirm="claire.martin@medimail.fr", rep_phone="12 34",
                            files={})
    assert response.status_code == 422
    assert "<html" not in text(response)
    page = html(response)
    assert error(page, "rep_email") == ("Saisissez une adresse électronique valide, par exemple "
                                        "nom@domaine.fr.")
    assert error(page, "rep_email_confirm") == "Les deux adresses électroniques ne sont pas identiques."
    assert error(page, "rep_phone") == ("Saisissez un numéro de téléphone à 10 chiffres, par exemple "
                                        "01 23 45 67 89.")
    assert error(page, "trade_name") == REQUIRED
    assert error(page, "doc_representative_id") == DEPOSIT
    assert error(page, "rep_last_name") == ""
    # what the applicant typed is still there
    assert value(page, "rep_last_name") == "Martin"
    assert value(page, "rep_email") == "claire.martin@"
    assert value(page, "rep_email_confirm") == "claire.martin@medimail.fr"
    assert value(page, "rep_phone") == "12 34"
    assert value(page, "denomination") == "MEDIMAIL SOLUTIONS"
    assert page.find(id="street_type").find("option", selected=True)["value"] == "Rue"
    assert checked(page, "is_legal_rep") == "oui" and checked(page, "is_distributor") == "non"


def test_invalid_step_2_third_party_fields(wizard):
    wizard.step1()
    response = wizard.step2(third_party=True, htmx=True, filer_email="paul.durand@cabinet-durand.fr",
                            filer_email_confirm="paul.dupont@cabinet-durand.fr", filer_quality="",
                            filer_last_name="", files={})
    assert response.status_code == 422
    page = html(response)
    assert error(page, "filer_email_confirm") == "Les deux adresses électroniques ne sont pas identiques."
    assert error(page, "filer_quality") == REQUIRED
    assert error(page, "filer_last_name") == REQUIRED
    assert error(page, "doc_filer_id") == DEPOSIT
    assert value(page, "filer_first_name") == "Paul"
    assert value(page, "filer_phone") == "06 12 34 56 78"
    assert checked(page, "is_legal_rep") == "non"


def test_invalid_step_3_rib_key_and_missing_rib(wizard):
    wizard.reach(3)
    wrong_key = "FR06 3000 6000 0112 3456 7890 188"  # right IBAN check digits, wrong RIB key
    response = wizard.step3(htmx=True, iban=wrong_key, files={})
    assert response.status_code == 422
    page = html(response)
    assert error(page, "iban") == ("Cet IBAN n'est pas valide (clé de contrôle ou clé RIB incorrecte) : "
                                   "vérifiez-le, de préférence par copier-coller.")
    assert error(page, "doc_rib") == DEPOSIT
    assert value(page, "iban") == wrong_key
    assert value(page, "bic") == "AGRIFRPP"
    assert value(page, "account_holder") == "MEDIMAIL SOLUTIONS"


def test_step_3_checks_iban_and_bic_one_request_at_a_time(wizard):
    """Leaving the IBAN for the BIC sends the IBAN alone, then the BIC sends both: the first
    answer, arriving last on a slow line, used to blank the domiciliation the second had filled.
    Both inputs sync on their form, the newer request replacing the older."""
    wizard.reach(3)
    page = wizard.page(3)
    for name in ("iban", "bic"):
        field = page.find("input", attrs={"name": name})
        assert field["hx-sync"] == "closest form:replace"
        assert field.find_parent("form") is not None


def test_invalid_step_3_bic_of_another_bank(wizard):
    wizard.reach(3)
    response = wizard.step3(htmx=True, bic="BNPAFRPP")
    assert response.status_code == 422
    page = html(response)
    assert error(page, "bic") == "Ce BIC ne correspond pas à la banque de l'IBAN saisi."
    assert error(page, "iban") == ""
    assert value(page, "bic") == "BNPAFRPP"
    # the RIB sent with the refused step is kept: no need to send it again
    assert "Fichier déposé : rib.jpg" in message(page, "doc_rib")
    assert wizard.step3(files={}).status_code == 303


def test_invalid_step_4_without_rate_or_exemption_certificate(wizard):
    wizard.reach(4)
    response = wizard.step4(htmx=True, vat_rate="")
    assert response.status_code == 422
    assert error(html(response), "vat_rate") == REQUIRED
    response = wizard.step4(htmx=True, vat_rate="HT")
    assert response.status_code == 422
    page = html(response)
    assert error(page, "doc_vat_exemption") == DEPOSIT
    assert checked(page, "vat_rate") == "HT"


def test_invalid_step_5_commitments_and_security_code(wizard):
    wizard.reach(5)
    page = wizard.page(5)
    summary = page.get_text(" ", strip=True)
    assert "MEDIMAIL SOLUTIONS" in summary and "FR76 3000 6000 0112 3456 7890 189" in summary
    data = {**form_data(page), "accept_cgu": "y", "captcha_answer": "000000"}
    response = wizard.post(step_url(5), data, htmx=True)
    assert response.status_code == 422
    page = html(response)
    assert error(page, "accept_cgu") == ""
    assert error(page, "accept_penal") == "Confirmez avoir pris connaissance de l'article 441-7 du code pénal."
    assert error(page, "accept_truth") == "Attestez l'authenticité des informations saisies."
    assert error(page, "captcha_answer") == ("Le code de sécurité saisi est incorrect : recopiez le "
                                             "nouveau code affiché.")
    assert checked(page, "accept_cgu") == "y"
    assert checked(page, "accept_penal") is None
    # a new code is drawn: the refused one cannot be answered again
    assert form_data(page)["captcha_token"] != data["captcha_token"]
    with database(wizard.client.application):
        assert Enrolment.select().count() == 0


def test_step_5_asks_for_the_security_code(wizard):
    wizard.reach(5)
    response = wizard.step5(htmx=True, captcha_answer="")
    assert response.status_code == 422
    assert error(html(response), "captcha_answer") == "Saisissez le code de sécurité affiché."


# CSRF -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("htmx", [False, True])
def test_post_without_csrf_token_is_refused(wizard, htmx):
    data = {**form_data(wizard.page(1)), "ans_number": "MSS-2023-0003"}
    del data["csrf_token"]
    response = wizard.client.post(step_url(1), data=data, headers=HTMX if htmx else {})
    assert response.status_code == 400
    assert wizard.open(2).status_code == 303  # nothing saved
    forged = {**data, "csrf_token": "faux"}
    assert wizard.client.post(step_url(1), data=forged).status_code == 400
    assert wizard.open(2).status_code == 303
    # the same step with its token goes through
    assert wizard.step1("MSS-2023-0003").status_code == 303


def test_searches_and_uploads_need_the_csrf_token(wizard):
    client = wizard.client
    assert client.post(f"{START}/etape/1/rechercher", data={"ans_number": "MSS-2023-0001"}).status_code == 400
    assert client.post(f"{START}/document/referencing_certificate",
                       data={"doc_referencing_certificate": fixture_file("document.pdf")},
                       content_type="multipart/form-data").status_code == 400
    assert client.post(f"{START}/lien-de-reprise", data={"email": "a@b.fr"}).status_code == 400
