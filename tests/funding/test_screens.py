"""The operator's funding screens read what they show once: « Ma demande de financement » and the
consultation of a request run no query twice, and few queries, whatever the dossier's state; the
screen model says what the page may do."""

import pytest

from portal.services.funding import screens, workflow
from tests.helpers.accounts import manager_client, signed_in
from tests.helpers.enrolment import database, fixture_file
from tests.helpers.funding import (COUNTS, GOOD, URL, balance_form, decide, post, request_of, send,
                                   validated_operator)
from tests.helpers.pages import html
from tests.helpers.queries import run_by

PAGE_CEILING = 12  # account, companies, enrolments, requests, tariff, mails, documents, manager's
# message, the balance's draft, the templates accepted for the balance's documents, the menu's
# « Importation JSONs » and its count of the messages waiting
CONSULTATION_CEILING = 12  # account, request and enrolment, history, dossier, documents, mails,
# bank, the menu's « Importation JSONs » and messages waiting, the request's thread, the payment
# lines of the dossier's follow-up


@pytest.fixture
def signed_in_operator(app, demo):
    """The operator of a validated MSS enrolment, and its browser."""
    operator = validated_operator(app)
    return operator, signed_in(app.test_client(), operator)


def file_balance(client):
    assert send(client, **COUNTS).status_code == 303
    _, action, data = balance_form(client)
    assert post(client, action, {**data, **GOOD}, doc_api_proof=fixture_file("notes.txt"),
                doc_api_guide=fixture_file("document.pdf")).status_code == 303


def assert_lean(client, url, ceiling):
    run = run_by(client, url)
    assert run.repeated() == [], url
    assert 3 <= len(run.sql) <= ceiling, (url, run.sql)  # the account, the screen's facts


def test_the_page_runs_no_query_twice_at_every_stage(app, signed_in_operator):
    _, client = signed_in_operator
    for url in (URL, URL + "?onglet=solde"):  # nothing filed: the advance form
        assert_lean(client, url, PAGE_CEILING)
    file_balance(client)
    assert decide(manager_client(app), request_of(app).number, workflow.TO_CHANGE,
                  comment="Le lien de documentation ne répond pas.").status_code == 303
    for url in (URL, URL + "?onglet=solde"):  # both filed, the balance to change
        assert_lean(client, url, PAGE_CEILING)
    rows = html(client.get("/espace/financement/")).select("#financements-table tbody tr")
    adding = {row.td.get_text(strip=True): "Ajouter des pièces" in row.get_text() for row in rows}
    assert adding == {request_of(app, "advance").number: False, request_of(app).number: True}
    for kind in ("advance", "balance"):
        assert_lean(client, f"/espace/financement/{request_of(app, kind).number}",
                    CONSULTATION_CEILING)


def test_the_screen_model_says_what_the_page_may_do(app, signed_in_operator):
    operator, client = signed_in_operator
    with database(app):
        page = screens.request_page(operator, None, "solde")
        assert (page.tab, page.advance, page.can_file_balance) == ("solde", None, False)
        assert page.advance_amounts is not None and page.balance_refusal
    file_balance(client)
    with database(app):
        page = screens.request_page(operator, page.enrolment.number)
        assert page.tab == "avance" and page.balance and not page.can_resubmit
        assert page.balance_refusal and not page.can_file_balance and page.advance_amounts is None
        assert {d.original_name for d in page.documents} == {"notes.txt", "document.pdf"}
        assert [m.related for m in page.balance_mails] == [f"funding:{page.balance.id}"]
    decide(manager_client(app), request_of(app).number, workflow.ASK_DOCUMENT,
           comment="Il manque le guide signé.")
    with database(app):
        page = screens.request_page(operator, page.enrolment.number)
        assert page.can_resubmit and page.manager_message == "Il manque le guide signé."
        shown = screens.consultation(operator, page.balance.number)
        assert shown.title == "Demande de solde" and shown.follow_up  # the advance is decided
        assert screens.consultation(operator, "FINMSS999999-M0") is None
