"""Item 11 of issue 14 in the private space: what an operator types in « Gérer mes coordonnées
personnes physiques », « Ajouter une coordonnée bancaire », the balance and the complementary
enrolment is kept as it is typed (unchecked), shown back when the page opens, cleared once the
form is sent, never shown to another account."""
import pytest

from portal.models import FormDraft
from portal.models.accounts import OPERATOR
from tests.helpers.accounts import make_account, signed_in
from tests.helpers.enrolment import HTMX, database, error, fixture_file, form_data
from tests.helpers.pages import html
from tests.helpers.queries import counting
from tests.helpers.operator import filing_operator

PERSONS = "/mon-compte/personnes-physiques"
BANK = "/mon-compte/coordonnees-bancaires/ajout"
KEEP = "/espace/brouillon/"


@pytest.fixture
def client(app, demo):
    """Claire Martin's browser, signed in to the account holding MEDIMAIL's enrolment."""
    return signed_in(app.test_client(), filing_operator(app))


def keep(client, form, page_url, query="", **typed):
    data = {**form_data(html(client.get(page_url)), page_url), **typed}
    return client.post(KEEP + form + query, data=data,
                       headers={**HTMX, "X-CSRFToken": data["csrf_token"]})


def saved_line(page) -> str:
    return page.find(id="brouillon").get_text(strip=True)


def test_persons_typed_values_come_back_unchecked(client):
    assert saved_line(html(client.get(PERSONS))) == ""
    response = keep(client, "persons", PERSONS, rep_phone="01 23", rep_email="claire@")
    assert response.status_code == 200
    assert response.get_data(as_text=True).startswith("Brouillon enregistré à ")
    page = html(client.get(PERSONS))  # the reload
    assert page.find(id="rep_phone")["value"] == "01 23"
    assert page.find(id="rep_email")["value"] == "claire@"
    assert error(page, "rep_email") == ""  # checked when sent only
    assert saved_line(page).startswith("Brouillon enregistré à ")


def test_sent_successfully_the_kept_values_are_cleared(app, client):
    keep(client, "persons", PERSONS, rep_phone="01 98 76 54 32")
    data = form_data(html(client.get(PERSONS)), PERSONS)
    assert data["rep_phone"] == "01 98 76 54 32"
    assert client.post(PERSONS, data=data, content_type="multipart/form-data").status_code == 303
    with database(app):
        assert FormDraft.select().count() == 0


def test_a_refused_send_keeps_them(app, client):
    keep(client, "bank_details", BANK, iban="FR76 1027", bic="CMCI", account_holder="MEDIMAIL")
    data = form_data(html(client.get(BANK)), BANK)
    assert (data["iban"], data["bic"], data["account_holder"]) == ("FR76 1027", "CMCI", "MEDIMAIL")
    assert client.post(BANK, data=data, content_type="multipart/form-data").status_code == 422
    assert html(client.get(BANK)).find(id="iban")["value"] == "FR76 1027"
    bank = {"iban": "FR76 1027 8060 6100 0102 0480 197", "bic": "CMCIFR2A",
            "account_holder": "MEDIMAIL SOLUTIONS", "doc_rib": fixture_file("rib.jpg")}
    response = client.post(BANK, data={**data, **bank}, content_type="multipart/form-data")
    assert response.status_code == 303
    assert html(client.get(BANK)).find(id="iban").get("value", "") == ""


def test_one_row_per_account_and_form(app, client):
    for holder in ("A", "AB", "ABC"):
        keep(client, "bank_details", BANK, account_holder=holder)
    with database(app):
        rows = list(FormDraft.select())
    assert [(row.form, row.values["account_holder"]) for row in rows] == [("bank_details:73282932000074", "ABC")]


def test_another_account_never_sees_them(app, client):
    keep(client, "bank_details", BANK, account_holder="MEDIMAIL PRIVÉ")
    other = signed_in(app.test_client(), make_account(app, OPERATOR, email="autre@example.fr"))
    page = html(other.get(BANK))
    assert page.find(id="account_holder").get("value", "") == ""
    assert saved_line(page) == ""


def test_too_long_a_text_keeps_its_last_value(client):
    keep(client, "bank_details", BANK, account_holder="MEDIMAIL")
    keep(client, "bank_details", BANK, account_holder="M" * 201)
    assert html(client.get(BANK)).find(id="account_holder")["value"] == "MEDIMAIL"


def test_keeping_needs_the_csrf_token(app, client):
    response = client.post(KEEP + "bank_details", data={"account_holder": "X"}, headers=HTMX)
    assert response.status_code == 400
    with database(app):
        assert FormDraft.select().count() == 0


def test_unknown_form_or_someone_elses_enrolment(client):
    assert keep(client, "nimporte", BANK).status_code == 404
    assert keep(client, "balance", BANK, "?enrolement=ENR-2026-999999").status_code == 404


def test_signed_out_nothing_is_kept(app):
    anonymous = app.test_client()
    token = html(anonymous.get("/connexion")).find("input", attrs={"name": "csrf_token"})["value"]
    response = anonymous.post(KEEP + "bank_details", data={"account_holder": "X"},
                              headers={**HTMX, "X-CSRFToken": token})
    assert response.status_code in (302, 303, 204, 401)
    assert "connexion" in (response.headers.get("Location", "") + response.headers.get("HX-Redirect", "")
                           + response.headers.get("HX-Location", ""))
    with database(app):
        assert FormDraft.select().count() == 0


def test_a_keystroke_costs_a_few_statements(client):
    """One second after each pause in typing: the session's account, its companies (the draft
    is the chosen company's), the row read and written."""
    keep(client, "bank_details", BANK, account_holder="A")  # the row exists
    data = {**form_data(html(client.get(BANK)), BANK), "account_holder": "AB"}
    with counting() as queries:
        response = client.post(KEEP + "bank_details", data=data,
                               headers={**HTMX, "X-CSRFToken": data["csrf_token"]})
    assert response.status_code == 200
    assert len(queries.sql) == 4, queries.sql


def test_values_left_a_month_are_purged_by_the_nightly_task(app, client):
    """What was typed and left 30 days is deleted by the worker; the page opens empty again."""
    import datetime

    from portal.tasks import purge_drafts

    keep(client, "persons", PERSONS, rep_phone="01 23")
    keep(client, "bank_details", BANK, account_holder="MEDIMAIL")
    with database(app):
        old = datetime.datetime(2020, 1, 1)
        FormDraft.update(updated_at=old).where(FormDraft.form.startswith("persons")).execute()
        purge_drafts()
        assert [d.form.split(":")[0] for d in FormDraft.select()] == ["bank_details"]
    assert html(client.get(PERSONS)).find(id="rep_phone")["value"] != "01 23"
    assert html(client.get(BANK)).find(id="account_holder")["value"] == "MEDIMAIL"
