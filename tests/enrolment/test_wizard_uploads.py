"""The enrolment wizard's uploads, the order of its steps and its inline helpers."""
import json
import os

import pytest

from portal.models import Document
from portal.services.core.document_types import MAX_BYTES
from tests.helpers.pages import html
from tests.helpers.enrolment import (BANK, COOKIE, START, database, error, fixture_file, form_data,
                                     message, step_url, value)
from tests.helpers.wizard_routes import (FAKE_CONTENT, TOO_BIG, WRONG_TYPE, draft_step,
                                        htmx_headers, text, upload)


# Uploads --------------------------------------------------------------------------------------

def test_upload_of_a_document_answers_its_fragment(wizard):
    response = upload(wizard, "referencing_certificate", fixture_file("document.pdf", "certificat.pdf"))
    assert response.status_code == 200
    assert "<html" not in text(response)
    page = html(response)
    assert page.find(id="upload-referencing_certificate-zone") is not None  # the zone swapped
    # …and the live region written in place (hx-swap-oob innerHTML): it stays, so it is announced
    region = page.find(id="doc_referencing_certificate-messages")
    assert region["hx-swap-oob"] == "innerHTML" and region["aria-live"] == "polite"
    assert message(page, "doc_referencing_certificate").startswith("Fichier déposé : certificat.pdf (")
    assert "Un nouveau fichier remplace celui déjà déposé." in page.get_text()


@pytest.mark.parametrize("name, expected", [("faux.pdf", FAKE_CONTENT), ("notes.txt", WRONG_TYPE)])
def test_upload_of_a_wrong_type_is_refused_with_a_clear_message(wizard, name, expected):
    response = upload(wizard, "referencing_certificate", fixture_file(name))
    assert response.status_code == 422
    page = html(response)
    assert error(page, "doc_referencing_certificate") == expected
    assert "Fichier déposé" not in page.get_text()
    with database(wizard.client.application):
        assert Document.select().count() == 0


def test_upload_over_4_mo_is_refused(wizard, pdf_of_size):
    response = upload(wizard, "referencing_certificate", pdf_of_size(MAX_BYTES + 1))
    assert response.status_code == 422
    assert error(html(response), "doc_referencing_certificate") == TOO_BIG
    with database(wizard.client.application):
        assert Document.select().count() == 0
    assert not os.listdir(wizard.client.application.config["UPLOAD_DIR"])


def test_upload_of_exactly_4_mo_is_accepted(wizard, pdf_of_size):
    response = upload(wizard, "referencing_certificate", pdf_of_size(MAX_BYTES, "juste.pdf"))
    assert response.status_code == 200
    assert message(html(response), "doc_referencing_certificate") == "Fichier déposé : juste.pdf (4,0 Mo)"


def test_refused_upload_within_a_step_keeps_the_rest(wizard, pdf_of_size):
    files = {"doc_referencing_certificate": pdf_of_size(MAX_BYTES + 100),
             "doc_operator_contract": fixture_file("document.pdf", "contrat.pdf")}
    response = wizard.step1(files=files)  # the path without JavaScript: a whole page
    assert response.status_code == 422
    assert "<html" in text(response)
    page = html(response)
    assert error(page, "doc_referencing_certificate") == TOO_BIG
    assert value(page, "ans_number") == "MSS-2023-0001"
    assert message(page, "doc_operator_contract").startswith("Fichier déposé : contrat.pdf")
    # only the refused file is asked again
    response = wizard.step1(files={"doc_referencing_certificate": fixture_file("document.pdf")})
    assert response.status_code == 303


def test_wrong_type_within_step_3(wizard):
    wizard.reach(3)
    response = wizard.step3(htmx=True, files={"doc_rib": fixture_file("notes.txt", "rib.txt")})
    assert response.status_code == 422
    page = html(response)
    assert error(page, "doc_rib") == WRONG_TYPE
    assert value(page, "iban") == BANK["iban"]


def test_upload_of_a_document_of_a_step_not_reached(wizard):
    response = upload(wizard, "rib", fixture_file("rib.jpg"))
    assert response.status_code == 422
    assert error(html(response), "doc_rib") == "Ce document n'est pas demandé à cette étape."
    assert wizard.client.post(f"{START}/document/inconnu", data={
        "csrf_token": form_data(wizard.page(1))["csrf_token"]}).status_code == 404


# The order of the steps -----------------------------------------------------------------------

@pytest.mark.parametrize("step", [2, 3, 4, 5])
def test_a_step_beyond_the_reached_one_redirects_back(wizard, step):
    response = wizard.open(step)
    assert response.status_code == 303
    assert response.headers["Location"].endswith(step_url(1))
    response = wizard.open(step, htmx=True)
    assert response.status_code == 204
    assert json.loads(response.headers["HX-Location"])["path"] == step_url(1)


def test_posting_a_step_beyond_the_reached_one_saves_nothing(wizard, app):
    wizard.step1()
    data = {**form_data(wizard.page(1)), "vat_rate": "20"}
    response = wizard.post(step_url(4), data)
    assert response.status_code == 303 and response.headers["Location"].endswith(step_url(2))
    assert draft_step(app, wizard.token) == 2


def test_reached_steps_stay_open_after_going_back(wizard):
    wizard.reach(4)
    assert wizard.open(1).status_code == 200
    assert wizard.step1().status_code == 303  # saving step 1 again does not lose step 4
    assert wizard.open(4).status_code == 200


def test_without_draft_cookie_the_wizard_starts_over(client, demo):
    response = client.get(step_url(2))
    assert response.status_code == 303 and response.headers["Location"].endswith(START)
    start = client.get(START)
    assert start.headers["Location"].endswith(step_url(1))
    cookie = client.get_cookie(COOKIE)
    assert cookie is not None and cookie.http_only


def test_unknown_step_is_not_found(wizard):
    assert wizard.client.get(f"{START}/etape/6").status_code == 404
    assert wizard.client.get(f"{START}/etape/0").status_code == 404


# Inline helpers of steps 2 and 3 --------------------------------------------------------------

def test_choosing_a_third_party_shows_the_filer_fields(wizard):
    wizard.step1()
    page = html(wizard.search_company("73282932000074"))
    assert page.find(id="filer_email") is None
    data = {**form_data(page), "is_legal_rep": "non", "trade_name": "MediMail"}
    response = wizard.post(f"{START}/etape/2/actualiser", data, htmx=True)
    assert response.status_code == 200
    page = html(response)
    assert page.find(id="filer_email") is not None and page.find(id="doc_filer_id") is not None
    assert value(page, "trade_name") == "MediMail"  # nothing typed is lost
    assert error(page, "filer_email") == ""  # no error before the applicant submits


def test_bank_check_gives_the_domiciliation(wizard):
    wizard.reach(3)
    headers = htmx_headers(wizard)  # the check sends the IBAN and the BIC only (hx-params)
    data = {"iban": "fr76 3000 6000 0112 3456 7890 189", "bic": "agrifrpp"}
    response = wizard.client.post(f"{START}/etape/3/verifier", data=data, headers=headers)
    assert response.status_code == 200
    page = html(response)
    assert page.find(id="bank_name")["value"] == "CREDIT AGRICOLE SA"
    assert "IBAN valide" in message(page, "iban") and "BIC valide" in message(page, "bic")
    data["bic"] = "BNPAFRP"
    response = wizard.client.post(f"{START}/etape/3/verifier", data=data, headers=headers)
    assert response.status_code == 422
    page = html(response)
    assert error(page, "bic").startswith("Ce BIC n'est pas valide")
    assert page.find(id="bank_name")["value"] == ""
