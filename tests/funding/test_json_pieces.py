"""« Ajouter des pièces » of a request filed from a JSON that a manager sent back (guide 003
§5.1 « Action », §5.2 « Pièces justificatives »): the supplier reads what was asked, adds pieces,
may delete one before validating, and « Valider mon ajout de pièces » sends the request back « En
cours » through the workflow (history row, mail); only its account, only in those two statuses."""
import pytest

from portal.models import Document, FundingEvent, OutboxMessage
from portal.models.accounts import OPERATOR
from portal.services.funding import pieces, workflow
from tests.helpers.accounts import make_account, signed_in
from tests.helpers.enrolment import HTMX, database, error, fixture_file
from tests.helpers.funding import STAFF, decide
from tests.helpers.pages import html

ASKED = "Joignez la facture signée par l'établissement 130786049."


@pytest.fixture
def owner(app, dossier):
    return signed_in(app.test_client(), dossier[0])


def url(request, tail=""):
    return f"/espace/financement/{request.number}/pieces/{tail}"


def token(client, request) -> str:
    return html(client.get(url(request))).find("input", attrs={"name": "csrf_token"})["value"]


def send(client, request, tail="", htmx=False, **files):
    csrf = token(client, request)
    headers = {**HTMX, "X-CSRFToken": csrf} if htmx else {}
    return client.post(url(request, tail), data={"csrf_token": csrf, **files}, headers=headers,
                       content_type="multipart/form-data")


def events(app, request):
    with database(app):
        return list(FundingEvent.select().where(FundingEvent.request == request.id)
                    .order_by(FundingEvent.id))


def status(app, request):
    return events(app, request)[-1].to_status


def pending_ids(app, request):
    with database(app):
        return [d.id for d in Document.select().where(Document.pending_request == request.id)]


@pytest.mark.parametrize("action", [workflow.TO_CHANGE, workflow.ASK_DOCUMENT])
def test_the_supplier_answers_with_pieces_and_the_request_is_in_progress_again(
        app, dossier, staff, owner, action):
    _, _, balance = dossier
    assert decide(staff, balance.number, action, comment=ASKED).status_code == 303
    row = next(r for r in html(owner.get("/espace/financement/")).select(
        "#financements-table tbody tr") if r.td.get_text(strip=True) == balance.number)
    adding = [a["href"] for a in row.select("a") if "Ajouter des pièces" in a.get_text()]
    assert adding == [url(balance)]
    consulted = html(owner.get(f"/espace/financement/{balance.number}"))
    assert consulted.find("a", href=url(balance)).get_text(strip=True) == "Ajouter des pièces"
    page = html(owner.get(url(balance)))
    assert ASKED in page.find(class_="fr-callout").get_text()
    assert page.find("label", attrs={"for": "piece"}).get_text(" ", strip=True).startswith("Facture")
    wrong = send(owner, balance, htmx=True, piece=fixture_file("notes.txt", "facture.txt"))
    assert wrong.status_code == 422 and "Formats acceptés" in error(html(wrong), "piece")
    added = send(owner, balance, htmx=True, piece=fixture_file("document.pdf", "facture.pdf"))
    assert added.status_code == 200 and html(added).find("html") is None
    assert "Pièce ajoutée : facture.pdf" in html(added).find(role="status").get_text()
    assert "facture.pdf" not in html(staff.get(STAFF + balance.number)).find(id="pieces").get_text()
    done = send(owner, balance, "valider")
    assert done.status_code == 303 and done.location.endswith(f"/espace/financement/{balance.number}")
    moved = events(app, balance)[-1]
    assert (moved.from_status, moved.to_status, moved.actor_account_id) == (
        "to_modify" if action == workflow.TO_CHANGE else "awaiting_document", "in_progress",
        dossier[0].id)
    assert "Pièces ajoutées : facture.pdf (Facture)" in moved.comment
    with database(app):
        mail = (OutboxMessage.select().where(OutboxMessage.related == f"funding:{balance.id}")
                .order_by(OutboxMessage.id.desc()).first())
    assert "de nouveau en cours d'instruction" in mail.subject and "facture.pdf" in mail.body_text
    managed = html(staff.get(STAFF + balance.number))
    assert "facture.pdf" in managed.find(id="pieces").get_text()
    assert "Pièces ajoutées : facture.pdf" in managed.get_text() and "Valider" in managed.get_text()
    assert "Ajouter des pièces" not in html(owner.get("/espace/financement/")).get_text()


def test_validating_needs_a_piece(app, dossier, staff, owner):
    _, _, balance = dossier
    decide(staff, balance.number, workflow.ASK_DOCUMENT, comment=ASKED)
    bare = send(owner, balance, "valider", htmx=True)
    assert bare.status_code == 422 and workflow.PIECES_EXPECTED in html(bare).find(role="alert").get_text()
    assert status(app, balance) == "awaiting_document"


def test_a_piece_is_deleted_only_before_validation(app, dossier, staff, owner):
    _, _, balance = dossier
    decide(staff, balance.number, workflow.TO_CHANGE, comment=ASKED)
    send(owner, balance, piece=fixture_file("document.pdf", "erreur.pdf"))
    send(owner, balance, piece=fixture_file("document.pdf", "bonne.pdf"))
    wrong, right = pending_ids(app, balance)
    assert owner.get(url(balance, wrong)).status_code == 200  # its own, downloadable
    gone = send(owner, balance, f"{wrong}/supprimer")
    assert gone.status_code == 303
    assert "Pièce supprimée : erreur.pdf" in html(owner.get(url(balance))).get_text()
    assert pending_ids(app, balance) == [right]
    assert send(owner, balance, "valider").status_code == 303
    late = send(owner, balance, f"{right}/supprimer")
    assert late.status_code == 422
    with database(app):
        kept = Document.get_by_id(right)
        assert (kept.funding_request_id, kept.pending_request_id) == (balance.id, None)
        assert Document.get_or_none(Document.id == wrong) is None
    assert "bonne.pdf" in html(staff.get(STAFF + balance.number)).find(id="pieces").get_text()


def test_only_in_the_two_statuses(app, dossier, staff, owner):
    _, advance, balance = dossier  # the balance « En cours », its advance « Décidée »
    for found in (advance, balance):
        page = html(owner.get(url(found)))
        assert "n'attend pas de pièce complémentaire" in page.find(id="pieces").get_text()
        assert page.find("input", attrs={"name": "piece"}) is None
        refused = send(owner, found, htmx=True, piece=fixture_file("document.pdf"))
        assert refused.status_code == 422 and "n'attend pas" in html(refused).get_text()
        assert send(owner, found, "valider").status_code == 422
        assert pending_ids(app, found) == []
    decide(staff, balance.number, workflow.REJECT, comment="Facture non conforme.")
    assert send(owner, balance, htmx=True, piece=fixture_file("document.pdf")).status_code == 422


def test_only_the_requests_account(app, dossier, staff, owner):
    _, _, balance = dossier
    decide(staff, balance.number, workflow.ASK_DOCUMENT, comment=ASKED)
    send(owner, balance, piece=fixture_file("document.pdf", "facture.pdf"))
    [piece] = pending_ids(app, balance)
    other = signed_in(app.test_client(), make_account(app, OPERATOR, email="autre@example.fr"))
    assert other.get(url(balance)).status_code == 404
    assert other.get(url(balance, piece)).status_code == 404
    csrf = html(other.get("/espace/financement/")).find("input", attrs={"name": "csrf_token"})
    for tail in ("", f"{piece}/supprimer", "valider"):
        answer = other.post(url(balance, tail), data={"csrf_token": csrf["value"] if csrf else ""})
        assert answer.status_code in (400, 404)
    assert pending_ids(app, balance) == [piece] and status(app, balance) == "awaiting_document"
    assert staff.get(url(balance)).status_code in (302, 403)


def test_a_round_holds_a_bounded_number_of_pieces(app, dossier, staff, owner, monkeypatch):
    _, _, balance = dossier
    decide(staff, balance.number, workflow.ASK_DOCUMENT, comment=ASKED)
    monkeypatch.setattr(pieces, "MAX_PENDING", 1)
    assert send(owner, balance, piece=fixture_file("document.pdf", "une.pdf")).status_code == 303
    assert html(owner.get(url(balance))).find("input", attrs={"name": "piece"}) is None
    refused = send(owner, balance, htmx=True, piece=fixture_file("document.pdf", "deux.pdf"))
    assert refused.status_code == 422 and error(html(refused), "piece") == pieces.TOO_MANY
    assert len(pending_ids(app, balance)) == 1
