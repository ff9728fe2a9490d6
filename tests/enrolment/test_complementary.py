"""« Faire une demande complémentaire »: the simplified wizard of a signed-in operator, through
the test client as a browser without JavaScript (and with htmx) would use it."""
import pytest

from portal.models import Account, Enrolment, OutboxMessage
from portal.models.accounts import MANAGER, OPERATOR
from portal.models.enrolment import IN_PROGRESS, KIND_COMPLEMENTARY, VALIDATED
from portal.services.enrolment import complementary, workflow as wf
from portal.services.reference import lookups
from tests.helpers.accounts import make_account, manager_client, signed_in
from tests.helpers.pages import html
from tests.helpers.enrolment import HTMX, database, error, fixture_file, form_data
from tests.helpers.instruction import ANTICIPATED_MSS, file_enrolment, move

URL = "/espace/enrolements/complementaire"
DPI = "DPI-2023-0101"  # validated, held by MEDIMAIL's SIRET: the operator is its developer


@pytest.fixture
def operator(app, demo):
    """MEDIMAIL's representative, whose initial enrolment (MSS-2023-0001) is validated."""
    number = file_enrolment(app)
    account = make_account(app, OPERATOR, email="claire.martin@medimail.fr")
    assert move(app, number, wf.VALIDATE, make_account(app, MANAGER)).account.id == account.id
    return account


@pytest.fixture
def client(app, operator):
    return signed_in(app.test_client(), operator)


def post(client, url, data, htmx=False):
    headers = {**HTMX, "X-CSRFToken": data["csrf_token"]} if htmx else {}
    return client.post(url, data=data, headers=headers, content_type="multipart/form-data")


def search(client, number, htmx=False):
    data = {**form_data(html(client.get(URL)), URL), "ans_number": number}
    return post(client, URL + "/rechercher", data, htmx)


def submit(client, number, files, htmx=False, **answers):
    page = html(search(client, number))
    return post(client, URL, {**form_data(page, URL), **answers, **files}, htmx)


def pdf(name):
    return fixture_file("document.pdf", name)


def test_page_shows_the_company_of_the_account_and_the_search(client):
    page = html(client.get(URL))
    assert page.h1.get_text(strip=True) == "Demande d'enrôlement complémentaire"
    assert "MEDIMAIL SOLUTIONS" in page.find(id="recapitulatif").parent.get_text()
    assert page.find("label", attrs={"for": "ans_number"}).get_text(" ", strip=True).startswith(
        "Numéro unique de référencement ANS")
    assert page.find("button", string="Rechercher")
    assert not page.find("button", string="Terminer")  # nothing to finish before a referencing


def test_search_shows_the_referencing_and_what_it_asks(client):
    response = search(client, DPI, htmx=True)
    assert response.status_code == 200
    page = html(response)
    assert page.find("html") is None  # the form's fragment only
    card = page.select_one(".fr-card").get_text(" ", strip=True)
    assert "Dossier Patient Horizon" in card and "7.5" in card and "Opérateur développeur" in card
    assert page.find(id="upload-referencing_certificate")
    assert page.find(id="hds_host")  # a DPI: the health-data hosting question
    assert not page.find(id="upload-purchase_order")


@pytest.mark.parametrize("number, message", [
    ("", "Ce champ est obligatoire."),
    ("MSS-2099-9999", lookups.UNKNOWN_ANS),
])
def test_unknown_or_missing_number_is_said_beside_the_field(client, number, message):
    response = search(client, number, htmx=True)
    assert response.status_code == 422
    assert error(html(response), "ans_number") == message


def test_the_software_already_enrolled_cannot_be_filed_again(app, client):
    response = search(client, "MSS-2023-0001")
    assert response.status_code == 422
    with database(app):
        number = Enrolment.get().number
    assert error(html(response), "ans_number") == complementary.ALREADY.format(number)


def test_missing_answers_and_documents_are_said_and_nothing_typed_is_lost(app, client):
    response = submit(client, DPI, {}, htmx=True, vat_rate="20")
    assert response.status_code == 422
    page = html(response)
    assert error(page, "hds_host") == "Ce champ est obligatoire."
    assert error(page, "is_distributor") == "Ce champ est obligatoire."
    assert error(page, "doc_referencing_certificate") == complementary.DOCUMENT_MISSING
    assert page.find("input", attrs={"name": "vat_rate", "value": "20", "checked": True})
    assert page.find(id="ans_number")["value"] == DPI
    with database(app):
        assert Enrolment.select().count() == 1


def test_a_refused_file_is_said_and_the_others_are_kept(app, client):
    response = submit(client, DPI, {"doc_referencing_certificate": pdf("certificat.pdf"),
                                    "doc_hds_statement": fixture_file("rib.jpg", "attestation.exe")},
                      hds_host="non", is_distributor="non", vat_rate="20")
    assert response.status_code == 422
    page = html(response)
    assert error(page, "doc_hds_statement") == (
        "Le format de ce fichier n'est pas accepté. Formats acceptés : pdf, png, jpg, jpeg.")
    assert "certificat.pdf" in page.find(id="doc_referencing_certificate-messages").get_text()


def test_a_complementary_enrolment_is_filed_with_the_accounts_company_and_bank(app, client,
                                                                                operator):
    response = submit(client, DPI, {"doc_referencing_certificate": pdf("certificat.pdf"),
                                    "doc_hds_statement": pdf("attestation.pdf")},
                      hds_host="non", is_distributor="non", vat_rate="10")
    assert response.status_code == 303
    with database(app):
        filed = Enrolment.select().order_by(Enrolment.id.desc()).first()
        first = Enrolment.select().order_by(Enrolment.id).first()
        assert (filed.kind, filed.status, filed.anticipated) == (KIND_COMPLEMENTARY, IN_PROGRESS, False)
        assert (filed.ans_number, filed.holder_id, filed.holder_email) == (DPI, operator.id, operator.email)
        assert (filed.siret, filed.denomination, filed.iban) == (first.siret, first.denomination, first.iban)
        assert (filed.vat_rate, filed.hds_host, filed.is_buyer) == ("10", False, False)
        assert {d.kind for d in filed.documents} == {"referencing_certificate", "hds_statement"}
        mail = OutboxMessage.get(OutboxMessage.related == f"enrolment:{filed.id}")
        assert (mail.recipient, mail.subject) == (
            operator.email, f"Accusé de réception de votre demande d'enrôlement n° {filed.number}")
    assert response.headers["Location"].endswith(f"{URL}/confirmation/{filed.number}")
    confirmation = html(client.get(response.headers["Location"]))
    assert f"n° {filed.number}" in confirmation.get_text() and "« En cours »" in confirmation.get_text()
    table = html(client.get("/espace/enrolements/?type=complementaire"))
    assert filed.number in table.find(id="enrolements-table").get_text()
    bank = html(client.get("/mon-compte/coordonnees-bancaires")).find(id="coordonnees-bancaires")
    assert first.number in bank.get_text() and filed.number not in bank.get_text()  # shared


def test_htmx_submit_loads_the_confirmation_page(app, client):
    files = {"doc_referencing_certificate": pdf("c.pdf"), "doc_operator_contract": pdf("o.pdf")}
    response = submit(client, "MSS-2023-0002", files, htmx=True, is_distributor="non",
                      vat_rate="20", doc_purchase_order=pdf("bon.pdf"))
    assert response.status_code == 204
    assert "/confirmation/ENR-" in response.headers["HX-Redirect"]
    with database(app):
        filed = Enrolment.select().order_by(Enrolment.id.desc()).first()
        assert filed.is_buyer  # MSS-2023-0002 is SANTELIEN's software
        assert "purchase_order" in {d.kind for d in filed.documents}


def test_anticipated_buyer_distributor_without_vat(app, client):
    page = html(submit(client, ANTICIPATED_MSS, {}, is_distributor="oui", vat_rate="HT"))
    assert "enrôlement anticipé" in page.get_text()
    assert not page.find(id="upload-referencing_certificate")
    for kind in ("purchase_order", "publisher_mandate", "vat_exemption"):
        assert error(page, "doc_" + kind) == complementary.DOCUMENT_MISSING
    files = {"doc_purchase_order": pdf("bon.pdf"), "doc_publisher_mandate": pdf("mandat.pdf"),
             "doc_vat_exemption": pdf("tva.pdf")}
    response = post(client, URL, {**form_data(page, URL), **files})
    assert response.status_code == 303
    with database(app):
        filed = Enrolment.select().order_by(Enrolment.id.desc()).first()
        assert filed.anticipated and filed.is_distributor and filed.vat_rate == "HT"
        assert filed.kind_label == "Enrôlement complémentaire (anticipé)"


def test_a_depositaire_without_mandate_gives_it_once(app, client, operator):
    with database(app):
        Enrolment.update(is_legal_representative=False, filer_last_name="Martin",
                         filer_first_name="Claire", filer_email="claire.martin@medimail.fr",
                         filer_phone="06 12 34 56 78").execute()
    page = html(submit(client, DPI, {}, hds_host="oui", is_distributor="non", vat_rate="20"))
    assert error(page, "doc_legal_rep_mandate") == complementary.DOCUMENT_MISSING
    files = {"doc_referencing_certificate": pdf("c.pdf"), "doc_hds_certificate": pdf("h.pdf"),
             "doc_legal_rep_mandate": pdf("mandat.pdf")}
    assert post(client, URL, {**form_data(page, URL), **files}).status_code == 303
    again = html(search(client, "MSS-2023-0002"))
    assert not again.find(id="upload-legal_rep_mandate")  # once in the wave


def test_validation_by_a_manager_keeps_the_same_account(app, client, operator):
    files = {"doc_referencing_certificate": pdf("c.pdf"), "doc_hds_statement": pdf("a.pdf")}
    submit(client, DPI, files, hds_host="non", is_distributor="non", vat_rate="20")
    with database(app):
        filed = Enrolment.select().order_by(Enrolment.id.desc()).first().number
        accounts = Account.select().where(Account.role == OPERATOR).count()
    outcome = move(app, filed, wf.VALIDATE, make_account(app, MANAGER))
    assert (outcome.account.id, outcome.account_created) == (operator.id, False)
    with database(app):
        assert Account.select().where(Account.role == OPERATOR).count() == accounts
        assert Enrolment.get(Enrolment.number == filed).status == VALIDATED
    staff = html(manager_client(app).get("/gestion/enrolements?type=complementaire"))
    assert filed in staff.get_text()


def test_no_complementary_before_a_first_validation(app, demo):
    file_enrolment(app)
    operator = make_account(app, OPERATOR, email="claire.martin@medimail.fr")
    with database(app):
        Enrolment.update(holder=operator.id).execute()  # in progress, not validated
    client = signed_in(app.test_client(), operator)
    page = html(client.get(URL))
    assert complementary.NOT_YET in page.get_text()
    assert not page.find(id="ans_number")


def test_upload_alone_and_a_type_not_asked(client):
    search(client, DPI)
    token = form_data(html(client.get(URL)), URL)["csrf_token"]
    ok = post(client, URL + "/document/referencing_certificate",
              {"csrf_token": token, "doc_referencing_certificate": pdf("certificat.pdf")}, htmx=True)
    assert ok.status_code == 200 and "certificat.pdf" in ok.get_data(as_text=True)
    refused = post(client, URL + "/document/rib", {"csrf_token": token,
                                                   "doc_rib": fixture_file("rib.jpg")}, htmx=True)
    assert refused.status_code == 422
    assert error(html(refused), "doc_rib") == (
        "Ce document n'est pas demandé pour une demande complémentaire.")


def test_doors_closed_to_others(app, client, operator):
    anonymous = app.test_client().get(URL)
    assert anonymous.status_code in (302, 303) and "/connexion" in anonymous.headers["Location"]
    assert manager_client(app).get(URL).status_code == 403
    submit(client, DPI, {"doc_referencing_certificate": pdf("c.pdf"),
                         "doc_hds_statement": pdf("a.pdf")},
           hds_host="non", is_distributor="non", vat_rate="20")
    with database(app):
        filed = Enrolment.select().order_by(Enrolment.id.desc()).first().number
    other = signed_in(app.test_client(), make_account(app, OPERATOR, email="autre@example.fr"))
    assert other.get(f"{URL}/confirmation/{filed}").status_code == 404


def test_another_accounts_draft_is_never_followed(app, client, operator):
    search(client, DPI)
    with client.session_transaction() as session:
        token = session["complementary_draft"]
    other = make_account(app, OPERATOR, email="autre@example.fr")
    with database(app):
        assert complementary.draft_of(other, token).token != token
        assert complementary.draft_of(operator, token).token == token


def test_what_is_typed_comes_back_after_a_reload_and_goes_once_filed(app, client):
    """Issue 14, item 11: kept as one types (unchecked), shown back, cleared once filed."""
    page = html(search(client, DPI))
    data = {**form_data(page, URL), "hds_host": "oui"}
    response = post(client, "/espace/brouillon/complementary", data, htmx=True)
    assert response.status_code == 200
    again = html(client.get(URL))
    assert again.find("input", attrs={"name": "hds_host", "value": "oui", "checked": True})
    assert again.find(id="brouillon").get_text(strip=True).startswith("Brouillon enregistré à ")
    filed = submit(client, DPI, {"doc_referencing_certificate": pdf("certificat.pdf"),
                                 "doc_hds_statement": pdf("attestation.pdf")},
                   hds_host="non", is_distributor="non", vat_rate="10")
    assert filed.status_code == 303
    assert html(client.get(URL)).find(id="brouillon").get_text(strip=True) == ""
