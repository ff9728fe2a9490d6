"""A JSON import's thread (issue 18, item 1): the supplier writes on its import's page, a manager
answers on the back-office's page of the import; the counters move; no other operator reaches
the import, its thread or a file of it; the staff's notes never reach an operator's page. And the
back-office's pages of the imports: the list (filters, staff only) and one import."""
from dataclasses import dataclass

import pytest

from portal import create_app
from portal.extensions import db
from portal.migrations import upgrade
from portal.models import Account, FundingRequest, JsonImport
from portal.models.accounts import MANAGER
from tests.helpers.accounts import make_account, signed_in
from tests.helpers.enrolment import HTMX, database
from tests.helpers.json_requests import ready_supplier
from tests.helpers.messaging import menu_count, note, other_operator, write
from tests.helpers.pages import html


@dataclass
class Scene:
    app: object
    op: object
    mgr: object
    advance: FundingRequest
    import_id: int

    @property
    def operator_page(self) -> str:
        return f"/espace/importations/{self.import_id}/pieces"

    @property
    def manager_page(self) -> str:
        return f"/gestion/importations/{self.import_id}"


@pytest.fixture
def s(demo):
    account, advance, _ = ready_supplier(demo)
    with database(demo):
        JsonImport.update(output_json='{"demandes": []}').where(
            JsonImport.id == advance.json_import_id).execute()
    manager = make_account(demo, MANAGER, last_name="Dupont", first_name="Alice")
    return Scene(demo, signed_in(demo.test_client(), account),
                 signed_in(demo.test_client(), manager), advance, advance.json_import_id)


def test_the_supplier_writes_on_its_import_and_a_manager_answers(s):
    sent = write(s.op, s.operator_page, "Une pièce manque-t-elle ?", "document.pdf", "devis.pdf")
    assert sent.status_code == 303
    assert sent.headers["Location"].endswith(f"{s.operator_page}#messagerie")
    assert "Une pièce manque-t-elle ?" in html(s.op.get(s.operator_page)).select_one(
        "#messagerie").get_text()
    assert menu_count(s.mgr, "/gestion/importations/") == "1"
    page = html(s.mgr.get(s.manager_page))
    thread = page.select_one("#messagerie")
    assert "Une pièce manque-t-elle ?" in thread.get_text() and "Nouveau" in thread.get_text()
    assert "devis.pdf" in thread.select_one("a[href*=piece-jointe]").get_text()
    assert "Suivre ce dossier" in page.get_text() and page.select_one("#notes")
    assert menu_count(s.mgr, "/gestion/importations/") == ""  # read once opened
    # the inbox's row opens the back-office's page of the import
    inbox = html(s.mgr.get("/gestion/messages"))
    assert inbox.select_one(f"a[href='{s.manager_page}#messagerie']")
    assert write(s.mgr, s.manager_page, "Non, tout est là.").status_code == 303
    assert menu_count(s.op, "/espace/") == "1"
    assert "Non, tout est là." in html(s.op.get(s.operator_page)).select_one(
        "#messagerie").get_text()
    assert menu_count(s.op, "/espace/") == ""


def test_no_other_operator_reaches_the_import_its_thread_or_its_file(s):
    assert write(s.op, s.operator_page, "Bonjour.", "document.pdf").status_code == 303
    link = html(s.op.get(s.operator_page)).select_one("#messagerie a[href*=piece-jointe]")["href"]
    assert s.op.get(link).status_code == 200
    other = other_operator(s.app)
    thread = f"/espace/dossiers/importation/{s.import_id}/messages"
    for url in (s.operator_page, thread, link, f"/espace/importations/{s.import_id}/json-de-sortie"):
        assert other.get(url).status_code == 404, url
    assert other.post(thread, data={"body": "Intrus"}).status_code in (400, 404)


def test_the_private_notes_never_reach_an_operator_page(s):
    assert note(s.mgr, s.manager_page, "Fournisseur à rappeler.").status_code == 303
    assert "Fournisseur à rappeler." in html(s.mgr.get(s.manager_page)).get_text()
    for url in (s.operator_page, f"/espace/dossiers/importation/{s.import_id}/messages"):
        page = s.op.get(url).get_data(as_text=True)
        assert "Fournisseur à rappeler." not in page and 'id="notes"' not in page


def test_the_back_office_page_of_an_import(s):
    page = html(s.mgr.get(s.manager_page))
    assert page.h1.get_text() == f"Importation JSON n° {s.import_id}"
    text = page.get_text(" ", strip=True)
    assert "DPI-ES" in text and "demandes-avance-DPI-ES.json" in text
    assert page.select_one(f"a[href='/gestion/financement/{s.advance.number}']")
    output = page.select_one(f"a[href='{s.manager_page}/json-de-sortie']")
    download = s.mgr.get(output["href"])
    assert download.status_code == 200 and "attachment" in download.headers[
        "Content-Disposition"] and download.get_json() == {"demandes": []}
    # the JSON-filed request's page leads to its import
    request_page = html(s.mgr.get(f"/gestion/financement/{s.advance.number}"))
    back = request_page.find("a", string=f"Importation JSON n° {s.import_id}")
    assert back["href"] == s.manager_page
    assert s.mgr.get("/gestion/importations/999999").status_code == 404


def test_the_back_office_list_of_imports_filters_and_is_staff_only(s):
    def listed(query=""):
        page = html(s.mgr.get("/gestion/importations/" + query))
        return [row.select("td")[0].get_text() for row in page.select("tbody tr")]
    with database(s.app):
        enrolment = JsonImport.get_by_id(s.import_id).enrolment
    assert str(s.import_id) in listed()
    assert str(s.import_id) in listed(f"?fournisseur={enrolment.denomination[:5].lower()}")
    assert str(s.import_id) in listed(f"?fournisseur={enrolment.siret[:9]}")
    assert listed("?fournisseur=introuvable") == []
    assert str(s.import_id) in listed("?couloir=DPI-ES")
    assert str(s.import_id) in listed("?statut=complete")
    assert listed("?statut=awaiting_documents") == []
    assert listed("?date_du=2000-01-01&date_au=2000-01-02") == []
    fragment = s.mgr.get("/gestion/importations/?statut=complete", headers=HTMX)
    assert fragment.status_code == 200 and "<html" not in fragment.get_data(as_text=True)
    menu = html(s.mgr.get("/gestion/importations/")).select_one("#navigation-principale")
    assert menu.find("a", string="Importations JSON")["aria-current"] == "page"
    for url in ("/gestion/importations/", s.manager_page):
        assert s.op.get(url).status_code in (302, 403), url


def test_a_demonstration_shows_an_import_and_its_question(tmp_path):
    """`load-demo` (PORTAL_DEMO): the demo operator's JSON import, with its request and the
    operator's question waiting for a manager on the import's thread."""
    app = create_app({"SECRET_KEY": "demo", "PORTAL_DEMO": True,
                      "UPLOAD_DIR": str(tmp_path / "up"),
                      "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}"})
    with database(app):
        upgrade(db.database)
    assert app.test_cli_runner().invoke(args=["load-demo"]).exit_code == 0
    with database(app):
        import_id = JsonImport.get().id
        manager = Account.get(Account.uid.startswith("GE"))
    page = html(signed_in(app.test_client(), manager).get(f"/gestion/importations/{import_id}"))
    assert "numéro RPPS" in page.select_one("#messagerie").get_text()
    assert page.select_one("a[href^='/gestion/financement/FINLGC']")
