"""« Mettre en paiement »: decided requests put into one batch, its SEPA file valid against the
official pain.001.001.03 schema, one audited move and one mail per request; every guard refused
with its French message and nothing written; the bank's execution recorded per request or for
the whole batch, each request then « Paiement effectué » with its notice."""
import hashlib
from decimal import Decimal

import pytest
from xml.etree import ElementTree as etree

from portal.models import FundingEvent, FundingRequest, OutboxMessage, PaymentBatch, PaymentLine
from portal.models.accounts import OPERATOR
from portal.services.payments import batches
from tests.helpers.accounts import make_account
from tests.helpers.enrolment import database
from tests.helpers.funding import seed
from tests.helpers.funding_states import decided
from tests.helpers.payments import (CHOOSE, NS, SCHEMA, last_batch, new_bank_details,
                                    put_in_payment, record)
from tests.helpers.pages import html


def states(app):
    with database(app):
        return {r.number: (r.status, r.payment_state)
                for r in FundingRequest.select().order_by(FundingRequest.id)}


def test_decided_requests_go_into_one_batch_and_its_valid_sepa_file(app, requests, manager):
    account, staff = manager
    listed = html(staff.get(CHOOSE))
    assert [r.td.get_text(strip=True) for r in listed.select("#mise-en-paiement-table tbody tr")] \
        == [r.number for r in requests]
    done = put_in_payment(staff, [r.id for r in requests])
    assert done.status_code == 303
    batch = last_batch(app)
    assert done.headers["Location"].endswith(f"/gestion/paiements/{batch.number}")
    assert (batch.count, batch.total, batch.created_by_name) == (
        2, sum((Decimal(r.amount_ttc) for r in requests), Decimal(0)), "Alice Dupont")
    assert set(states(app).values()) == {("decided", "in_progress")}
    with database(app):
        for request in requests:
            started = request.events.order_by(FundingEvent.id.desc()).first()
            assert (started.actor_name, started.comment) == (
                "Alice Dupont", f"Paiement en cours\nLot de paiement {batch.number}")
            assert OutboxMessage.select().where(
                OutboxMessage.related == f"funding:{request.id}",
                OutboxMessage.subject.contains("Mise en paiement")).count() == 1
    page = html(staff.get(f"/gestion/paiements/{batch.number}"))
    link = page.select_one("a[href$='virements.xml']")
    assert "Télécharger le fichier de virements SEPA" in link.get_text()
    xml = staff.get(link["href"])
    assert xml.status_code == 200 and xml.mimetype == "application/xml"
    assert "attachment" in xml.headers["Content-Disposition"]
    assert xml.headers["Cache-Control"] == "no-store"
    assert int(xml.headers["Content-Length"]) == batch.size == len(xml.data)
    SCHEMA.validate(xml.data.decode())  # raises when the file breaks the official XSD
    tree = etree.fromstring(xml.data)
    assert tree.findtext(".//p:GrpHdr/p:MsgId", namespaces=NS) == batch.number
    assert tree.findtext(".//p:GrpHdr/p:NbOfTxs", namespaces=NS) == "2"
    assert tree.findtext(".//p:DbtrAcct/p:Id/p:IBAN", namespaces=NS) == "FR7630001007941234567890185"
    transfers = tree.findall(".//p:CdtTrfTxInf", namespaces=NS)
    assert [t.findtext("p:PmtId/p:EndToEndId", namespaces=NS) for t in transfers] == [
        r.number for r in requests]
    first = transfers[0]
    assert first.findtext("p:RmtInf/p:Ustrd", namespaces=NS) == \
        f"VERSE001 {requests[0].dossier} {requests[0].number}"
    assert first.findtext("p:Amt/p:InstdAmt", namespaces=NS) == f"{requests[0].amount_ttc:.2f}"
    with database(app):
        enrolment = requests[0].enrolment
        assert first.findtext("p:CdtrAcct/p:Id/p:IBAN", namespaces=NS) == \
            enrolment.iban.replace(" ", "")
    assert "Aucune demande décidée n'attend" in html(staff.get(CHOOSE)).get_text()


def test_a_request_is_never_in_two_batches(app, requests, manager):
    account, staff = manager
    assert put_in_payment(staff, [requests[0].id]).status_code == 303
    again = put_in_payment(staff, [r.id for r in requests])
    assert again.status_code == 422
    assert requests[0].number in html(again).find(id="erreurs-mise-en-paiement").get_text()
    assert states(app)[requests[1].number] == ("decided", "none")  # nothing written
    with database(app):  # the database itself: a second open line of the same request
        line = PaymentLine.get()
        with pytest.raises(Exception):
            PaymentLine.create(batch=line.batch, request=line.request, amount=1, iban="x",
                               holder="x", remittance="x")


def test_the_database_refuses_a_request_taken_meanwhile(app, requests, manager):
    """Two tabs: the second batch finds the line already there (the unique index), not a
    status read before: refused, nothing written."""
    account, staff = manager
    with database(app):
        request = FundingRequest.get_by_id(requests[0].id)
        batch = batches.create(account, [request.id])
        PaymentLine.update(state="pending").execute()
        FundingRequest.update(payment_state="none").where(FundingRequest.id == request.id).execute()
        with pytest.raises(batches.Refused) as refused:
            batches.create(account, [request.id])
        assert refused.value.errors["requests"] == batches.IN_ANOTHER
        assert PaymentBatch.select().count() == 1 and batch.number


def test_only_decided_requests_are_put_into_payment(app, requests, manager, client):
    account, staff = manager
    with database(app):
        FundingRequest.update(status="in_progress").where(
            FundingRequest.id == requests[1].id).execute()
    refused = put_in_payment(staff, [r.id for r in requests])
    assert refused.status_code == 422
    assert "ne peuvent pas être mises en paiement" in html(refused).get_text()
    assert requests[1].number in html(refused).find(id="erreurs-mise-en-paiement").get_text()
    assert last_batch(app) is None
    checked = html(refused).select("input[name=demande][checked]")
    assert [c["value"] for c in checked] == [str(requests[0].id)]  # what was ticked is kept


def test_bank_details_changed_since_the_decision_need_a_confirmation(app, requests, manager,
                                                                     operator):
    account, staff = manager
    new_bank_details(app, operator)
    page = html(staff.get(CHOOSE))
    boxes = page.select("input[name=confirme]")
    assert len(boxes) == 2
    label = page.find("label", attrs={"for": boxes[0]["id"]}).get_text(" ", strip=True)
    assert label.startswith("Je confirme les nouvelles coordonnées bancaires")
    ids = [r.id for r in requests]
    refused = put_in_payment(staff, ids, confirmed=ids[:1])
    assert refused.status_code == 422
    alert = html(refused).find(id="erreurs-mise-en-paiement").get_text()
    assert "ont changé depuis leur décision" in alert and requests[1].number in alert
    assert requests[0].number not in alert.split("décision")[1]
    assert last_batch(app) is None
    assert put_in_payment(staff, ids, confirmed=ids).status_code == 303
    with database(app):
        lines = list(PaymentLine.select().order_by(PaymentLine.id))
    assert {line.iban for line in lines} == {"FR14 2004 1010 0505 0001 3M02 606"}
    assert {line.bank_confirmed for line in lines} == {"Alice Dupont"}


def test_a_request_without_valid_bank_details_is_refused(app, requests, manager):
    account, staff = manager
    other = make_account(app, OPERATOR, email="sans.rib@example.fr")
    with database(app):  # a request of an account with no validated bank details at all
        FundingRequest.update(account=other).where(FundingRequest.id == requests[1].id).execute()
    page = html(staff.get(CHOOSE))
    assert "Aucune coordonnée bancaire validée" in page.get_text()
    refused = put_in_payment(staff, [r.id for r in requests])
    assert refused.status_code == 422
    alert = html(refused).find(id="erreurs-mise-en-paiement").get_text()
    assert "n'ont pas de coordonnées bancaires validées" in alert and requests[1].number in alert
    assert last_batch(app) is None


def test_nothing_chosen_or_no_debtor_account(app, requests, manager):
    account, staff = manager
    none = put_in_payment(staff, [])
    assert none.status_code == 422 and batches.NONE_SELECTED in html(none).get_text()
    with database(app):
        from portal.models import DebtorAccount
        DebtorAccount.delete().execute()
    unset = put_in_payment(staff, [requests[0].id])
    assert unset.status_code == 422 and "Compte de l'ASP" in html(unset).get_text()


def test_select_all_of_the_filter(app, requests, manager):
    account, staff = manager
    token = html(staff.get(CHOOSE)).find("input", attrs={"name": "csrf_token"})["value"]
    done = staff.post(CHOOSE, data={"csrf_token": token, "tout": "1", "type": "balance"})
    assert done.status_code == 303
    assert states(app) == {requests[0].number: ("decided", "none"),
                           requests[1].number: ("decided", "in_progress")}


def test_execution_per_request_then_for_the_rest_of_the_batch(app, requests, manager, client):
    account, staff = manager
    put_in_payment(staff, [r.id for r in requests])
    batch = last_batch(app)
    with database(app):
        first, second = PaymentLine.select().order_by(PaymentLine.id)
    missing = record(staff, batch, paid_on="", lines=[first.id])
    assert missing.status_code == 422
    assert batches.PAID_ON_REQUIRED in html(missing).get_text()
    assert record(staff, batch, lines=[first.id]).status_code == 303
    assert states(app) == {requests[0].number: ("decided", "paid"),
                           requests[1].number: ("decided", "in_progress")}
    assert last_batch(app).state == "sent"
    assert record(staff, batch).status_code == 303  # the rest of the batch
    assert set(states(app).values()) == {("decided", "paid")}
    assert last_batch(app).state == "executed"
    with database(app):
        paid = FundingRequest.get_by_id(requests[1].id)
        assert (str(paid.paid_on), paid.paid_amount) == ("2026-12-03", paid.amount_ttc)
        notices = OutboxMessage.select().where(OutboxMessage.subject.contains("Avis de paiement"))
        assert notices.count() == 2
    notice = client.get(f"/espace/financement/{requests[1].number}/avis-de-paiement.pdf")
    assert notice.status_code == 200 and notice.data.startswith(b"%PDF")
    again = record(staff, batch)
    assert again.status_code == 422 and batches.NOTHING_PENDING in html(again).get_text()


def test_staff_only_operators_never_reach_a_batch(app, requests, manager, client):
    account, staff = manager
    put_in_payment(staff, [requests[0].id])
    batch = last_batch(app)
    for url in ("/gestion/paiements/", CHOOSE, f"/gestion/paiements/{batch.number}",
                f"/gestion/paiements/{batch.number}/virements.xml"):
        assert client.get(url).status_code == 403, url
    assert client.post(CHOOSE, data={"demande": str(requests[1].id)}).status_code in (400, 403)
    assert staff.get("/gestion/paiements/MEP-2026-999999").status_code == 404


def test_payment_moves_leave_the_request_page(app, requests, manager):
    """Money leaves through a batch's file only: no « Mettre en paiement » on a request."""
    account, staff = manager
    page = html(staff.get(f"/gestion/financement/{requests[0].number}"))
    labels = [b.get_text(strip=True) for b in page.select("#decisions .fr-accordion__btn")]
    assert "Mettre en paiement" not in labels


def test_a_batch_of_50_is_streamed_from_its_file(app, requests, manager, operator):
    """The file is written once, then sent from disk in chunks (never built again per download),
    its length known; about 400 bytes a transfer."""
    account, staff = manager
    numbers = seed(app, operator, 48, status="in_progress")
    decided(app, numbers, account)
    assert put_in_payment(staff, [], tout="1").status_code == 303
    batch = last_batch(app)
    assert batch.count == 50
    response = staff.get(f"/gestion/paiements/{batch.number}/virements.xml")
    assert response.is_streamed
    body = response.get_data()
    assert int(response.headers["Content-Length"]) == len(body) == batch.size
    assert 50 * 300 < batch.size < 50 * 600 + 2000
    assert hashlib.sha256(body).hexdigest() == batch.sha256
    SCHEMA.validate(body.decode())
    page = html(staff.get(f"/gestion/paiements/{batch.number}"))
    assert len(page.select("#virements-table tbody tr")) == 50
