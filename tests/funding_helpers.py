"""An operator whose MSS enrolment is validated, and its advance sent through the page."""
from portal.models.accounts import MANAGER, OPERATOR
from portal.services.enrolment import workflow as wf
from tests.accounts_helpers import make_account
from tests.conftest import html
from tests.enrolment_helpers import HTMX, form_data
from tests.instruction_helpers import file_enrolment, move

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
