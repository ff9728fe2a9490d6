"""A validated operator with its advance, a manager, and what they do with a dossier's thread
through the pages: write a message (with a file), add a note, follow the dossier."""
import io
from dataclasses import dataclass

from portal.models import Enrolment, FundingRequest
from portal.models.accounts import MANAGER, OPERATOR
from tests.helpers.accounts import make_account, signed_in
from tests.helpers.enrolment import FIXTURES, database, form_data
from tests.helpers.funding import COUNTS, send, validated_operator
from tests.helpers.pages import html


@dataclass
class Scene:
    app: object
    operator: object
    op: object  # the operator's client
    manager: object
    mgr: object  # the manager's client
    enrolment: Enrolment
    advance: FundingRequest

    @property
    def operator_page(self) -> str:
        return f"/espace/financement/{self.advance.number}"

    @property
    def manager_page(self) -> str:
        return f"/gestion/financement/{self.advance.number}"


def scene(app) -> Scene:
    """Needs the demo data (`load-demo`)."""
    operator = validated_operator(app)
    op = signed_in(app.test_client(), operator)
    assert send(op, **COUNTS).status_code == 303
    manager = make_account(app, MANAGER, last_name="Dupont", first_name="Alice")
    with database(app):
        enrolment = Enrolment.get(Enrolment.holder == operator)
        advance = FundingRequest.get(FundingRequest.account == operator)
    return Scene(app, operator, op, manager, signed_in(app.test_client(), manager), enrolment,
                 advance)


def other_operator(app):
    return signed_in(app.test_client(), make_account(app, OPERATOR, last_name="Autre"))


def form_on(client, page_url: str, marker: str) -> tuple[str, dict]:
    """The action and the data of the page's form whose action holds `marker`."""
    page = html(client.get(page_url))
    form = next(f for f in page.find_all("form") if marker in (f.get("action") or ""))
    return form["action"], form_data(page, form["action"])


def write(client, page_url: str, body: str, file: str | None = None, as_name: str | None = None):
    """Send a message from the dossier's page, with a file of tests/fixtures if given."""
    action, data = form_on(client, page_url, "/messages")
    data["body"] = body
    if file:
        data["doc_message_attachment"] = (io.BytesIO((FIXTURES / file).read_bytes()),
                                          as_name or file)
    return client.post(action, data=data, content_type="multipart/form-data")


def menu_count(client, url: str) -> str:
    """The counter of the menu bar's messages link, as a screen reader says it."""
    page = html(client.get(url))
    counter = page.select_one("#navigation-principale .portal-nav-count")
    return counter.get_text() if counter else ""


def note(client, page_url: str, body: str):
    action, data = form_on(client, page_url, "/notes")
    return client.post(action, data={**data, "note": body})


def take(client, page_url: str):
    action, data = form_on(client, page_url, "/suivre")
    return client.post(action, data=data)
