"""« Suivi des demandes incomplètes » (guide 003 §9) through the routes: the home's message, the
menu entry, the table of the account's incomplete requests, one zip for all of them across
imports (mismatches listed back, bad archives refused), and « Supprimer » for advances only,
after a confirmation, for one's own requests only, their history kept."""
import datetime
import io
import os

from portal.models import DeletedRequest, Document, JsonImport, OutboxMessage
from portal.services.core import storage
from tests.helpers.accounts import make_account, manager_client, signed_in
from tests.helpers.enrolment import HTMX, FIXTURES, database
from tests.helpers.json_reports import file, report, supplier as make_supplier, zip_of
from tests.helpers.pages import html
from tests.imports.filing.test_documents import deposit, requests_of

PDF = (FIXTURES / "document.pdf").read_bytes()
URL = "/espace/demandes-incompletes/"


def token(client):
    return html(client.get(URL)).select_one("input[name=csrf_token]")["value"]


def rows(response):
    """The cells as seen (the words for screen readers left out)."""
    page = html(response)
    for hidden in page.select(".fr-sr-only"):
        hidden.decompose()
    return [[c.get_text(" ", strip=True) for c in tr.select("td")]
            for tr in page.select("#demandes-incompletes-table tbody tr")]


def send_zip(client, content, name="pieces.zip"):
    return client.post(URL + "zip", data={"zip": (io.BytesIO(content), name)},
                       headers={**HTMX, "X-CSRFToken": token(client)},
                       content_type="multipart/form-data")


def delete(client, ids, confirm=False):
    data = {"demandes": [str(i) for i in ids], "csrf_token": token(client)}
    if confirm:
        data["confirmer"] = "1"
    return client.post(URL + "supprimer", data=data)


def two_imports(app, supplier):
    """ED-001, ED-002 (advances, import of 10 March) and SO-001 (a balance, 12 March)."""
    account, enrolment, corridor = supplier
    first = file(app, *supplier)
    second = file(app, account, enrolment, corridor, report(
        enrolment, ("SO-001",), (), kind="balance", advances={"SO-001": "FINDPI000001-M0"}))
    with database(app):
        for filed, day in ((first, 10), (second, 12)):
            JsonImport.update(created_at=datetime.datetime(2026, 3, day, 9)).where(
                JsonImport.id == filed.id).execute()
    return first, second


def test_the_home_says_so_and_leads_to_the_table(app, supplier, client):
    assert not html(client.get("/espace/")).select("#demandes-incompletes")
    two_imports(app, supplier)
    page = html(client.get("/espace/"))
    alert = page.select_one("#demandes-incompletes")
    assert "Vous avez 3 demandes non complétées" in alert.get_text()
    assert alert.find("a", string="Suivi des demandes incomplètes")["href"] == URL
    assert [a["href"] for a in page.select("nav a") if a.get_text() == "Suivi des demandes "
            "incomplètes"] == [URL]


def test_the_table_lists_the_accounts_incomplete_requests(app, supplier, client):
    first, second = two_imports(app, supplier)
    other_supplier_request = make_account(app, email="autre@exemple.fr")
    response = client.get(URL)
    assert response.status_code == 200 and "<html" in response.get_data(as_text=True)
    assert rows(response) == [
        ["ED-001", "FINDPI000001-M0", "Avance", "10/03/2026", "17/03/2026", "Ajouter", "Supprimer"],
        ["ED-002", "FINDPI000002-M0", "Avance", "10/03/2026", "17/03/2026", "Ajouter", "Supprimer"],
        ["SO-001", "FINDPI000001-M1", "Solde", "12/03/2026", "19/03/2026", "Ajouter", ""]]
    page = html(response)
    ed1 = requests_of(app, first)[0]
    assert page.select_one("a.fr-icon-add-line")["href"] == \
        f"/espace/importations/{first.id}/pieces#demande-{ed1.id}-zone"
    assert len(page.select("input[type=checkbox][form=suppression]")) == 2  # advances only
    fragment = client.get(URL + "?type=balance", headers=HTMX)
    assert "<html" not in fragment.get_data(as_text=True)
    assert [r[0] for r in rows(fragment)] == ["SO-001"]
    assert other_supplier_request  # an account without the channel sees nothing of it
    other = signed_in(app.test_client(), other_supplier_request)
    assert other.get(URL).status_code == 403
    assert "Suivi des demandes incomplètes" not in other.get("/espace/").get_data(as_text=True)


def test_completed_requests_leave_the_table(app, supplier, client):
    first, _ = two_imports(app, supplier)
    for request in requests_of(app, first):
        deposit(client, first, request)
    assert [r[0] for r in rows(client.get(URL))] == ["SO-001"]
    assert "Vous avez 1 demande non complétée" in html(client.get("/espace/")).select_one(
        "#demandes-incompletes").get_text()


def test_one_zip_completes_requests_of_two_imports(app, supplier, client):
    first, second = two_imports(app, supplier)
    response = send_zip(client, zip_of({"ED-001.pdf": PDF, "ED-002/devis.pdf": PDF,
                                        "SO-001.pdf": PDF, "ED-404.pdf": PDF}))
    assert response.status_code == 204 and response.headers["HX-Redirect"].endswith(URL)
    page = html(client.get(URL))
    message = page.select_one("#messages").get_text(" ", strip=True)
    assert "3 pièce(s) déposée(s) depuis l'archive" in message and "« En cours »" in message
    assert ("« ED-404.pdf » : aucune de vos demandes non complétées n'a le numéro éditeur "
            "« ED-404 »") in message
    assert "Vous n'avez aucune demande non complétée" in page.get_text()
    assert {r.status_label for r in requests_of(app, first) + requests_of(app, second)} == {
        "En cours"}
    with database(app):
        assert {i.status_label for i in JsonImport.select()} == {"Complet"}
        assert OutboxMessage.select().where(
            OutboxMessage.related.startswith("json_import:")).count() == 2
    assert "FINDPI000001-M1" in manager_client(app).get("/gestion/financement/").get_data(
        as_text=True)


def test_a_zip_completing_part_of_an_import_leaves_it_incomplete(app, supplier, client):
    first, _ = two_imports(app, supplier)
    send_zip(client, zip_of({"ED-001.pdf": PDF}))
    assert [r.status_label for r in requests_of(app, first)] == ["Non complétée"] * 2
    assert [r[0] for r in rows(client.get(URL))] == ["ED-001", "ED-002", "SO-001"]
    step2 = html(client.get(f"/espace/importations/{first.id}/pieces"))
    assert "Fichier déposé : ED-001.pdf" in step2.get_text()


def test_a_number_of_an_advance_and_a_balance_is_not_guessed(app, supplier, client):
    account, enrolment, corridor = supplier
    file(app, account, enrolment, corridor, report(enrolment, ("ED-001",), ()))
    file(app, account, enrolment, corridor, report(
        enrolment, ("ED-001",), (), kind="balance", advances={"ED-001": "FINDPI000001-M0"}))
    send_zip(client, zip_of({"ED-001.pdf": PDF}))
    message = html(client.get(URL)).select_one("#messages").get_text(" ", strip=True)
    assert "0 pièce(s) déposée(s)" in message
    assert "une demande d'avance et une demande de solde portent le numéro éditeur « ED-001 »" \
        in message


def test_a_bad_archive_is_refused_whole(app, supplier, client):
    two_imports(app, supplier)
    response = send_zip(client, b"pas une archive", "pieces.zip")
    assert response.status_code == 422 and "<html" not in response.get_data(as_text=True)
    assert "n'est pas une archive zip lisible" in html(response).select_one(
        "#zip-toutes-fichier-messages").get_text()
    evil = send_zip(client, zip_of({"../ED-001.pdf": PDF}))
    assert evil.status_code == 422 and "chemin interdit" in evil.get_data(as_text=True)
    with database(app):
        assert Document.select().where(Document.funding_request.is_null(False)).count() == 0


def test_without_javascript_a_refused_zip_gives_the_page(app, supplier, client):
    two_imports(app, supplier)
    response = client.post(URL + "zip", data={"csrf_token": token(client)},
                           content_type="multipart/form-data")
    assert response.status_code == 422 and "<html" in response.get_data(as_text=True)
    assert "Choisissez un fichier à déposer." in html(response).select_one(
        "#zip-toutes-fichier-messages").get_text()


def test_advances_are_deleted_after_confirmation_with_their_files(app, supplier, client):
    first, second = two_imports(app, supplier)
    ed1, ed2 = requests_of(app, first)
    deposit(client, first, ed1)
    with database(app):
        stored = storage.path_of(Document.get(Document.funding_request == ed1.id))
    asked = delete(client, [ed2.id])
    assert asked.status_code == 200
    confirm = html(asked)
    assert "Confirmez-vous la suppression de 1 demande d'avance ?" in confirm.get_text()
    assert "FINDPI000002-M0" in confirm.get_text()
    assert [r.number for r in requests_of(app, first)] == [ed1.number, ed2.number]
    done = delete(client, [ed2.id], confirm=True)
    assert done.status_code == 303 and done.headers["Location"].endswith(URL)
    page = html(client.get(URL))
    assert "1 demande(s) d'avance non complétée(s) supprimée(s)" in page.get_text()
    history = page.select_one("[aria-labelledby=historique-suppressions]").get_text(" ", strip=True)
    assert "FINDPI000002-M0 (numéro éditeur ED-002" in history
    assert "Supprimée par le fournisseur" in history
    # ED-001 had its document: the import, left with it alone, is complete
    assert [r.status_label for r in requests_of(app, first)] == ["En cours"]
    assert os.path.exists(stored)
    with database(app):
        assert DeletedRequest.select().count() == 1
        mail = OutboxMessage.get(OutboxMessage.subject == "1 demande non complétée supprimée")
    assert "FINDPI000002-M0" in mail.body_text and "Comme vous l'avez demandé" in mail.body_text


def test_the_deleted_files_are_gone(app, supplier, client):
    first, _ = two_imports(app, supplier)
    ed1 = requests_of(app, first)[0]
    send_zip(client, zip_of({"ED-001.pdf": PDF}))
    with database(app):
        stored = storage.path_of(Document.get(Document.funding_request == ed1.id))
    assert os.path.exists(stored)
    delete(client, [ed1.id], confirm=True)
    assert not os.path.exists(stored)
    with database(app):
        assert Document.select().where(Document.stored_name == os.path.basename(stored)).count() == 0


def test_a_balance_cannot_be_deleted(app, supplier, client):
    _, second = two_imports(app, supplier)
    balance = requests_of(app, second)[0]
    response = delete(client, [balance.id], confirm=True)
    assert response.status_code == 422
    assert "Seules vos demandes d'avance non complétées peuvent être supprimées" in html(
        response).select_one("#suppression-messages").get_text()
    assert requests_of(app, second)[0].status_label == "Non complétée"
    nothing = delete(client, [])
    assert nothing.status_code == 422 and "Cochez au moins une demande" in nothing.get_data(
        as_text=True)


def test_another_accounts_request_cannot_be_deleted(app, supplier, client):
    first, _ = two_imports(app, supplier)
    ed1 = requests_of(app, first)[0]
    other_account, enrolment, corridor = make_supplier(app, email="intrus@exemple.fr")
    file(app, other_account, enrolment, corridor, report(enrolment, ("XX-1",), ()))
    other = signed_in(app.test_client(), other_account)
    assert [r[0] for r in rows(other.get(URL))] == ["XX-1"]
    response = delete(other, [ed1.id], confirm=True)
    assert response.status_code == 422
    assert requests_of(app, first)[0].status_label == "Non complétée"
