"""A dossier ready to be paid (its MSS advance and balance decided), the ASP's debtor account, and
the batch screens as a browser sends them."""
import datetime
from pathlib import Path

import xmlschema

from portal.models import BankDetail, FundingRequest, PaymentBatch
from portal.models.accounts import MANAGER
from portal.models.bank import VALIDATED
from portal.models.base import utcnow
from portal.services.payments import debtor
from tests.helpers.accounts import make_account, signed_in
from tests.helpers.enrolment import database, fixture_file
from tests.helpers.funding import COUNTS, GOOD, balance_form, post, send
from tests.helpers.funding_states import decided
from tests.helpers.pages import html

XSD = Path(__file__).resolve().parents[1] / "fixtures" / "sepa" / "pain.001.001.03.xsd"
SCHEMA = xmlschema.XMLSchema(str(XSD))  # the official ISO 20022 schema, shipped with the tests
NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}
CHOOSE = "/gestion/paiements/mise-en-paiement"
ASP_IBAN, ASP_BIC = "FR76 3000 1007 9412 3456 7890 185", "BDFEFRPPCCT"


def filed_and_decided(app, client, manager) -> list[FundingRequest]:
    """The operator's advance (decided at filing) and balance, decided by `manager`."""
    send(client, **COUNTS)
    _, action, data = balance_form(client)
    assert post(client, action, {**data, **GOOD}, doc_api_proof=fixture_file("notes.txt"),
                doc_api_guide=fixture_file("document.pdf")).status_code == 303
    with database(app):
        numbers = [r.number for r in FundingRequest.select().order_by(FundingRequest.id)]
    return decided(app, numbers, manager)


def staff(app):
    account = make_account(app, MANAGER, last_name="Dupont", first_name="Alice")
    return account, signed_in(app.test_client(), account)


def set_debtor(app, admin):
    with database(app):
        return debtor.save({"name": "Agence de Services et de Paiement", "iban": ASP_IBAN,
                            "bic": ASP_BIC}, admin)


def new_bank_details(app, account, iban="FR14 2004 1010 0505 0001 3M02 606", bic="PSSTFRPPPAR"):
    """Bank details of the operator's company validated now (after any decision so far)."""
    with database(app):
        siret = FundingRequest.select().first().enrolment.siret
        return BankDetail.create(account=account, siret=siret, iban=iban, bic=bic,
                                 holder="MEDIMAIL SAS", status=VALIDATED,
                                 decided_at=utcnow() + datetime.timedelta(seconds=1))


def ids_of(app, numbers) -> list[int]:
    with database(app):
        return [r.id for r in FundingRequest.select().where(FundingRequest.number.in_(numbers))]


def put_in_payment(client, ids, confirmed=(), **extra):
    token = html(client.get(CHOOSE)).find("input", attrs={"name": "csrf_token"})["value"]
    return client.post(CHOOSE, data={"csrf_token": token, "demande": [str(i) for i in ids],
                                     "confirme": [str(i) for i in confirmed], **extra})


def last_batch(app) -> PaymentBatch:
    with database(app):
        return PaymentBatch.select().order_by(PaymentBatch.id.desc()).first()


def record(client, batch, paid_on="2026-12-03", lines=None):
    url = f"/gestion/paiements/{batch.number}"
    token = html(client.get(url)).find("input", attrs={"name": "csrf_token"})["value"]
    data = {"csrf_token": token, "paid_on": paid_on}
    data.update({"portee": "lot"} if lines is None else
                {"portee": "selection", "virement": [str(i) for i in lines]})
    return client.post(url + "/execution", data=data)
