"""Step 2, « Dépôt des pièces justificatives », through the routes: one zone per request, the
answer as a fragment, the import complete once every request has its document (« En cours »,
audited, one mail, the output JSON updated), and only for the import's account."""
import io
import json

from portal.models import FundingEvent, FundingRequest, JsonImport, OutboxMessage
from tests.helpers.accounts import make_account, manager_client, signed_in
from tests.helpers.enrolment import HTMX, FIXTURES, database
from tests.helpers.json_reports import file
from tests.helpers.pages import html

PDF = (FIXTURES / "document.pdf").read_bytes()


def pieces(filed):
    return f"/espace/importations/{filed.id}/pieces"


def requests_of(app, filed):
    with database(app):
        return list(FundingRequest.select().where(FundingRequest.json_import == filed.id)
                    .order_by(FundingRequest.id))


def token(client, filed):
    return html(client.get(pieces(filed))).select_one("input[name=csrf_token]")["value"]


def deposit(client, filed, request, content=PDF, name="bon-de-commande.pdf", htmx=True):
    headers = {**HTMX, "X-CSRFToken": token(client, filed)} if htmx else {}
    data = {f"demande-{request.id}": (io.BytesIO(content), name)}
    if not htmx:
        data["csrf_token"] = token(client, filed)
    return client.post(f"{pieces(filed)}/{request.id}", data=data, headers=headers,
                       content_type="multipart/form-data")


def test_the_page_has_one_zone_per_retained_request(app, supplier, client):
    filed = file(app, *supplier)
    response = client.get(pieces(filed))
    page = html(response)
    assert response.status_code == 200 and "<html" in response.get_data(as_text=True)
    labels = [label.get_text(" ", strip=True) for label in page.select("#pieces label.fr-label")
              if label.get("for", "").startswith("demande-")]
    assert len(labels) == 2
    assert labels[0].startswith("Bon de commande ou devis signé — demande n° éditeur ED-001")
    assert "2 pièces justificatives à déposer sur 2 demandes" in page.select_one(
        "#pieces-manquantes").get_text()
    assert "Étape 2 sur 2" in page.select_one(".fr-stepper").get_text()


def test_a_document_by_its_zone_answers_a_fragment(app, supplier, client):
    filed = file(app, *supplier)
    first = requests_of(app, filed)[0]
    response = deposit(client, filed, first)
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in body
    answer = html(response)
    assert "Fichier déposé : bon-de-commande.pdf" in answer.select_one(
        f"#demande-{first.id}-messages").get_text()
    assert "1 pièce justificative à déposer" in answer.select_one("#pieces-manquantes").get_text()
    assert requests_of(app, filed)[0].status_label == "Non complétée"


def test_a_wrong_file_is_refused_next_to_its_zone(app, supplier, client):
    filed = file(app, *supplier)
    first = requests_of(app, filed)[0]
    response = deposit(client, filed, first, b"not a pdf at all", "faux.pdf")
    assert response.status_code == 422
    answer = html(response)
    assert "ne correspond pas à son extension" in answer.select_one(
        f"#demande-{first.id}-messages").get_text()
    assert answer.select_one(f"#demande-{first.id}")["aria-invalid"] == "true"
    response = deposit(client, filed, first, PDF, "notes.txt")
    assert "Formats acceptés : pdf, png, jpg, jpeg" in html(response).get_text()


def test_the_last_document_files_the_requests_en_cours(app, supplier, client):
    filed = file(app, *supplier)
    first, second = requests_of(app, filed)
    assert deposit(client, filed, first).status_code == 200
    response = deposit(client, filed, second, name="devis-signe.pdf")
    assert response.status_code == 204 and response.headers["HX-Redirect"].endswith(pieces(filed))
    assert {r.status_label for r in requests_of(app, filed)} == {"En cours"}
    with database(app):
        json_import = JsonImport.get_by_id(filed.id)
        assert json_import.status_label == "Complet"
        output = json.loads(json_import.output_json)
        assert [d["statut"] for d in output["demandes"]] == ["En cours", "En cours",
                                                               "Rejetée à l'import"]
        moves = FundingEvent.select().where(FundingEvent.request == first.id,
                                            FundingEvent.to_status == "in_progress")
        assert [(e.from_status, e.actor_role) for e in moves] == [("incomplete", "holder")]
        mails = list(OutboxMessage.select().where(OutboxMessage.related == f"json_import:{filed.id}"))
    assert len(mails) == 1 and mails[0].recipient == "claire.martin@medimail.fr"
    assert "FINDPI000001-M0" in mails[0].body_text and "devis-signe.pdf" in mails[0].body_text
    page = html(client.get(pieces(filed)))
    assert "Import n° %d complet" % filed.id in page.get_text()
    assert not page.select("#pieces input[type=file]")  # no drop zone left (the thread has one)


def test_without_javascript_a_deposit_comes_back_to_the_page(app, supplier, client):
    filed = file(app, *supplier)
    first = requests_of(app, filed)[0]
    response = deposit(client, filed, first, htmx=False)
    assert response.status_code == 303 and response.headers["Location"].endswith(pieces(filed))
    page = html(client.get(pieces(filed)))
    assert "Fichier déposé : bon-de-commande.pdf" in page.select_one(
        f"#demande-{first.id}-messages").get_text()


def test_another_account_reaches_neither_the_import_nor_its_files(app, supplier):
    filed = file(app, *supplier)
    first = requests_of(app, filed)[0]
    other = signed_in(app.test_client(), make_account(app, email="autre@exemple.fr"))
    for url in (pieces(filed), f"/espace/importations/{filed.id}/json-de-sortie"):
        assert other.get(url).status_code == 404
    assert deposit(other, filed, first) .status_code in (400, 404)
    assert manager_client(app).get(pieces(filed)).status_code in (403, 404)


def test_the_output_json_is_downloaded_by_its_owner(app, supplier, client):
    filed = file(app, *supplier)
    response = client.get(f"/espace/importations/{filed.id}/json-de-sortie")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert json.loads(response.data)["demandes"][0]["numeroDemandeASP"] == "FINDPI000001-M0"


def test_incomplete_requests_are_unseen_until_complete(app, supplier, client):
    filed = file(app, *supplier)
    first, second = requests_of(app, filed)
    manager = manager_client(app)
    queue = manager.get("/gestion/financement/").get_data(as_text=True)
    assert first.number not in queue
    assert manager.get(f"/gestion/financement/{first.number}").status_code == 404
    assert first.number not in client.get("/espace/financement/").get_data(as_text=True)
    assert first.number not in client.get("/espace/financement/export.csv").get_data(as_text=True)
    assert first.number not in client.get("/espace/financement/suggestions?numero=FINDPI") \
        .get_data(as_text=True)
    deposit(client, filed, first)
    deposit(client, filed, second)
    assert first.number in manager.get("/gestion/financement/").get_data(as_text=True)
    assert manager.get(f"/gestion/financement/{first.number}").status_code == 200
    assert first.number in client.get("/espace/financement/").get_data(as_text=True)
