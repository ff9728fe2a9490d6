"""« 2- Ma demande de solde »: once the advance is decided, the support contact (phone, e-mail,
https URL), the Annuaire counts read-only, the amount computed (3000/10/10 → 175 248,30 € HT), the
documents of the profile, each refused file said beside its zone, files kept while correcting."""
from decimal import Decimal

import pytest

from portal.models import Enrolment, FundingRequest, MailboxCount, OutboxMessage
from portal.models.accounts import OPERATOR
from portal.services.funding import requests as funding_requests
from tests.helpers.accounts import make_account, signed_in
from tests.helpers.pages import html
from tests.helpers.enrolment import database, error, fixture_file
from tests.helpers.funding import COUNTS, GOOD, URL, balance_form, post, send


@pytest.fixture
def client(app, operator):
    client = signed_in(app.test_client(), operator)
    assert send(client, **COUNTS).status_code == 303  # the advance, decided
    return client


def test_before_the_advance_is_decided(app, operator):
    page = html(signed_in(app.test_client(), operator).get(URL + "?onglet=solde"))
    assert funding_requests.ADVANCE_FIRST in page.find(id="solde").get_text()
    assert page.find(id="onglet-solde")["aria-selected"] == "true"


def test_the_form_shows_the_annuaire_counts_and_the_amount(client):
    page, _, _ = balance_form(client)
    shown = page.find(id="solde").get_text(" ", strip=True)
    for expected in ("Nombre de BAL applicatives déclarées 3\u202f000", "Taux TVA 20 %",
                     "175\u202f248,30\u00a0€"):
        assert expected in shown, expected
    zones = [label.get_text(" ", strip=True) for label in page.select("#solde .fr-upload-group label")]
    assert zones[0].startswith("Fichier de preuve de déploiement de l'interface API LPS/DUI")
    assert "Fichier de type .txt ou .pdf. Taille maximum : 4Mo." in zones[0]  # the guide's words
    assert zones[1].startswith("Guide PDF Editeur et Client final de connexion à l'API")
    assert len(zones) == 2  # a developer: no paid invoice


def test_every_mistake_is_said_and_the_good_file_kept(app, client):
    _, action, data = balance_form(client)
    first = post(client, action, {**data, "support_email": "support@", "documentation_url":
                                  "http://www.medimail.fr/doc", "support_phone": ""}, htmx=True,
                 doc_api_proof=fixture_file("rib.jpg", "preuve.jpg"),
                 doc_api_guide=fixture_file("document.pdf", "guide.pdf"))
    assert first.status_code == 422
    page = html(first)
    assert error(page, "support_phone") == funding_requests.REQUIRED
    assert error(page, "support_email")
    assert error(page, "documentation_url") == funding_requests.URL_INVALID
    assert error(page, "doc_api_proof").startswith("Le format de ce fichier n'est pas accepté")
    assert "guide.pdf" in page.find(id="doc_api_guide-messages").get_text()
    kept = {field["name"]: field.get("value", "") for field in page.select("form input")
            if field.get("name") and field.get("type") != "file"}
    done = post(client, action, {**kept, **GOOD}, doc_api_proof=fixture_file("notes.txt"))
    assert done.status_code == 303
    with database(app):
        balance = FundingRequest.get(FundingRequest.kind == "balance")
        names = sorted(d.original_name for d in balance.documents)
        mail = OutboxMessage.get(OutboxMessage.related == f"funding:{balance.id}")
    assert balance.number.endswith("-M1") and balance.status == "in_progress"
    assert (balance.boxes_applicative, balance.boxes_organisational, balance.boxes_personal) == (3000, 10, 10)
    assert balance.amount_ht == Decimal("175248.30")
    assert names == ["guide.pdf", "notes.txt"]
    assert "175\u202f248,30" in mail.body_text and mail.recipient == "claire.martin@medimail.fr"
    page = html(client.get(URL + "?onglet=solde"))
    shown = page.find(id="solde")
    assert "En cours" in shown.get_text() and "https://www.medimail.fr/documentation-api" in shown.get_text()
    link = next(a for a in shown.select("a.fr-link--download") if "notes.txt" in a.get_text())
    assert client.get(link["href"]).status_code == 200
    other = signed_in(app.test_client(), make_account(app, OPERATOR, email="autre@example.fr"))
    assert other.get(link["href"]).status_code == 404
    again = post(client, action, {**kept, **GOOD})
    assert again.status_code == 422 and funding_requests.BALANCE_ALREADY in html(again).get_text()


def test_a_buyer_also_gives_the_paid_invoice(app, client):
    with database(app):
        Enrolment.update(is_buyer=True).execute()
    page, action, data = balance_form(client)
    assert page.find(id="doc_paid_invoice")
    response = post(client, action, {**data, **GOOD}, doc_api_proof=fixture_file("notes.txt"),
                    doc_api_guide=fixture_file("document.pdf"))
    assert error(html(response), "doc_paid_invoice") == funding_requests.DOCUMENT_MISSING


def test_an_operator_missing_from_the_annuaire_is_told(app, client):
    with database(app):
        MailboxCount.delete().execute()
    page = html(client.get(URL + "?onglet=solde"))
    assert funding_requests.NOT_IN_ANNUAIRE in page.find(id="solde").get_text()
