"""« Gérer mes coordonnées personnes physiques »: the persons in force, a change request with the
documents that justify it, kept files across a corrected form, a manager's decision."""
import pytest

from portal.models import Account, OutboxMessage, PersonChange
from portal.models.accounts import OPERATOR
from portal.services.account import persons
from tests.helpers.accounts import make_account, manager_client, signed_in
from tests.helpers.pages import html
from tests.helpers.enrolment import HTMX, database, error, fixture_file, form_data
from tests.helpers.instruction import file_enrolment
from tests.helpers.operator import filing_operator, own_filed

URL = "/mon-compte/personnes-physiques"
STAFF = "/gestion/demandes-de-modification/"


@pytest.fixture
def operator(app, demo):
    """Claire Martin, legal representative of MEDIMAIL, holds the account."""
    return filing_operator(app)


@pytest.fixture
def filer(app, demo):
    """Paul Durand, dépositaire (accounting firm) of MEDIMAIL, holds the account."""
    file_enrolment(app, third_party=True)
    account = make_account(app, OPERATOR, email="paul.durand@cabinet-durand.fr",
                           last_name="Durand", first_name="Paul")
    own_filed(app, account)
    return account


def client_of(app, account):
    return signed_in(app.test_client(), account)


def send(client, htmx=False, **changes):
    data = {**form_data(html(client.get(URL)), URL), **changes}
    headers = {**HTMX, "X-CSRFToken": data["csrf_token"]} if htmx else {}
    return client.post(URL, data=data, headers=headers, content_type="multipart/form-data")


def pdf(name):
    return fixture_file("document.pdf", name)


def latest(app):
    with database(app):
        return PersonChange.select().order_by(PersonChange.id.desc()).first()


def test_page_shows_the_persons_in_force_and_a_prefilled_form(app, operator):
    page = html(client_of(app, operator).get(URL))
    assert page.h1.get_text(strip=True) == "Gérer mes coordonnées personnes physiques"
    rep = page.find(id="representant").parent.get_text(" ", strip=True)
    assert "Martin" in rep and "claire.martin@medimail.fr" in rep
    assert "dépose lui-même" in page.find(id="depositaire").parent.get_text()
    assert "aucune demande de modification" in page.get_text()
    assert page.find(id="rep_last_name")["value"] == "Martin"
    assert page.find(id="filer_last_name") is None  # no dépositaire to change
    assert page.find(id="doc_representative_id")


def test_a_new_phone_needs_no_document_then_waits_for_the_asp(app, operator):
    client = client_of(app, operator)
    response = send(client, rep_phone="01 98 76 54 32")
    assert response.status_code == 303
    change = latest(app)
    assert change.changes == "Téléphone du représentant légal : 01 23 45 67 89 → 01 98 76 54 32"
    page = html(client.get(URL))
    row = page.select_one("#historique-modifications tbody tr").get_text(" ", strip=True)
    assert "01 98 76 54 32" in row and "En attente de validation" in row
    assert "en attente de validation par l'ASP" in page.find(id="personnes").get_text()
    assert page.find(id="rep_phone") is None  # one request at a time
    with database(app):
        mail = OutboxMessage.get(OutboxMessage.related == f"persons:{change.id}")
    assert mail.recipient == operator.email and "01 98 76 54 32" in mail.body_text


def test_nothing_changed_and_bad_fields_are_said_with_what_was_typed(app, operator):
    client = client_of(app, operator)
    same = send(client, htmx=True)
    assert same.status_code == 422
    assert persons.NOTHING_CHANGED in html(same).select_one("[role=alert]").get_text()
    bad = send(client, htmx=True, rep_first_name="", rep_email="claire@", rep_phone="12")
    page = html(bad)
    assert bad.status_code == 422 and page.find("html") is None
    assert error(page, "rep_first_name") == "Ce champ est obligatoire."
    assert error(page, "rep_email") and error(page, "rep_phone")
    assert page.find(id="rep_email")["value"] == "claire@"
    assert latest(app) is None


def test_a_number_kept_without_spaces_sent_back_unchanged_files_nothing(app, operator):
    """The demo (and older requests) keep « 0123456789 »; the form shows it spaced: sent back
    untouched, it is the same number, not a change that would block real ones."""
    from portal.models import Enrolment
    with database(app):
        Enrolment.update(rep_phone="0123456789").where(Enrolment.holder == operator).execute()
    same = send(client_of(app, operator), htmx=True)
    assert same.status_code == 422
    assert persons.NOTHING_CHANGED in html(same).select_one("[role=alert]").get_text()
    assert latest(app) is None


def test_a_new_representative_needs_an_identity_document(app, operator):
    client = client_of(app, operator)
    page = html(send(client, rep_last_name="Morel", rep_first_name="Sophie"))
    assert error(page, "doc_representative_id") == persons.DOCUMENT_MISSING
    assert page.find(id="rep_last_name")["value"] == "Morel"
    response = send(client, rep_last_name="Morel", rep_first_name="Sophie",
                    doc_representative_id=fixture_file("piece-identite.png"))
    assert response.status_code == 303
    change = latest(app)
    with database(app):
        assert set(persons.documents(change)) == {"representative_id"}


def test_a_new_depositaire_needs_id_and_mandate_and_the_file_is_kept(app, filer):
    client = client_of(app, filer)
    page = html(client.get(URL))
    assert page.find(id="filer_last_name")["value"] == "Durand"
    first = send(client, filer_last_name="Morel", filer_first_name="Luc", filer_email="luc@",
                 doc_filer_id=fixture_file("piece-identite.png", "identite-luc.png"))
    page = html(first)
    assert first.status_code == 422
    assert error(page, "filer_email")
    assert "identite-luc.png" in page.find(id="doc_filer_id-messages").get_text()
    data = {**form_data(page, URL), "filer_email": "luc.morel@cabinet-durand.fr",
            "doc_legal_rep_mandate": pdf("mandat.pdf")}
    assert client.post(URL, data=data, content_type="multipart/form-data").status_code == 303
    with database(app):
        kept = {k: d.original_name for k, d in persons.documents(latest(app)).items()}
    assert kept == {"filer_id": "identite-luc.png", "legal_rep_mandate": "mandat.pdf"}


def test_the_address_of_another_account_is_refused(app, operator):
    make_account(app, OPERATOR, email="deja.pris@example.fr")
    page = html(send(client_of(app, operator), rep_email="deja.pris@example.fr"))
    assert error(page, "rep_email") == persons.EMAIL_TAKEN


def test_validated_by_a_manager_the_account_follows_the_new_depositaire(app, filer):
    client = client_of(app, filer)
    send(client, filer_last_name="Morel", filer_first_name="Luc",
         filer_email="luc.morel@cabinet-durand.fr",
         doc_filer_id=fixture_file("piece-identite.png"), doc_legal_rep_mandate=pdf("mandat.pdf"))
    change = latest(app)
    staff = manager_client(app)
    queue = html(staff.get(STAFF))
    assert "Nom du dépositaire : Durand → Morel" in queue.get_text()
    page = html(staff.get(f"{STAFF}{change.id}"))
    assert "Morel" in page.find(id="comparaison").get_text()
    link = page.find("a", href=f"{STAFF}{change.id}/documents/filer_id")
    assert staff.get(link["href"]).status_code == 200
    token = form_data(page, f"{STAFF}{change.id}")["csrf_token"]
    done = staff.post(f"{STAFF}{change.id}", data={"csrf_token": token, "action": "valider"})
    assert done.status_code == 303
    with database(app):
        account = Account.get_by_id(filer.id)
        assert (account.email, account.last_name, account.first_name) == (
            "luc.morel@cabinet-durand.fr", "Morel", "Luc")
        mail = OutboxMessage.select().where(OutboxMessage.related == f"persons:{change.id}") \
            .order_by(OutboxMessage.id.desc()).first()
        assert mail.recipient == "luc.morel@cabinet-durand.fr" and "validée" in mail.subject
    mine = html(client.get(URL))
    assert "Morel" in mine.find(id="depositaire").parent.get_text()
    assert "Validée" in mine.select_one("#historique-modifications tbody tr").get_text()


def test_a_refusal_needs_a_reason_and_keeps_the_persons(app, operator):
    client = client_of(app, operator)
    send(client, rep_phone="01 98 76 54 32")
    change = latest(app)
    staff = manager_client(app)
    token = form_data(html(staff.get(f"{STAFF}{change.id}")), f"{STAFF}{change.id}")["csrf_token"]
    empty = staff.post(f"{STAFF}{change.id}", data={"csrf_token": token, "action": "refuser"},
                       headers={**HTMX, "X-CSRFToken": token})
    assert empty.status_code == 422
    assert error(html(empty), "comment").startswith("Indiquez le motif du refus")
    staff.post(f"{STAFF}{change.id}", data={"csrf_token": token, "action": "refuser",
                                            "comment": "Numéro injoignable."})
    again = staff.post(f"{STAFF}{change.id}", data={"csrf_token": token, "action": "valider"},
                       headers={**HTMX, "X-CSRFToken": token})
    assert "déjà été instruite" in again.get_data(as_text=True)
    page = html(client.get(URL))
    assert "01 23 45 67 89" in page.find(id="representant").parent.get_text()
    assert "Refusée" in page.select_one("#historique-modifications tbody tr").get_text()
    assert page.find(id="rep_phone")  # a new request may be made


def test_doors_closed(app, operator):
    send(client_of(app, operator), rep_phone="01 98 76 54 32")
    change = latest(app)
    for url in (STAFF, f"{STAFF}{change.id}", f"{STAFF}{change.id}/documents/representative_id"):
        assert client_of(app, operator).get(url).status_code == 403
        anonymous = app.test_client().get(url)
        assert anonymous.status_code in (302, 303) and "/connexion" in anonymous.headers["Location"]
    assert app.test_client().get(URL).status_code in (302, 303)
    assert manager_client(app).get(URL).status_code == 403
    assert manager_client(app).get(f"{STAFF}{change.id}/documents/filer_id").status_code == 404
