"""« Ma demande de financement », the advance: six counts checked inline, decided at once with the
call's fixed part and the enrolment's VAT, its decision PDF and mail; one advance per dossier."""
import datetime
import re
import zlib
from decimal import Decimal

import pytest

from portal.models import Enrolment, FundingEvent, FundingRequest, OutboxMessage
from portal.models.accounts import OPERATOR
from portal.models.enrolment import PARTIAL
from portal.services.core.errors import Refused
from portal.services.funding import advance, requests as funding_requests
from tests.helpers.accounts import make_account, signed_in
from tests.helpers.pages import html
from tests.helpers.enrolment import database, error
from tests.helpers.funding import COUNTS, URL, send


def csrf_of(client) -> str:
    return html(client.get("/espace/aide/contacter-l-assistance")).find(
        "input", attrs={"name": "csrf_token"})["value"]


def pdf_text(data: bytes) -> str:
    """The text shown by a PDF of fpdf2 (its page streams inflated, the strings of Tj read)."""
    shown = []
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            content = zlib.decompress(stream)
        except zlib.error:
            continue
        shown += [s.replace(rb"\(", b"(").replace(rb"\)", b")").replace(rb"\\", b"\\")
                  for s in re.findall(rb"\((.*?)(?<!\\)\) ?Tj", content, re.S)]
    return " ".join(part.decode("cp1252") for part in shown)


def test_the_page_shows_the_recap_and_the_six_counts(client):
    page = html(client.get(URL))
    recap = page.find(id="recapitulatif").parent.get_text(" ", strip=True)
    assert "MSS-2023-0001" in recap and "73282932000074" in recap and "FINMSS" in recap
    assert [t.get_text(strip=True) for t in page.select(".fr-tabs__tab")] == [
        "1- Ma demande d'avance", "2- Ma demande de solde"]
    labels = [page.find("label", attrs={"for": name}).get_text(strip=True) for name in COUNTS]
    assert labels == ["Nombre de BAL applicatives", "Nombre de BAL organisationnelles",
                      "Nombre de BAL personnelles"] * 2
    facts = page.find(id="avance").get_text(" ", strip=True)
    assert "20 %" in facts and "6\u202f666,67\u00a0€ HT" in facts


def test_counts_are_checked_beside_each_field(app, client):
    response = send(client, htmx=True, current_applicative="", current_organisational="12,5",
                    closing_personal="-3")
    assert response.status_code == 422
    page = html(response)
    assert error(page, "current_applicative") == funding_requests.COUNT_REQUIRED
    assert error(page, "current_organisational") == funding_requests.COUNT_INVALID
    assert error(page, "closing_personal") == funding_requests.COUNT_INVALID
    assert page.find(id="current_organisational")["value"] == "12,5"
    with database(app):
        assert FundingRequest.select().count() == 0


def test_valider_decides_the_advance_with_its_pdf_and_mail(app, client, operator):
    response = send(client, **COUNTS)
    assert response.status_code == 303
    with database(app):
        advance = FundingRequest.get()
        enrolment_number = advance.enrolment.number
        events = [(e.from_status, e.to_status) for e in advance.events.order_by(FundingEvent.id)]
        mail = OutboxMessage.get(OutboxMessage.related == f"funding:{advance.id}")
    assert advance.number == f"{advance.dossier}-M0" and advance.dossier.startswith("FINMSS")
    assert (advance.status, advance.current_applicative, advance.closing_applicative) == (
        "decided", 1200, 3000)
    assert (advance.amount_ht, advance.amount_ttc) == (Decimal("6666.67"), Decimal("8000.00"))
    # Validated then decided by the portal, within the form channel's envelope (guide 001).
    assert events == [(None, "in_progress"), ("in_progress", "validated"), ("validated", "decided")]
    assert mail.recipient == operator.email and "décidée" in mail.subject
    assert "6\u202f666,67\u00a0€ HT" in mail.body_text
    page = html(client.get(URL))
    assert "Décidée" in page.find(id="avance").get_text()
    link = page.find("a", href=f"/espace/financement/{advance.number}/decision.pdf")
    pdf = client.get(link["href"])
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert "Courriels automatiquement envoyés" in page.get_text()
    again = client.post(f"{URL}?enrolement={enrolment_number}",
                        data={**COUNTS, "csrf_token": csrf_of(client)})
    assert again.status_code == 422 and funding_requests.ALREADY in html(again).get_text()


def test_the_decision_is_readable(app, client):
    send(client, **COUNTS)
    with database(app):
        advance = FundingRequest.get()
    data = client.get(f"/espace/financement/{advance.number}/decision.pdf").data
    text = pdf_text(data)
    for expected in ("Décision d'attribution de l'aide", advance.number, "MEDIMAIL SOLUTIONS",
                     "73282932000074", "6 666,67 €", "8 000,00 €",
                     "20 %"):
        assert expected in text, expected


def test_the_decision_is_dated_by_its_day_in_paris(app, client):
    send(client, **COUNTS)
    with database(app):  # decided at 23:30 UTC on 31 March 2026: 1 April in Paris
        advance = FundingRequest.get()
        FundingEvent.update(created_at=datetime.datetime(2026, 3, 31, 23, 30)).where(
            FundingEvent.request == advance, FundingEvent.to_status == "decided").execute()
    text = pdf_text(client.get(f"/espace/financement/{advance.number}/decision.pdf").data)
    assert "Fait à Limoges, le 01/04/2026." in text and "31/03/2026" not in text


def test_others_and_anticipated_enrolments(app, client, operator):
    send(client, **COUNTS)
    with database(app):
        advance = FundingRequest.get()
    other = signed_in(app.test_client(), make_account(app, OPERATOR, email="autre@example.fr"))
    assert other.get(f"/espace/financement/{advance.number}/decision.pdf").status_code == 404
    page = html(other.get(URL))
    assert "dès qu'un enrôlement MSS de votre compte sera validé" in page.get_text()
    with database(app):
        Enrolment.update(status=PARTIAL, anticipated=True).execute()
    page = html(client.get(URL))
    assert "doit être finalisé" in page.get_text()
    assert app.test_client().get(URL).status_code in (302, 303)


def test_an_advance_filed_meanwhile_from_another_tab_is_said(app, client, operator, monkeypatch):
    assert send(client, **COUNTS).status_code == 303
    monkeypatch.setattr(funding_requests, "requests_of", lambda enrolment: {})  # the race
    with database(app):
        enrolment = Enrolment.select().first()
        with pytest.raises(Refused) as refused:
            advance.file_advance(enrolment, operator, {k: v for k, v in COUNTS.items()})
    assert refused.value.errors == {"action": funding_requests.ALREADY}


def test_odd_counts_and_names_never_break_the_page(app, client):
    response = send(client, **{**COUNTS, "current_applicative": "²", "closing_applicative": "9" * 5000})
    assert response.status_code == 422
    assert error(html(response), "current_applicative") == funding_requests.COUNT_INVALID
    with database(app):
        Enrolment.update(denomination="ŁÓDŹ MED 🚀").execute()
    assert send(client, **COUNTS).status_code == 303
    with database(app):
        number = FundingRequest.get().number
    assert client.get(f"/espace/financement/{number}/decision.pdf").status_code == 200
    assert client.get("/espace/financement/?depot_du=0001-01-01&depot_au=9999-12-31").status_code == 200
