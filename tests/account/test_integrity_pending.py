"""One pending request per account, kept by the database: ten « Ajouter une coordonnée
bancaire » or ten changes of persons sent at once leave one pending row and one mail; the others
are told in French that a request already waits (never a 500)."""
import pytest

from portal.models import BankDetail, PersonChange
from portal.models.bank import PENDING
from portal.services.account import bank_details, persons
from tests.helpers.accounts import signed_in
from tests.helpers.concurrency import alert_text, at_once, statuses
from tests.helpers.enrolment import database, form_data
from tests.helpers.instruction import upload_file
from tests.helpers.operator import filing_operator
from tests.helpers.pages import html

SENDERS = 10
EMAIL = "claire.martin@medimail.fr"
BANK_FORM = "/mon-compte/coordonnees-bancaires/ajout"
PERSONS_FORM = "/mon-compte/personnes-physiques"


@pytest.fixture
def operator(app, demo):
    return filing_operator(app)


def tabs(app, operator, url):
    """SENDERS signed-in tabs showing the form at `url`: (client, what the form sends)."""
    opened = []
    for _ in range(SENDERS):
        client = signed_in(app.test_client(), operator)
        opened.append((client, form_data(html(client.get(url)), url)))
    return opened


def pending_mails(mailbox, subject):
    return [m for m in mailbox.to(EMAIL) if m["Subject"] == subject]


def check_one_winner(results, refusal):
    codes = statuses(results)
    assert codes.count(303) == 1 and codes.count(422) == SENDERS - 1, codes
    for refused in (r for r in results if r.status_code == 422):
        assert refusal in alert_text(refused)


def test_ten_bank_details_added_at_once_leave_one_pending(app, operator, mailbox):
    def send(client, data):
        fields = {**data, "iban": "FR76 1027 8060 6100 0102 0480 197", "bic": "CMCIFR2A",
                  "account_holder": "MEDIMAIL SOLUTIONS", "doc_rib": upload_file("rib.jpg")}
        return lambda: client.post(BANK_FORM, data=fields, content_type="multipart/form-data")

    results = at_once([send(*tab) for tab in tabs(app, operator, BANK_FORM)])

    with database(app):
        pending = BankDetail.select().where(BankDetail.status == PENDING).count()
    assert pending == 1, (pending, statuses(results))
    check_one_winner(results, bank_details.ALREADY_PENDING)
    subject = "Votre nouvelle coordonnée bancaire est en attente de validation"
    assert len(pending_mails(mailbox, subject)) == 1


def test_ten_changes_of_persons_sent_at_once_leave_one_pending(app, operator, mailbox):
    def send(client, data):
        fields = {**data, "rep_phone": "01 98 76 54 32"}  # contact details: no document needed
        return lambda: client.post(PERSONS_FORM, data=fields, content_type="multipart/form-data")

    results = at_once([send(*tab) for tab in tabs(app, operator, PERSONS_FORM)])

    with database(app):
        pending = PersonChange.select().where(PersonChange.status == PENDING).count()
    assert pending == 1, (pending, statuses(results))
    check_one_winner(results, persons.ALREADY_PENDING)
    with database(app):
        mails = [m for m in mailbox.to(EMAIL) if "modification" in m["Subject"].lower()]
    assert len(mails) == 1, [m["Subject"] for m in mailbox.to(EMAIL)]
