"""« Ma demande de solde » keeps what is typed (issue 14, item 11): per enrolment, unchecked,
shown back when the page opens, cleared once the balance is filed."""
import pytest

from portal.models import Enrolment, FormDraft
from tests.helpers.accounts import signed_in
from tests.helpers.enrolment import HTMX, database, fixture_file
from tests.helpers.funding import COUNTS, GOOD, balance_form, post, send


@pytest.fixture
def client(app, operator):
    client = signed_in(app.test_client(), operator)
    assert send(client, **COUNTS).status_code == 303  # the advance, decided
    return client


def number(app):
    with database(app):
        return Enrolment.select().order_by(Enrolment.id).first().number


def test_the_balance_form_comes_back_as_typed_then_is_cleared_when_filed(app, client):
    _, action, data = balance_form(client)
    response = client.post(f"/espace/brouillon/balance?enrolement={number(app)}",
                           data={**data, "support_name": "Support Medi", "support_email": "support@"},
                           headers={**HTMX, "X-CSRFToken": data["csrf_token"]})
    assert response.status_code == 200
    page, _, shown = balance_form(client)  # the reload
    assert (shown["support_name"], shown["support_email"]) == ("Support Medi", "support@")
    assert page.find(id="brouillon").get_text(strip=True).startswith("Brouillon enregistré à ")
    filed = post(client, action, {**shown, **GOOD},
                 doc_api_proof=fixture_file("document.pdf", "preuve.pdf"),
                 doc_api_guide=fixture_file("document.pdf", "guide.pdf"))
    assert filed.status_code == 303
    with database(app):
        assert FormDraft.select().count() == 0
