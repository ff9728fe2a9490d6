"""An operator whose MSS enrolment is validated, its advance sent through the page, its balance
form; funding requests made in bulk."""
import datetime
from decimal import Decimal

from portal.models import Enrolment, FundingRequest
from portal.models.accounts import MANAGER, OPERATOR
from portal.services.enrolment import workflow as wf
from tests.helpers.accounts import make_account
from tests.helpers.pages import html
from tests.helpers.enrolment import HTMX, database, fixture_file, form_data
from tests.helpers.instruction import file_enrolment, move

URL = "/espace/financement/demande"
COUNTS = {"current_applicative": "1 200", "current_organisational": "40", "current_personal": "0",
          "closing_applicative": "3000", "closing_organisational": "10", "closing_personal": "10"}


def validated_operator(app):
    """MEDIMAIL's representative; its MSS enrolment (VAT 20 %) validated by a manager."""
    number = file_enrolment(app)
    account = make_account(app, OPERATOR, email="claire.martin@medimail.fr")
    move(app, number, wf.VALIDATE, make_account(app, MANAGER))
    return account


def send(client, htmx=False, **counts):
    """The advance form as the page shows it, with these counts."""
    action = html(client.get(URL)).select_one("#avance form")["action"]
    data = {**form_data(html(client.get(URL)), action), **counts}
    headers = {**HTMX, "X-CSRFToken": data["csrf_token"]} if htmx else {}
    return client.post(action, data=data, headers=headers)


GOOD = {"support_name": "Support MediMail", "support_phone": "01 23 45 67 89",
        "support_email": "support@medimail.fr",
        "documentation_url": "https://www.medimail.fr/documentation-api"}


def balance_form(client):
    page = html(client.get(URL + "?onglet=solde"))
    form = page.select_one("#solde form")
    data = {field["name"]: field.get("value", "") for field in form.find_all("input")
            if field.get("name") and field.get("type") != "file"}
    return page, form["action"], data


def post(client, action, data, htmx=False, **files):
    headers = {**HTMX, "X-CSRFToken": data["csrf_token"]} if htmx else {}
    return client.post(action, data={**data, **files}, headers=headers,
                       content_type="multipart/form-data")


def file_dossier(client):
    """The client's operator files its advance (decided at filing) and its balance (« En
    cours »), with its two documents."""
    send(client, **COUNTS)
    _, action, data = balance_form(client)
    assert post(client, action, {**data, **GOOD}, doc_api_proof=fixture_file("notes.txt"),
                doc_api_guide=fixture_file("document.pdf")).status_code == 303
    return client


DAY = datetime.datetime(2026, 3, 2, 10, 0)


def seed(app, account, count, start=0, **changes):
    """`count` requests of `account` on the enrolment filed, one a day from DAY."""
    with database(app):
        enrolment = Enrolment.select().order_by(Enrolment.id).first()
        rows = []
        for i in range(start, start + count):
            data = dict(number=f"FINMSS{account.id:02d}{i:04d}-M0", dossier=f"FINMSS{i:06d}",
                        kind="advance", enrolment=enrolment, account=account, status="decided",
                        software="MSS Opérateurs", vat_rate="20", declared_ht=Decimal("6666.67"),
                        amount_ht=Decimal("6666.67"), amount_ttc=Decimal("8000.00"),
                        created_at=DAY + datetime.timedelta(days=i))
            data.update({k: v(i) if callable(v) else v for k, v in changes.items()})
            rows.append(data)
        FundingRequest.insert_many(rows).execute()
        return [r["number"] for r in rows]


STAFF = "/gestion/financement/"


def request_of(app, kind="balance") -> FundingRequest:
    with database(app):
        return FundingRequest.get(FundingRequest.kind == kind)


def decide(staff, number, action, htmx=False, **data):
    page = html(staff.get(STAFF + number))
    token = page.find("input", attrs={"name": "csrf_token"})["value"]
    headers = {**HTMX, "X-CSRFToken": token} if htmx else {}
    return staff.post(f"{STAFF}{number}/decision", headers=headers,
                      data={"csrf_token": token, "action": action, **data})


BUDGET = "/gestion/decisions-budgetaires/"


def budget_decide(client, *numbers, htmx=False, one=None):
    """The budget owner's « Décider la sélection » of `numbers` (or « Décider » of `one`)."""
    token = html(client.get(BUDGET)).find("input", attrs={"name": "csrf_token"})["value"]
    headers = {**HTMX, "X-CSRFToken": token} if htmx else {}
    data = {"csrf_token": token, "demandes": list(numbers)}
    if one:
        data["seule"] = one
    return client.post(BUDGET, data=data, headers=headers)


def validate_and_decide(app, staff, number):
    """A manager's « Valider », then the budget owner's « Décider »: the request « Décidée »."""
    from portal.services.funding import workflow
    from tests.helpers.accounts import budget_owner_client
    assert decide(staff, number, workflow.VALIDATE).status_code == 303
    assert budget_decide(budget_owner_client(app), one=number).status_code == 303
