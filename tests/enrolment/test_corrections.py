"""« Modifier »: a manager asks for data to be corrected (with or without documents); the holder
corrects them from the private space or through the mailed link; checked as in the wizard, written
on « Terminer mon dépôt », every change in the history and the mail."""
import pytest

from portal.services.core.errors import Refused
from portal.models import Enrolment, EnrolmentEvent, OutboxMessage
from portal.models.accounts import MANAGER, OPERATOR
from portal.models.enrolment import AWAITING_DOCUMENTS, IN_PROGRESS
from portal.services.enrolment import workflow as wf
from tests.helpers.accounts import make_account, manager_client, signed_in
from tests.helpers.pages import html
from tests.helpers.enrolment import HTMX, database, error
from tests.helpers.instruction import file_enrolment, link_in, move, upload_file
from tests.helpers.operator import own_filed

URL = "/espace/enrolements/"
NEW_IBAN = "FR76 1027 8060 6100 0102 0480 197"


@pytest.fixture
def operator(app, demo):
    file_enrolment(app)
    return make_account(app, OPERATOR, email="claire.martin@medimail.fr")


@pytest.fixture
def asked(app, operator):
    """The enrolment, its bank details and VAT rate to be corrected."""
    filed = own_filed(app, operator)
    move(app, filed.number, wf.REQUEST_DOCUMENTS, make_account(app, MANAGER),
         "L'IBAN ne correspond pas au RIB.", sections=["bank", "vat"])
    return filed.number


def enrolment(app, number):
    with database(app):
        return Enrolment.get(Enrolment.number == number)


def test_the_request_is_kept_mailed_and_written_in_the_history(app, asked):
    filed = enrolment(app, asked)
    assert filed.status == AWAITING_DOCUMENTS
    with database(app):
        event = filed.events.order_by(EnrolmentEvent.id.desc()).first()
        mail = (OutboxMessage.select().where(OutboxMessage.related == f"enrolment:{filed.id}")
                .order_by(OutboxMessage.id.desc()).first())
    assert event.comment.startswith("Données à corriger : Coordonnées bancaires (IBAN, BIC, "
                                     "titulaire), Taux de TVA.")
    assert "- Coordonnées bancaires (IBAN, BIC, titulaire)\n- Taux de TVA" in mail.body_text
    assert "Corrigez ces données" in mail.body_text and "besoin des pièces" not in mail.body_text


def test_a_manager_must_ask_for_something(app, operator):
    filed = own_filed(app, operator)
    with pytest.raises(Refused) as refused:
        move(app, filed.number, wf.REQUEST_DOCUMENTS, make_account(app, MANAGER), "?")
    assert refused.value.errors == {"kinds": wf.KINDS_REQUIRED}


def test_the_staff_form_offers_the_sections(app, operator):
    filed = own_filed(app, operator)
    page = html(manager_client(app).get(f"/gestion/enrolements/{filed.number}"))
    fieldset = page.find(id="demander_pieces-sections")
    assert "Taux de TVA" in fieldset.get_text() and "Nom commercial et adresse" in fieldset.get_text()


def test_modifier_from_the_private_space(app, operator, asked, mailbox):
    client = signed_in(app.test_client(), operator)
    row = html(client.get(URL)).select_one("#enrolements-table tbody tr")
    link = next(a for a in row.find_all("a") if a.get_text(strip=True).startswith("Modifier"))
    page = html(client.get(link["href"]))
    assert page.h1.get_text(strip=True) == "Modifier ma demande d'enrôlement"
    assert page.find(id="iban")["value"] == enrolment(app, asked).iban
    assert page.find("input", attrs={"name": "vat_rate", "value": "20", "checked": True})
    token = page.find("input", attrs={"name": "csrf_token"})["value"]
    wrong = client.post(link["href"], headers={**HTMX, "X-CSRFToken": token},
                        data={"csrf_token": token, "iban": "FR76 0000", "bic": "AGRIFRPP",
                              "account_holder": "MEDIMAIL SOLUTIONS", "vat_rate": "10"})
    assert wrong.status_code == 422
    again = html(wrong)
    assert error(again, "iban") and again.find(id="iban")["value"] == "FR76 0000"
    assert again.find("input", attrs={"name": "vat_rate", "value": "10", "checked": True})
    assert enrolment(app, asked).status == AWAITING_DOCUMENTS
    done = client.post(link["href"], data={"csrf_token": token, "iban": NEW_IBAN, "bic": "CMCIFR2A",
                                           "account_holder": "MEDIMAIL", "vat_rate": "10"})
    assert done.status_code == 303
    corrected = enrolment(app, asked)
    assert (corrected.status, corrected.iban, corrected.bic, corrected.vat_rate) == (
        IN_PROGRESS, NEW_IBAN, "CMCIFR2A", "10")
    assert corrected.bank_name  # the domiciliation follows the BIC
    with database(app):
        event = corrected.events.order_by(EnrolmentEvent.id.desc()).first()
    assert f"IBAN : FR76 3000 6000 0112 3456 7890 189 → {NEW_IBAN}" in event.comment
    assert "Taux de TVA : 20 % → 10 %" in event.comment
    received = [m for m in mailbox.to("claire.martin@medimail.fr") if "reçues" in m["Subject"]]
    assert received and "Données corrigées" in mailbox.text(received[-1])


def test_modifier_through_the_mailed_link_with_a_document(app, operator, mailbox):
    filed = own_filed(app, operator)
    move(app, filed.number, wf.REQUEST_DOCUMENTS, make_account(app, MANAGER), "Adresse ?",
         kinds=["kbis"], sections=["address"])
    asked = [m for m in mailbox.to("claire.martin@medimail.fr") if "compléter" in m["Subject"]]
    url = link_in(mailbox.text(asked[-1]), "/depot/")
    client = app.test_client()
    page = html(client.get(url))
    assert page.find(id="trade_name")["value"] == "MediMail"
    token = page.find("input", attrs={"name": "csrf_token"})["value"]
    data = {"csrf_token": token, "trade_name": "MediMail Santé", "street_type": "Avenue",
            "commune": "PARIS", "building": "Bât. B"}
    missing = client.post(url, data=data)
    assert missing.status_code == 422 and error(html(missing), "doc_kbis")
    assert html(missing).find(id="trade_name")["value"] == "MediMail Santé"
    done = client.post(url, data={**data, "doc_kbis": upload_file("document.pdf", "kbis.pdf")})
    assert done.status_code == 303
    corrected = enrolment(app, filed.number)
    assert (corrected.trade_name, corrected.street_type, corrected.building) == (
        "MediMail Santé", "Avenue", "Bât. B")
