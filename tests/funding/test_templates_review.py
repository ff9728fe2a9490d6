"""« Instruction » › « Modèles de pièces justificatives »: the managers' queue (filters by status
and type), the review page with the document shown in the browser behind the staff's check, the
decision (« Accepter », « Rejeter » with a required comment) on the kernel, audited and mailed;
then the balance form saying that a template of a type was accepted."""
import datetime
import io

import pytest
from PIL import Image

from portal.models import DocumentTemplate, DocumentTemplateEvent, OutboxMessage
from portal.services.templates import workflow
from tests.helpers.accounts import make_account, manager_client, signed_in
from tests.helpers.enrolment import HTMX, database
from tests.helpers.funding import COUNTS, URL as FUNDING, send
from tests.helpers.pages import html
from tests.helpers.templates import (PAGE, STAFF, decide, imported_and_sent, latest, pdf, post,
                                    upload)


@pytest.fixture
def manager(app):
    return manager_client(app)


def rows(page):
    return [[td.get_text(" ", strip=True) for td in tr.find_all("td")]
            for tr in page.select("#modeles-a-instruire tbody tr")]


def test_the_queue_lists_templates_sent_and_filters_them(app, client, manager):
    imported_and_sent(app, client)
    upload(client, kind="api_proof", content=b"preuve", name="preuve.txt")  # not validated
    menu = html(manager.get("/gestion/enrolements"))
    assert menu.find("a", string="Modèles de pièces justificatives")["href"] == STAFF
    page = html(manager.get(STAFF))
    (row,) = rows(page)
    assert row[2] == "Guide PDF Editeur et Client final de connexion à l'API"
    assert row[3] == "guide.pdf" and row[4] == "En attente d'instruction"
    assert row[5].startswith("Instruire")
    assert rows(html(manager.get(STAFF + "?statut=accepted"))) == []
    assert rows(html(manager.get(STAFF + "?type=api_proof"))) == []
    fragment = manager.get(STAFF + "?statut=pending&type=api_guide", headers=HTMX)
    assert "<html" not in fragment.get_data(as_text=True) and len(rows(html(fragment))) == 1


def test_an_operator_is_refused_the_back_office(app, client):
    template = imported_and_sent(app, client)
    for url in (STAFF, f"{STAFF}{template.id}", f"{STAFF}{template.id}/document"):
        assert client.get(url).status_code == 403


def test_an_import_not_validated_is_not_the_managers(app, client, manager):
    upload(client, content=pdf(1))
    template = latest(app)
    assert manager.get(f"{STAFF}{template.id}").status_code == 404
    assert manager.get(f"{STAFF}{template.id}/document").status_code == 404


def test_the_pdf_is_shown_inline_never_framed(app, client, manager):
    """Chromium's PDF viewer shows nothing under a `sandbox` or `object-src 'none'` policy: the PDF
    is only kept out of frames; an image keeps the sandbox (below)."""
    template = imported_and_sent(app, client)
    page = html(manager.get(f"{STAFF}{template.id}"))
    link = page.find("a", string="Ouvrir le document dans le navigateur")
    assert link["href"] == f"{STAFF}{template.id}/document"
    response = manager.get(link["href"])
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("inline")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Security-Policy"] == "frame-ancestors 'none'"
    assert response.headers["Cache-Control"] == "no-store"


def test_an_image_is_previewed_on_the_review_page(app, client, manager):
    png = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(png, "PNG")
    upload(client, content=png.getvalue(), name="capture.png")
    template = latest(app)
    post(client, f"{PAGE}{template.id}/valider")
    img = html(manager.get(f"{STAFF}{template.id}")).select_one("figure img")
    assert img["src"] == f"{STAFF}{template.id}/document"
    shown = manager.get(img["src"])
    assert shown.headers["Content-Type"] == "image/png"
    assert shown.headers["Content-Disposition"].startswith("inline")
    assert shown.headers["Content-Security-Policy"].startswith("sandbox")


def test_a_rejection_needs_a_comment(app, client, manager):
    template = imported_and_sent(app, client)
    response = manager.post(f"{STAFF}{template.id}", headers={**HTMX, "X-CSRFToken": html(
        manager.get(f"{STAFF}{template.id}")).find("input", attrs={"name": "csrf_token"})["value"]},
        data={"action": workflow.REJECT, "comment": "  "})
    assert response.status_code == 422 and "<html" not in response.get_data(as_text=True)
    assert html(response).find(id="comment-messages").get_text(strip=True) == workflow.REASON_REQUIRED
    assert latest(app).status == "pending"


def test_rejected_then_a_new_one_accepted_mailed_and_in_the_history(app, client, manager, operator):
    first = imported_and_sent(app, client)
    assert decide(manager, first, workflow.REJECT, "Le guide doit montrer l'URL de l'API.").status_code == 303
    rejected = latest(app)
    assert rejected.status == "rejected" and rejected.comment == "Le guide doit montrer l'URL de l'API."
    assert rejected.decided_by_id is not None and rejected.decided_at is not None
    second = imported_and_sent(app, client, name="guide-v2.pdf")
    assert decide(manager, second, workflow.ACCEPT).status_code == 303
    page = html(client.get("/espace/financement/modeles/"))
    history = [[td.get_text(" ", strip=True) for td in tr.find_all("td")]
               for tr in page.select("#historique-modeles tbody tr")]
    assert [(r[1].split(" ")[0], r[3], r[4]) for r in history] == [
        ("guide-v2.pdf", "Accepté", ""), ("guide.pdf", "Rejeté", "Le guide doit montrer l'URL de l'API.")]
    with database(app):
        subjects = [m.subject for m in OutboxMessage.select().where(
            OutboxMessage.related.in_([f"template:{first.id}", f"template:{second.id}"]))
            .order_by(OutboxMessage.id)]
        assert subjects == ["Votre modèle de pièce justificative est envoyé à l'ASP",
                            "Votre modèle de pièce justificative est rejeté",
                            "Votre modèle de pièce justificative est envoyé à l'ASP",
                            "Votre modèle de pièce justificative est accepté"]
        rejection = OutboxMessage.get(OutboxMessage.subject == "Votre modèle de pièce justificative est rejeté")
        assert rejection.recipient == operator.email
        assert "Le guide doit montrer l'URL de l'API." in rejection.body_text
        events = [(e.to_status, e.actor_role, e.comment) for e in
                  DocumentTemplateEvent.select().where(DocumentTemplateEvent.template == first.id)
                  .order_by(DocumentTemplateEvent.id)]
        assert events[-1] == ("rejected", "manager", "Le guide doit montrer l'URL de l'API.")
    review = html(manager.get(f"{STAFF}{second.id}"))
    assert review.find("form", attrs={"action": f"{STAFF}{second.id}"}) is None  # decided
    assert [td.get_text(strip=True) for td in review.select("#historique tbody tr td:nth-of-type(2)")] == [
        "Importé — non validé", "En attente d'instruction", "Accepté"]
    # the first decision wins: deciding again is refused
    again = decide(manager, second, workflow.REJECT, "Trop tard.")
    assert again.status_code == 422 and latest(app).status == "accepted"


def test_the_balance_form_says_a_template_of_its_type_was_accepted(app, client, manager):
    assert send(client, **COUNTS).status_code == 303  # the advance, decided: the balance opens
    zone = html(client.get(FUNDING + "?onglet=solde")).select_one("#upload-api_guide .fr-hint-text")
    assert "Un modèle de ce type" not in zone.get_text()
    template = imported_and_sent(app, client)
    decide(manager, template, workflow.ACCEPT)
    with database(app):
        DocumentTemplate.update(decided_at=datetime.datetime(2026, 12, 2, 10, 0)).execute()
    page = html(client.get(FUNDING + "?onglet=solde"))
    assert page.select_one("#upload-api_guide .fr-hint-text").get_text(strip=True).startswith(
        "Un modèle de ce type a été accepté par l'ASP le 02/12/2026.")
    assert "Un modèle de ce type" not in page.select_one("#upload-api_proof .fr-hint-text").get_text()


def test_another_operators_accepted_template_says_nothing(app, client, manager, operator):
    assert send(client, **COUNTS).status_code == 303
    other = signed_in(app.test_client(), make_account(app, email="autre@example.fr"))
    assert "dès qu'un enrôlement" in html(other.get("/espace/financement/modeles/")).get_text()
    template = imported_and_sent(app, client)
    decide(manager, template, workflow.ACCEPT)
    with database(app):
        DocumentTemplate.update(account=make_account(app, email="tiers@example.fr")).execute()
    zone = html(client.get(FUNDING + "?onglet=solde")).select_one("#upload-api_guide .fr-hint-text")
    assert "Un modèle de ce type" not in zone.get_text()
