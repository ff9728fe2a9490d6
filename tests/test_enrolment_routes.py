"""The enrolment wizard's routes: page or fragment, invalid steps (422, French messages, typed
values kept), CSRF, uploads, the order of the steps, the submission and its acknowledgement mail."""
import io
import json
import os

import pytest

from portal.models import Document, Enrolment, EnrolmentDraft
from portal.models.base import utcnow
from portal.services import lookups, storage
from portal.services.documents import MAX_BYTES
from tests.conftest import CAPTCHA, html
from tests.enrolment_helpers import (BANK, COOKIE, HTMX, REP, START, Wizard, checked, database, error,
                                     fixture_file, form_data, message, step_url, value)

REQUIRED = "Ce champ est obligatoire."
DEPOSIT = "Déposez ce document avant de passer à l'étape suivante."
STEP_TITLES = {1: "Référencement", 2: "Demandeur", 3: "Coordonnées bancaires", 4: "Taux de TVA",
               5: "Récapitulatif"}
WRONG_TYPE = "Le format de ce fichier n'est pas accepté. Formats acceptés : pdf, png, jpg, jpeg."
FAKE_CONTENT = "Le contenu de ce fichier ne correspond pas à son extension : il est peut-être endommagé."
TOO_BIG = "Le fichier dépasse la taille maximale de 4 Mo."


@pytest.fixture
def wizard(client, demo):
    return Wizard(client)


@pytest.fixture
def pdf_of_size(tmp_path):
    """A PDF (by its magic bytes) of the given size, written at runtime, never committed."""
    def make(size: int, name: str = "volumineux.pdf"):
        path = tmp_path / name
        header = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
        path.write_bytes(header + b"0" * (size - len(header)))
        return io.BytesIO(path.read_bytes()), name
    return make


def text(response) -> str:
    return response.get_data(as_text=True)


def draft_step(app, token: str) -> int:
    with database(app):
        return EnrolmentDraft.get(EnrolmentDraft.token == token).step


def htmx_headers(wizard) -> dict:
    """What htmx sends: HX-Request, and the CSRF token from hx-headers on <body>."""
    body = wizard.page(1).body
    return {**HTMX, **json.loads(body["hx-headers"])}


def upload(wizard, kind: str, file):
    """The upload field sends its file alone (hx-params), as soon as it is chosen."""
    return wizard.client.post(f"{START}/document/{kind}", data={f"doc_{kind}": file},
                              headers=htmx_headers(wizard), content_type="multipart/form-data")


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


def test_ids_are_unique_on_every_step(wizard):
    wizard.reach(5)
    for step in range(1, 6):
        ids = [tag["id"] for tag in wizard.page(step).select("[id]")]
        assert len(ids) == len(set(ids)), step


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


# Uploads --------------------------------------------------------------------------------------

def test_upload_of_a_document_answers_its_fragment(wizard):
    response = upload(wizard, "referencing_certificate", fixture_file("document.pdf", "certificat.pdf"))
    assert response.status_code == 200
    assert "<html" not in text(response)
    page = html(response)
    assert page.find(id="upload-referencing_certificate") is not None
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


# Submission -----------------------------------------------------------------------------------

def test_numbering_follows_the_year_and_the_order_of_submission(client, demo):
    year = utcnow().year
    first = Wizard(client)
    first_draft = first.token
    first.submit()
    page = html(client.get("/enrolement/confirmation"))
    assert f"n° ENR-{year}-000001 a bien été enregistrée" in page.get_text()
    second = Wizard(client)  # the same browser starts a new request
    assert second.token != first_draft
    second.submit(number="MSS-2023-0003", siret="44306184100047")
    page = html(client.get("/enrolement/confirmation"))
    assert f"n° ENR-{year}-000002 a bien été enregistrée" in page.get_text()
    with database(demo):
        assert [e.number for e in Enrolment.select().order_by(Enrolment.id)] == [
            f"ENR-{year}-000001", f"ENR-{year}-000002"]


def test_full_submission_by_the_legal_representative(client, demo, mailbox):
    wizard = Wizard(client)
    token = wizard.token
    wizard.reach(5)
    response = wizard.step5(htmx=True)
    assert response.status_code == 204
    assert response.headers["HX-Redirect"] == "/enrolement/confirmation"
    assert not client.get_cookie(COOKIE)  # the draft is done

    page = html(client.get("/enrolement/confirmation"))
    with database(demo):
        enrolment = Enrolment.get()
        number = enrolment.number
        assert enrolment.status_label == "En cours"
        assert enrolment.kind_label == "Enrôlement initial"
        assert (enrolment.ans_number, enrolment.software_name) == ("MSS-2023-0001", "MediMail Pro")
        assert (enrolment.siret, enrolment.denomination) == ("73282932000074", "MEDIMAIL SOLUTIONS")
        assert (enrolment.street, enrolment.postcode, enrolment.commune) == ("12 RUE DE LA PAIX", "75002", "PARIS")
        assert not enrolment.is_buyer and enrolment.is_legal_representative
        assert enrolment.rep_phone == "01 23 45 67 89"
        assert enrolment.iban == "FR76 3000 6000 0112 3456 7890 189"
        assert enrolment.bank_name == "CREDIT AGRICOLE SA"
        assert enrolment.vat_rate == "20"
        assert enrolment.holder_email == "claire.martin@medimail.fr"
        kinds = sorted(d.kind for d in enrolment.documents)
        assert kinds == ["operator_contract", "referencing_certificate", "representative_id", "rib"]
        assert all(os.path.exists(storage.path_of(d)) for d in enrolment.documents)
        [event] = enrolment.events
        assert event.to_status == "in_progress" and event.actor == "Demandeur"
        assert EnrolmentDraft.get_or_none(EnrolmentDraft.token == token) is None

    assert "Elle est au statut « En cours »" in page.get_text()
    assert "Un courriel d'accusé de réception a été envoyé à claire.martin@medimail.fr." in page.get_text()
    [mail] = mailbox.to("claire.martin@medimail.fr")
    assert len(mailbox.messages) == 1
    assert mail["Subject"] == f"Accusé de réception de votre demande d'enrôlement n° {number}"
    body = mailbox.text(mail)
    assert f"n° {number} déposée le" in body
    assert "Fournisseur : MEDIMAIL SOLUTIONS (SIRET 73282932000074)." in body
    assert "Votre demande est au statut « En cours »" in body
    assert "anticipé" not in body

    # back to the wizard: a new, empty request
    assert client.get(START).headers["Location"].endswith(step_url(1))


def test_full_submission_by_a_third_party_mails_the_filer(client, demo, mailbox):
    wizard = Wizard(client)
    wizard.submit(siret="55208131766522", third_party=True, buyer=True)
    with database(demo):
        enrolment = Enrolment.get()
        assert enrolment.status_label == "En cours"
        assert not enrolment.is_legal_representative and enrolment.is_buyer
        assert enrolment.holder_email == "paul.durand@cabinet-durand.fr"
        assert enrolment.rep_email == "claire.martin@medimail.fr"
        assert (enrolment.filer_last_name, enrolment.filer_quality) == ("Durand", "accounting")
        kinds = sorted(d.kind for d in enrolment.documents)
        assert kinds == ["filer_id", "operator_contract", "purchase_order", "referencing_certificate",
                         "representative_id", "rib", "service_contract"]
        number = enrolment.number
    [mail] = mailbox.to("paul.durand@cabinet-durand.fr")
    assert mail["Subject"] == f"Accusé de réception de votre demande d'enrôlement n° {number}"
    assert "Fournisseur : SANTELIEN SAS (SIRET 55208131766522)." in mailbox.text(mail)
    assert mailbox.to("claire.martin@medimail.fr") == []
    page = html(client.get("/enrolement/confirmation"))
    assert "envoyé à paul.durand@cabinet-durand.fr" in page.get_text()


def test_anticipated_submission_says_so(client, demo, mailbox):
    Wizard(client).submit(number="MSS-2023-0003", siret="44306184100047")
    with database(demo):
        enrolment = Enrolment.get()
        assert enrolment.anticipated and enrolment.kind_label == "Enrôlement initial (anticipé)"
        assert [d.kind for d in enrolment.documents.order_by(Document.kind)] == ["representative_id", "rib"]
    [mail] = mailbox.to("claire.martin@medimail.fr")
    assert "demande d'enrôlement anticipé n° " in mailbox.text(mail)
    assert "vous devrez déposer votre certificat de référencement" in mailbox.text(mail)


def test_documents_no_longer_asked_are_not_attached(client, demo, mailbox):
    wizard = Wizard(client)
    wizard.reach(4)
    assert upload(wizard, "vat_exemption", fixture_file("document.pdf", "attestation-tva.pdf")).status_code == 200
    with database(demo):
        path = storage.path_of(Document.get(Document.kind == "vat_exemption"))
    assert os.path.exists(path)
    assert wizard.step4(vat_rate="20").status_code == 303  # finally not exempt
    assert wizard.step5().status_code == 303
    with database(demo):
        enrolment = Enrolment.get()
        assert "vat_exemption" not in [d.kind for d in enrolment.documents]
        assert Document.select().where(Document.kind == "vat_exemption").count() == 0
    assert not os.path.exists(path)


def test_submission_with_an_incomplete_step_goes_back_to_it(wizard, app):
    wizard.reach(5)
    with database(app):  # the RIB disappeared (e.g. removed by another tab)
        for document in Document.select().where(Document.kind == "rib"):
            storage.delete(document)
    response = wizard.step5()
    assert response.status_code == 303
    assert response.headers["Location"].endswith(step_url(3))
    with database(app):
        assert Enrolment.select().count() == 0


def test_confirmation_without_submission_goes_to_the_wizard(client, demo):
    response = client.get("/enrolement/confirmation")
    assert response.status_code == 303 and response.headers["Location"].endswith(START)




# The SIRET of step 2 is the one « Rechercher » found ------------------------------------------

def test_siret_changed_after_the_search_must_be_searched_again(wizard, app):
    wizard.reach(3)
    # back on step 2, the applicant types another company's SIRET and goes on without searching
    data = {**form_data(wizard.page(2)), "siret": "55208131766522",
            "doc_purchase_order": fixture_file("document.pdf", "bon-de-commande.pdf")}
    response = wizard.post(step_url(2), data, htmx=True)
    assert response.status_code == 422
    page = html(response)
    assert error(page, "siret") == ("Cliquez sur « Rechercher » pour retrouver votre entreprise à "
                                    "partir du numéro SIRET.")
    assert value(page, "siret") == "55208131766522"
    with database(app):
        assert EnrolmentDraft.get(EnrolmentDraft.token == wizard.token).values["siret"] == "73282932000074"
    # the search is offered again; once searched, the new company is the applicant, with its own
    # name and address
    data = {**form_data(page), "captcha_answer": CAPTCHA}
    response = wizard.post(f"{START}/etape/2/rechercher", data, htmx=True)
    assert response.status_code == 200
    page = html(response)
    assert value(page, "denomination") == "SANTELIEN SAS"
    data = {**form_data(page), "trade_name": "SantéLien",
            "doc_purchase_order": fixture_file("document.pdf", "bon-de-commande.pdf")}
    assert wizard.post(step_url(2), data).status_code == 303
    assert wizard.step3().status_code == 303 and wizard.step4().status_code == 303
    applicant = wizard.page(5).find(id="recap-2").parent.get_text(" ", strip=True)
    assert "55208131766522" in applicant and "SANTELIEN SAS" in applicant
    assert "4 AVENUE JEAN JAURES" in applicant
    assert "MEDIMAIL SOLUTIONS" not in applicant and "12 RUE DE LA PAIX" not in applicant


def test_searched_siret_retyped_with_spaces_is_the_same_company(wizard, demo):
    wizard.step1()
    response = wizard.search_company("73282932000074")
    data = {**form_data(html(response)), "siret": "732 829 320 00074", "trade_name": "MediMail",
            "street_type": "Rue", "is_distributor": "non", "is_legal_rep": "oui", **REP,
            "doc_representative_id": fixture_file("piece-identite.png")}
    response = wizard.post(step_url(2), data)
    # the developer's own SIRET, only spaced: no purchase order asked
    assert response.status_code == 303, html(response).select(".fr-message--error")
    assert wizard.step3().status_code == 303 and wizard.step4().status_code == 303
    assert wizard.step5().status_code == 303
    with database(demo):
        enrolment = Enrolment.get()
        assert enrolment.siret == "73282932000074" and not enrolment.is_buyer
