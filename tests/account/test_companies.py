"""One account, several companies (issue 14, item 6): an accountant's account holding enrolments
of two SIRETs chooses the company its screens are about (récapitulatif, bank details, persons,
« Ma demande de financement »); the choice is kept and checked against the account's own SIRETs;
lists across companies keep every row; a one-company account sees no chooser."""
import datetime
import importlib

import pytest

from portal.extensions import db
from portal.models import BankDetail, Enrolment, PersonChange
from portal.models.accounts import OPERATOR
from portal.models.enrolment import VALIDATED
from tests.helpers.accounts import make_account, signed_in
from tests.helpers.enrolment import database, form_data
from tests.helpers.instruction import file_enrolment, upload_file
from tests.helpers.operator import filing_operator, own_filed, seed
from tests.helpers.pages import html

BANK = "/mon-compte/coordonnees-bancaires"
PERSONS = "/mon-compte/personnes-physiques"
FUNDING = "/espace/financement/demande"
CHOOSE = "/espace/entreprise/"
MEDIMAIL_IBAN = "FR76 3000 6000 0112 3456 7890 189"  # the wizard's enrolment
LILAS = dict(siret="55210055400013", denomination="CLINIQUE DES LILAS", rep_last_name="Lefèvre",
             iban="FR76 1820 6000 4512 3456 7890 144", bic="AGRIFRPP882",
             ans_number="MSS-2023-0002", status=VALIDATED,
             submitted_at=lambda i: datetime.datetime(2030, 1, 1))  # the latest
NEW_IBAN = "FR76 1027 8060 6100 0102 0480 197"  # Crédit Mutuel (CMCIFR2A)


@pytest.fixture
def accountant(app, demo):
    """Paul Durand (cabinet Durand), dépositaire of MEDIMAIL (filed through the wizard) and of
    the CLINIQUE DES LILAS (filed later): both enrolments validated."""
    file_enrolment(app, third_party=True)
    account = make_account(app, OPERATOR, email="paul.durand@cabinet-durand.fr",
                           last_name="Durand", first_name="Paul")
    medimail = own_filed(app, account)
    seed(app, account, 1, prefix="ENR-2026-LILAS", **LILAS)
    with database(app):
        Enrolment.update(status=VALIDATED).where(Enrolment.id == medimail.id).execute()
    return account


@pytest.fixture
def client(app, accountant):
    return signed_in(app.test_client(), accountant)


def medimail_siret(app):
    with database(app):
        return Enrolment.select().order_by(Enrolment.id).first().siret


def chooser(page):
    select = page.find("select", id="entreprise")
    return select and [(o["value"], o.has_attr("selected")) for o in select.find_all("option")]


def recap(page):
    return page.find(id="recapitulatif").parent.get_text(" ", strip=True)


def ibans(page):
    return [td.get_text(strip=True)
            for td in page.select("#coordonnees-bancaires tbody td:nth-of-type(2)")]


def choose(client, siret, back=BANK):
    data = form_data(html(client.get(back)), CHOOSE)
    return client.post(CHOOSE, data={**data, "siret": siret})


def test_the_chooser_lists_both_companies_and_shows_the_latest_first(app, client):
    page = html(client.get(BANK))
    assert chooser(page) == [(LILAS["siret"], True), (medimail_siret(app), False)]
    assert "CLINIQUE DES LILAS" in recap(page) and "55210055400013" in recap(page)
    assert ibans(page) == [LILAS["iban"]]


def test_each_screen_shows_the_company_chosen(app, client):
    siret = medimail_siret(app)
    response = choose(client, siret)
    assert response.status_code == 303 and response.headers["Location"].endswith(BANK)

    bank = html(client.get(BANK))
    assert chooser(bank) == [(LILAS["siret"], False), (siret, True)]
    assert "MEDIMAIL" in recap(bank) and "LILAS" not in recap(bank)
    assert ibans(bank) == [MEDIMAIL_IBAN]

    persons = html(client.get(PERSONS))
    assert "MEDIMAIL" in recap(persons)
    assert persons.find(id="rep_last_name")["value"] == "Martin"
    choose(client, LILAS["siret"], PERSONS)
    assert html(client.get(PERSONS)).find(id="rep_last_name")["value"] == "Lefèvre"

    funding = html(client.get(FUNDING))
    assert "CLINIQUE DES LILAS" in recap(funding) and "MEDIMAIL" not in recap(funding)
    assert funding.find("select", id="enrolement") is None  # one dossier for this company
    choose(client, siret, FUNDING)
    assert "MEDIMAIL" in recap(html(client.get(FUNDING)))


def test_a_dossier_opened_by_its_number_brings_its_company(app, client):
    with database(app):
        number = Enrolment.select().order_by(Enrolment.id).first().number  # MEDIMAIL's
    page = html(client.get(f"{FUNDING}?enrolement={number}"))
    assert "MEDIMAIL" in recap(page)
    assert chooser(html(client.get(BANK)))[1] == (medimail_siret(app), True)


def add_bank_detail(client):
    data = form_data(html(client.get(BANK + "/ajout")), BANK + "/ajout")
    data.update(iban=NEW_IBAN, bic="CMCIFR2A", account_holder="MEDIMAIL SOLUTIONS",
                doc_rib=upload_file("rib.jpg"))
    return client.post(BANK + "/ajout", data=data, content_type="multipart/form-data")


def test_an_addition_belongs_to_the_company_chosen_and_waits_alone(app, client):
    siret = medimail_siret(app)
    choose(client, siret)
    assert add_bank_detail(client).status_code == 303
    with database(app):
        assert BankDetail.get().siret == siret
    assert NEW_IBAN in html(client.get(BANK)).select_one("#coordonnees-bancaires").get_text()
    choose(client, LILAS["siret"])
    assert NEW_IBAN not in html(client.get(BANK)).select_one("#coordonnees-bancaires").get_text()
    # MEDIMAIL's pending detail does not stop the clinic's.
    assert add_bank_detail(client).status_code == 303
    with database(app):
        assert sorted(d.siret for d in BankDetail.select()) == sorted([siret, LILAS["siret"]])


def test_a_change_of_persons_belongs_to_the_company_chosen(app, client):
    siret = medimail_siret(app)
    choose(client, siret, PERSONS)
    data = form_data(html(client.get(PERSONS)), PERSONS)
    response = client.post(PERSONS, data={**data, "rep_phone": "06 11 22 33 44"},
                           content_type="multipart/form-data")
    assert response.status_code == 303
    with database(app):
        assert PersonChange.get().siret == siret
    assert "en attente de validation" in html(client.get(PERSONS)).find(id="personnes").get_text()
    choose(client, LILAS["siret"], PERSONS)
    assert html(client.get(PERSONS)).find(id="personnes").find("form") is not None


@pytest.mark.parametrize("siret", ["44306184100047", "00000000000000", ""])
def test_a_foreign_or_unknown_siret_is_refused(app, client, siret):
    other = make_account(app, OPERATOR, email="autre@clinique.fr")
    seed(app, other, 1, prefix="ENR-2026-AUTRE", siret="44306184100047", denomination="AUTRE SA")
    response = choose(client, siret)
    assert response.status_code == 303
    page = html(client.get(BANK))
    assert "pas rattachée à votre compte" in page.find(id="messages").get_text()
    assert chooser(page)[0] == (LILAS["siret"], True)
    assert "AUTRE SA" not in page.get_text()


def test_lists_across_companies_keep_every_row_and_say_so(app, client):
    page = html(client.get("/espace/enrolements/"))
    assert "toutes les entreprises de votre compte" in page.get_text()
    sirets = {td.get_text(strip=True) for td in page.select("tbody td:nth-of-type(4)")}
    assert sirets == {LILAS["siret"], medimail_siret(app)}
    assert "toutes les entreprises" in html(client.get("/espace/financement/")).get_text()


def test_a_one_company_account_sees_no_chooser(app, demo):
    client = signed_in(app.test_client(), filing_operator(app))
    for url in (BANK, PERSONS, BANK + "/ajout", FUNDING, "/espace/enrolements/"):
        page = html(client.get(url))
        assert page.find("select", id="entreprise") is None, url
        assert "toutes les entreprises" not in page.get_text()
    assert "MEDIMAIL" in recap(html(client.get(BANK)))


def test_rows_made_before_0026_get_the_company_their_screen_showed(app, accountant):
    """Migration 0026: a row without SIRET gets the account's latest enrolment filed by then."""
    backfill = importlib.import_module("portal.migrations.0026_company_of_changes").backfill
    siret = medimail_siret(app)
    with database(app):
        for year in (2020, 2028, 2031):  # MEDIMAIL filed now, the clinic in 2030
            BankDetail.create(account=accountant, siret="", iban="FR76", bic="X", holder="M",
                              status="refused", created_at=datetime.datetime(year, 6, 1))
        backfill(db.database)
        assert [d.siret for d in BankDetail.select().order_by(BankDetail.id)] == [
            siret, siret, LILAS["siret"]]


def test_what_is_typed_for_one_company_stays_on_its_form(app, client):
    """A bank account typed (kept as one types) while MEDIMAIL is chosen is not offered on the
    CLINIQUE DES LILAS's form, and comes back once MEDIMAIL is chosen again."""
    from tests.helpers.enrolment import HTMX
    new = BANK + "/ajout"
    choose(client, medimail_siret(app), back=new)
    data = {**form_data(html(client.get(new)), new), "account_holder": "MEDIMAIL TYPED"}
    assert client.post("/espace/brouillon/bank_details", data=data,
                       headers={**HTMX, "X-CSRFToken": data["csrf_token"]}).status_code == 200
    assert html(client.get(new)).find(id="account_holder")["value"] == "MEDIMAIL TYPED"
    choose(client, LILAS["siret"], back=new)
    assert html(client.get(new)).find(id="account_holder").get("value", "") == ""
    choose(client, medimail_siret(app), back=new)
    assert html(client.get(new)).find(id="account_holder")["value"] == "MEDIMAIL TYPED"
