"""Odd input on the routes: integer ids too big for the database (2^63 and above) and the
bank check of the wizard's step 3 posted without htmx."""
import pytest
from werkzeug.routing import IntegerConverter

from portal.models.accounts import ADMIN, OPERATOR
from tests.helpers.accounts import make_account, signed_in
from tests.helpers.auth import csrf
from tests.helpers.enrolment import BANK, START, form_data
from tests.helpers.pages import html

TOO_BIG = 2 ** 63


def _int_rules(app):
    return [rule for rule in app.url_map.iter_rules()
            if any(isinstance(c, IntegerConverter) for c in rule._converters.values())]


def _client_for(app, rule):
    client = app.test_client()
    if rule.rule.startswith("/gestion"):
        return signed_in(client, make_account(app, ADMIN))
    if rule.rule.startswith(START):
        client.get(START)  # a draft for the wizard's routes
        return client
    return signed_in(client, make_account(app, OPERATOR))


def test_every_int_route_answers_404_for_ids_beyond_64_bits(app, demo):
    rules = _int_rules(app)
    assert len(rules) >= 13
    answers = {}
    for rule in rules:
        client = _client_for(app, rule)
        token = csrf(client)
        values = {name: (TOO_BIG if isinstance(conv, IntegerConverter) else "x")
                  for name, conv in rule._converters.items()}
        url = app.url_map.bind("localhost").build(rule.endpoint, values, force_external=False)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(url, method=method, headers={"X-CSRFToken": token})
            answers[f"{method} {url}"] = response.status_code
    assert {k: v for k, v in answers.items() if v != 404} == {}


def test_the_largest_64_bit_id_is_still_routed(app):
    adapter = app.url_map.bind("localhost")
    endpoint, values = adapter.match(f"/gestion/financement/X/documents/{TOO_BIG - 1}")
    assert values["document_id"] == TOO_BIG - 1
    for number in (0, 7, 10 ** 18, 9 * 10 ** 18 + 5, TOO_BIG - 2):
        assert adapter.match(f"/gestion/coordonnees-bancaires/{number}")[1]["detail_id"] == number


@pytest.mark.parametrize("iban, expected", [
    (BANK["iban"], 200), ("FR76 0000", 422)])
def test_bank_check_without_htmx_answers_the_whole_step(wizard, iban, expected):
    wizard.reach(3)
    data = {**form_data(wizard.page(3)), **BANK, "iban": iban}
    response = wizard.post(f"{START}/etape/3/verifier", data)
    assert response.status_code == expected
    page = html(response)
    assert page.find("html") is not None
    assert page.select_one("#wizard") is not None
    assert page.find("input", attrs={"name": "iban"})["value"] == iban  # nothing typed is lost
