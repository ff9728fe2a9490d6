"""« Gérer mes coordonnées bancaires »: the enrolment's account, a new one checked as the wizard
checks it (nothing typed or uploaded lost), validated or refused by a manager, mailed, audited;
never another operator's."""
import datetime

import pytest

from portal.models import BankDetail, BankDetailEvent
from portal.models.accounts import MANAGER, OPERATOR
from tests.helpers.accounts import make_account, manager_client, signed_in
from tests.helpers.pages import html
from tests.helpers.enrolment import HTMX, database
from tests.helpers.instruction import upload_file
from tests.helpers.operator import filing_operator

LIST = "/mon-compte/coordonnees-bancaires"
NEW = LIST + "/ajout"
STAFF = "/gestion/coordonnees-bancaires/"
IBAN = "FR76 1027 8060 6100 0102 0480 197"  # Crédit Mutuel (CMCIFR2A)
EMAIL = "claire.martin@medimail.fr"


@pytest.fixture
def operator(app, demo):
    return filing_operator(app)


@pytest.fixture
def client(app, operator):
    return signed_in(app.test_client(), operator)


def token(client, url=NEW):
    return html(client.get(url)).find("input", attrs={"name": "csrf_token"})["value"]


def table(page):
    return [[td.get_text(" ", strip=True) for td in tr.find_all("td")]
            for tr in page.select("#coordonnees-bancaires tbody tr")]


def add(client, **fields):
    data = {"csrf_token": token(client), "iban": IBAN, "bic": "CMCIFR2A",
            "account_holder": "MEDIMAIL SOLUTIONS", "doc_rib": upload_file("rib.jpg")}
    data.update(fields)
    return client.post(NEW, data={k: v for k, v in data.items() if v is not None})


def test_the_enrolments_account_is_the_one_payments_go_to(client, operator):
    page = html(client.get(LIST))
    assert "MEDIMAIL SOLUTIONS" in page.find(id="recapitulatif").parent.get_text()
    (row,) = table(page)
    assert row[1] == "FR76 3000 6000 0112 3456 7890 189" and row[5] == "En cours"


def test_a_new_bank_detail_waits_for_the_asp(app, client, mailbox):
    response = add(client)
    assert response.status_code == 303
    page = html(client.get(LIST))
    assert "en attente de validation" in page.find(id="messages").get_text()
    assert table(page)[1][1] == IBAN and table(page)[1][5] == "En attente de validation"
    subjects = [m["Subject"] for m in mailbox.to(EMAIL)]
    assert "Votre nouvelle coordonnée bancaire est en attente de validation" in subjects
    assert add(client).status_code == 422  # one pending at a time


def test_a_bank_detail_added_late_in_the_evening_shows_its_day_in_paris(app, client):
    assert add(client).status_code == 303
    with database(app):  # 23:30 UTC on 31 March 2026 is 01:30 on 1 April in Paris
        BankDetail.update(created_at=datetime.datetime(2026, 3, 31, 23, 30)).execute()
    assert table(html(client.get(LIST)))[1][0] == "Ajoutée le 01/04/2026"


def test_a_wrong_iban_is_said_beside_it_and_the_rib_is_kept(app, client):
    response = add(client, iban="FR76 1027 8060 6100 0102 0480 198")
    assert response.status_code == 422
    page = html(response)
    assert "Cet IBAN n'est pas valide" in page.find(id="iban-messages").get_text()
    assert page.find(id="account_holder")["value"] == "MEDIMAIL SOLUTIONS"
    assert "Fichier déposé : rib.jpg" in page.find(id="doc_rib-messages").get_text()
    kept = page.find("input", attrs={"name": "rib_token"})["value"]
    assert kept
    again = add(client, doc_rib=None, rib_token=kept)
    assert again.status_code == 303
    with database(app):
        assert BankDetail.get().rib.original_name == "rib.jpg"


def test_a_wrong_file_and_missing_fields(app, client):
    page = html(add(client, iban="", account_holder="", doc_rib=upload_file("notes.txt")))
    assert "Saisissez l'IBAN." in page.find(id="iban-messages").get_text()
    assert "Saisissez le titulaire du compte." in page.find(id="account_holder-messages").get_text()
    assert "n'est pas accepté" in page.find(id="doc_rib-messages").get_text()
    with database(app):
        assert BankDetail.select().count() == 0


def test_the_manager_validates_and_it_replaces_the_current_one(app, client, mailbox):
    add(client)
    manager = manager_client(app)
    queue = html(manager.get(STAFF))
    link = queue.select_one("#coordonnees-a-valider tbody a")["href"]
    page = html(manager.get(link))
    assert page.find("a", attrs={"href": link + "/rib"})
    assert manager.get(link + "/rib").status_code == 200
    refused = manager.post(link, data={"csrf_token": token(manager, link), "action": "refuser"},
                           headers=HTMX)
    assert refused.status_code == 422
    assert "Indiquez le motif du refus" in html(refused).find(id="comment-messages").get_text()
    done = manager.post(link, data={"csrf_token": token(manager, link), "action": "valider"})
    assert done.status_code == 303
    rows = table(html(client.get(LIST)))
    assert rows[1][5].startswith("Validée") and "Compte de versement" in rows[1][5]
    assert "Compte de versement" not in rows[0][5]
    assert "Votre nouvelle coordonnée bancaire est validée" in [m["Subject"] for m in mailbox.to(EMAIL)]
    add(client, iban="FR76 3000 6000 0112 3456 7890 189", bic="AGRIFRPP")
    with database(app):
        second = BankDetail.select().order_by(BankDetail.id.desc()).get()
    manager.post(f"{STAFF}{second.id}", data={"csrf_token": token(manager, link), "action": "valider"})
    rows = table(html(client.get(LIST)))  # the enrolment's account, added again: one row
    assert [row[1] for row in rows] == ["FR76 3000 6000 0112 3456 7890 189", IBAN]
    assert rows[0][0].startswith("Demande d'enrôlement n° ") and "Ajoutée le" in rows[0][0]
    assert "Compte de versement" in rows[0][5] and rows[1][5] == "Remplacée"
    with database(app):
        assert [e.to_status for e in BankDetailEvent.select().order_by(BankDetailEvent.id)] == [
            "pending", "validated", "pending", "validated", "replaced"]


def test_a_refusal_with_its_reason(app, client, mailbox):
    add(client)
    manager = manager_client(app)
    with database(app):
        detail = BankDetail.get()
    url = f"{STAFF}{detail.id}"
    manager.post(url, data={"csrf_token": token(manager, url), "action": "refuser",
                            "comment": "Le RIB ne correspond pas au titulaire."})
    assert table(html(client.get(LIST)))[1][5] == "Refusée"
    (mail,) = [m for m in mailbox.to(EMAIL) if "n'a pas été validée" in m["Subject"]]
    assert "Le RIB ne correspond pas au titulaire." in mailbox.text(mail)


def test_never_another_operators_bank_details(app, client, operator):
    add(client)
    with database(app):
        detail = BankDetail.get()
    other = signed_in(app.test_client(), make_account(app, OPERATOR, email="autre@example.fr"))
    assert other.get(f"{LIST}/{detail.id}/rib").status_code == 404
    assert table(html(other.get(LIST))) == []
    assert other.get(f"{STAFF}{detail.id}").status_code == 403
    assert signed_in(app.test_client(), make_account(app, MANAGER)).get(STAFF).status_code == 200
    assert client.get(f"{LIST}/{detail.id}/rib").status_code == 200


def test_one_row_per_bank_account_a_rejected_request_does_not_make_it_rejected(app, client,
                                                                              operator):
    """The same IBAN in a validated and in a rejected enrolment is one bank account, validated,
    with the two requests it appears in."""
    from portal.models import Enrolment
    from portal.models.enrolment import REJECTED
    from tests.helpers.instruction import file_enrolment
    from portal.models.enrolment import VALIDATED as ENROLMENT_VALIDATED
    with database(app):
        Enrolment.update(status=ENROLMENT_VALIDATED).where(Enrolment.holder == operator).execute()
    rejected = file_enrolment(app, "MSS-2023-0002", buyer=True)
    with database(app):
        Enrolment.update(holder=operator, status=REJECTED, iban="FR7630006000011234567890189").where(
            Enrolment.number == rejected).execute()
    (row,) = table(html(client.get(LIST)))
    assert row[1] == "FR76 3000 6000 0112 3456 7890 189" and row[5].startswith("Validée")
    assert f"n° {rejected} (Rejetée)" in row[0] and "(Validée)" in row[0]
