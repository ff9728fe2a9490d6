"""« Importer mes modèles de pièces justificatives » (guide 003 §5.3): the 2-step import — a file
checked at once with the real deposit's rules (formats, 4 Mo, magic bytes, a readable PDF and its
pages), then « Valider l'import » — the imports not validated, deleted only before validation and
only by their owner; the screen open to validated and partially validated enrolments only."""
import pytest

from portal.models import Document, DocumentTemplate, DocumentTemplateEvent, Enrolment, OutboxMessage
from portal.models.enrolment import IN_PROGRESS, PARTIAL
from portal.services.core import pdf_reading
from portal.services.templates import submissions
from tests.helpers.accounts import make_account, manager_client, signed_in
from tests.helpers.enrolment import HTMX, database
from tests.helpers.pages import html
from tests.helpers.templates import PAGE, csrf, imported_and_sent, latest, pdf, post, upload


def cells(row):
    return [td.get_text(" ", strip=True) for td in row.find_all("td")]


def test_the_menu_leads_to_the_screen_with_its_two_parts(client):
    home = html(client.get("/espace/"))
    link = home.find("a", string="Importer mes modèles de pièces justificatives")
    assert link["href"] == PAGE
    page = html(client.get(PAGE))
    assert page.h1.get_text(strip=True) == "Importer mes modèles de pièces justificatives"
    headings = [h.get_text(strip=True) for h in page.find_all("h2")]
    assert "Historique" in headings and "Ajouter un modèle de document" in headings
    options = [o.get_text(strip=True) for o in page.select("#kind option") if o["value"]]
    assert options == ["Fichier de preuve de déploiement de l'interface API LPS/DUI",
                       "Guide PDF Editeur et Client final de connexion à l'API",
                       "Facture acquittée correspondant au bon de commande (ou devis signé) "
                       "transmis lors de l'enrôlement", "Bon de commande"]


def test_an_accepted_pdf_is_answered_at_once_with_its_pages(app, client):
    response = upload(client, content=pdf(3), htmx=True)
    assert response.status_code == 204
    target = response.headers["HX-Location"]
    assert '"target": "#import"' in target
    template = latest(app)
    assert template.status == "imported" and template.page_count == 3
    answer = client.get(f"{PAGE}?import={template.id}", headers=HTMX)
    body = answer.get_data(as_text=True)
    assert "<html" not in body
    alert = html(answer).select_one(".fr-alert--success")
    title = alert.find(attrs={"data-focus-on-swap": True})
    assert title.get_text(strip=True) == "Le fichier « guide.pdf » est accepté"
    assert alert["role"] == "status"
    assert "PDF, 3 pages" in alert.get_text()
    assert alert.find("button").get_text(" ", strip=True).startswith("Valider l'import")
    with database(app):
        (event,) = DocumentTemplateEvent.select()
        assert (event.from_status, event.to_status, event.actor) == (
            None, "imported", "Claire Martin (Opérateur)")
        assert OutboxMessage.select().where(OutboxMessage.related.startswith("template")).count() == 0


def test_without_javascript_the_import_redirects_to_its_answer(app, client):
    response = upload(client, kind="api_proof", content="Preuve de déploiement.".encode(),
                      name="preuve.txt")
    assert response.status_code == 303
    template = latest(app)
    assert response.headers["Location"].endswith(f"{PAGE}?import={template.id}")
    page = html(client.get(response.headers["Location"]))
    assert "Le fichier « preuve.txt » est accepté" in page.select_one(".fr-alert--success").get_text()
    (row,) = page.select("#imports-non-valides tbody tr")
    assert cells(row)[0] == "Fichier de preuve de déploiement de l'interface API LPS/DUI"
    assert "texte" in cells(row)[3]


@pytest.mark.parametrize("kind, content, name, message", [
    ("api_proof", b"\x89PNG\r\n\x1a\n" + b"0" * 64, "capture.png",
     "Le format de ce fichier n'est pas accepté. Formats acceptés : txt, pdf."),
    ("api_guide", b"%PDF-1.7\n" + b"0" * (4 * 1024 * 1024), "gros.pdf",
     "Le fichier dépasse la taille maximale de 4 Mo."),
    ("api_guide", b"Ceci n'est pas un PDF.", "faux.pdf",
     "Le contenu de ce fichier ne correspond pas à son extension : il est peut-être endommagé."),
    ("purchase_order", b"%PDF-1.7\n%garbage without any object\n", "casse.pdf", pdf_reading.UNREADABLE),
    ("paid_invoice", pdf(1, password="secret"), "protege.pdf", pdf_reading.ENCRYPTED),
    ("api_proof", b"\xff\xfe\x00t\x00e\x00x\x00t", "utf16.txt",
     "Ce fichier texte n'est pas lisible (encodage UTF-8 attendu)."),
])
def test_a_refused_file_says_why_next_to_the_field(app, client, kind, content, name, message):
    with database(app):
        documents = Document.select().count()
    response = upload(client, kind=kind, content=content, name=name, htmx=True)
    assert response.status_code == 422
    assert "<html" not in response.get_data(as_text=True)
    page = html(response)
    assert page.find(id="file-messages").get_text(strip=True) == message
    assert page.find(id="file")["aria-invalid"] == "true"
    alert = page.select_one(".fr-alert--error")
    assert alert["role"] == "alert"
    assert alert.find(attrs={"data-focus-on-swap": True}).get_text(strip=True) == "Le fichier doit être modifié"
    assert page.select_one("#kind option[selected]")["value"] == kind  # the type chosen is kept
    with database(app):
        assert DocumentTemplate.select().count() == 0 and Document.select().count() == documents


def test_a_type_and_a_file_are_required(app, client):
    token = csrf(client)
    response = client.post(PAGE, data={"csrf_token": token, "kind": ""})
    assert response.status_code == 422 and "<html" in response.get_data(as_text=True)
    page = html(response)
    assert page.find(id="kind-messages").get_text(strip=True) == submissions.KIND_REQUIRED
    assert page.find(id="file-messages").get_text(strip=True) == submissions.FILE_REQUIRED


def test_validating_sends_it_for_review_and_mails_it(app, client, operator):
    template = imported_and_sent(app, client)
    assert template.status == "pending" and template.submitted_at is not None
    page = html(client.get(PAGE))
    assert "est « En attente d'instruction »" in page.select_one("#messages").get_text()
    assert page.select("#imports-non-valides") == []
    (row,) = page.select("#historique-modeles tbody tr")
    assert cells(row)[0] == "Guide PDF Editeur et Client final de connexion à l'API"
    assert cells(row)[1].startswith("guide.pdf") and cells(row)[3] == "En attente d'instruction"
    with database(app):
        mail = OutboxMessage.get(OutboxMessage.related == f"template:{template.id}")
        assert mail.recipient == operator.email
        assert mail.subject == "Votre modèle de pièce justificative est envoyé à l'ASP"
        events = [(e.from_status, e.to_status) for e in DocumentTemplateEvent.select().order_by(DocumentTemplateEvent.id)]
        assert events == [(None, "imported"), ("imported", "pending")]
    # validating twice does nothing more
    again = post(client, f"{PAGE}{template.id}/valider")
    assert again.status_code == 303
    assert "Cet import est déjà validé." in html(client.get(PAGE)).select_one("#messages").get_text()
    with database(app):
        assert OutboxMessage.select().where(OutboxMessage.related == f"template:{template.id}").count() == 1


def test_an_import_not_validated_is_deleted_after_a_confirmation(app, client):
    with database(app):
        documents = Document.select().count()
    upload(client, content=pdf(1))
    template = latest(app)
    confirm = html(client.get(f"{PAGE}{template.id}/supprimer"))
    assert confirm.h1.get_text(strip=True) == "Supprimer l'import « guide.pdf »"
    assert post(client, f"{PAGE}{template.id}/supprimer").status_code == 303
    assert "L'import « guide.pdf » est supprimé." in html(client.get(PAGE)).select_one("#messages").get_text()
    with database(app):
        assert DocumentTemplate.select().count() == 0 and Document.select().count() == documents


def test_a_validated_template_can_no_longer_be_deleted(app, client):
    template = imported_and_sent(app, client)
    assert client.get(f"{PAGE}{template.id}/supprimer").status_code == 404
    assert post(client, f"{PAGE}{template.id}/supprimer").status_code == 404
    with database(app):
        assert DocumentTemplate.select().count() == 1


def test_another_operator_neither_sees_validates_deletes_nor_downloads_it(app, client):
    upload(client, content=pdf(1))
    template = latest(app)
    other = signed_in(app.test_client(), make_account(app, email="autre@example.fr"))
    for url in (f"{PAGE}{template.id}/supprimer", f"{PAGE}{template.id}/fichier"):
        assert other.get(url).status_code == 404
    for url in (f"{PAGE}{template.id}/supprimer", f"{PAGE}{template.id}/valider"):
        assert other.post(url, data={"csrf_token": csrf(other, "/mon-compte/jetons-api/")}).status_code == 404
    assert latest(app).status == "imported"
    shown = html(other.get(f"{PAGE}?import={template.id}"))  # no enrolment of its own
    assert "guide.pdf" not in shown.get_text() and shown.select_one(".fr-alert--info")
    own = client.get(f"{PAGE}{template.id}/fichier")
    assert own.status_code == 200 and own.headers["Content-Disposition"].startswith("attachment")


def test_only_validated_or_partially_validated_enrolments_open_the_screen(app, client, operator):
    with database(app):
        Enrolment.update(status=PARTIAL).execute()
    assert client.get(PAGE).status_code == 200
    with database(app):
        Enrolment.update(status=IN_PROGRESS).execute()
    closed = html(client.get(PAGE))
    assert closed.select_one(".fr-alert--info").get_text(strip=True) == submissions.NOT_OPEN
    assert closed.find("form", attrs={"enctype": "multipart/form-data"}) is None
    token = closed.find("input", attrs={"name": "csrf_token"})["value"]
    refused = client.post(PAGE, data={"csrf_token": token, "kind": "api_guide"})
    assert refused.status_code == 403
    with database(app):
        assert DocumentTemplate.select().count() == 0


def test_a_manager_is_refused_the_operator_screen(app):
    assert manager_client(app).get(PAGE).status_code == 403


def test_imports_not_validated_are_capped(app, client, monkeypatch):
    monkeypatch.setattr(submissions, "MAX_IMPORTS", 2)
    for _ in range(2):
        assert upload(client, content=pdf(1)).status_code == 303
    response = upload(client, content=pdf(1))
    assert response.status_code == 422
    assert "imports non validés" in html(response).find(id="file-messages").get_text()
