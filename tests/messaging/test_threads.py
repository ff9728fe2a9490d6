"""A dossier's thread (issue 18, item 1) and its private notes (item 2), through the pages."""
import pytest

from portal.models import FundingEvent, OutboxMessage
from portal.models.messages import DossierMessage
from tests.helpers.enrolment import database
from tests.helpers.messaging import form_on, menu_count, note, other_operator, scene, write
from tests.helpers.pages import html


@pytest.fixture
def s(demo):
    return scene(demo)


def test_an_operator_writes_and_the_manager_reads_it(s):
    assert write(s.op, s.operator_page, "Bonjour, où en est ma demande ?").status_code == 303
    page = html(s.op.get(s.operator_page))
    assert "Votre message est envoyé" in page.get_text()
    assert "Bonjour, où en est ma demande ?" in page.select_one("#messagerie").get_text()
    # the staff's menu counts it until a manager opens the dossier
    assert menu_count(s.mgr, "/gestion/enrolements") == "1"
    manager_page = html(s.mgr.get(s.manager_page))
    thread = manager_page.select_one("#messagerie")
    assert "Bonjour, où en est ma demande ?" in thread.get_text() and "Nouveau" in thread.get_text()
    assert menu_count(s.mgr, "/gestion/enrolements") == ""
    assert "Nouveau" not in html(s.mgr.get(s.manager_page)).select_one("#messagerie").get_text()
    # in the request's history, and the mail carries the link alone
    with database(s.app):
        events = [e.comment for e in FundingEvent.select().where(FundingEvent.request == s.advance)]
        mails = list(OutboxMessage.select().where(OutboxMessage.subject.contains("message vous attend")))
    assert any("Bonjour, où en est ma demande ?" in comment for comment in events)
    assert s.manager.email in [m.recipient for m in mails]  # no one follows it: every manager
    assert all("où en est" not in m.body_text and s.manager_page in m.body_text for m in mails)


def test_the_manager_answers_with_a_file_the_operator_downloads(s):
    assert write(s.mgr, s.manager_page, "Merci d'ajouter votre RIB.", "document.pdf",
                 "courrier.pdf").status_code == 303
    assert menu_count(s.op, "/espace/") == "1"
    thread = html(s.op.get(s.operator_page)).select_one("#messagerie")
    assert "Merci d'ajouter votre RIB." in thread.get_text() and "Nouveau" in thread.get_text()
    attached = thread.select_one("a[href*=piece-jointe]")
    assert "courrier.pdf" in attached.get_text()
    link = attached["href"]
    download = s.op.get(link)
    assert download.status_code == 200 and "attachment" in download.headers["Content-Disposition"]
    assert menu_count(s.op, "/espace/") == ""
    with database(s.app):
        mail = OutboxMessage.get(OutboxMessage.recipient == s.operator.email,
                                 OutboxMessage.subject.contains("message vous attend"))
    assert "RIB" not in mail.body_text and s.operator_page in mail.body_text
    # another operator reaches neither the thread nor its file
    stranger = other_operator(s.app)
    assert stranger.get(link.split("/messages/")[0] + "/messages").status_code == 404
    assert stranger.get(link).status_code == 404
    assert stranger.get(s.operator_page).status_code == 404


def test_a_message_cannot_be_changed_once_sent(s):
    write(s.op, s.operator_page, "Premier message")
    with database(s.app):
        message = DossierMessage.get()
    base = f"/espace/dossiers/financement/{s.advance.id}/messages"
    for method in ("put", "patch", "delete"):
        assert getattr(s.op, method)(base).status_code in (404, 405)
    assert s.op.post(f"{base}/{message.id}").status_code in (404, 405)


def test_a_message_refused_keeps_what_was_typed(s):
    empty = write(s.op, s.operator_page, "   ")
    assert empty.status_code == 422 and "Saisissez votre message." in empty.get_data(as_text=True)
    wrong = write(s.op, s.operator_page, "Voici le fichier", "faux.pdf")
    page = html(wrong)
    assert wrong.status_code == 422
    assert page.select_one("#body").get_text().strip() == "Voici le fichier"
    assert page.select_one("#doc_message_attachment-messages").get_text().strip()
    with database(s.app):
        assert DossierMessage.select().count() == 0


def test_notes_are_for_the_staff_only(s):
    assert note(s.mgr, s.manager_page, "Opérateur à rappeler lundi").status_code == 303
    notes = html(s.mgr.get(s.manager_page)).select_one("#notes").get_text()
    assert "Opérateur à rappeler lundi" in notes and "Alice Dupont" in notes
    for url in (s.operator_page, "/espace/financement/demande", "/espace/financement/",
                f"/espace/enrolements/{s.enrolment.number}", "/espace/messages",
                f"/espace/dossiers/financement/{s.advance.id}/messages",
                "/espace/financement/export.csv"):
        response = s.op.get(url)
        assert "rappeler lundi" not in response.get_data(as_text=True), url
    with database(s.app):
        assert not OutboxMessage.select().where(OutboxMessage.body_text.contains("rappeler")).exists()
    # and an operator cannot write one
    token = form_on(s.op, s.operator_page, "/messages")[1]["csrf_token"]
    assert s.op.post(f"/gestion/dossiers/financement/{s.advance.id}/notes",
                     data={"note": "x", "csrf_token": token}).status_code in (403, 404)


def test_the_enrolment_has_its_thread_too(s):
    operator_page = f"/espace/enrolements/{s.enrolment.number}"
    assert write(s.op, operator_page, "Une question sur mon enrôlement").status_code == 303
    page = html(s.mgr.get(f"/gestion/enrolements/{s.enrolment.number}"))
    assert "Une question sur mon enrôlement" in page.select_one("#messagerie").get_text()
    assert "Une question sur mon enrôlement" in page.select_one("#historique").get_text()


def test_the_inboxes_list_what_waits(s):
    write(s.op, s.operator_page, "Question de l'opérateur")
    inbox = html(s.mgr.get("/gestion/messages?etat=non-lus"))
    assert s.advance.number in inbox.select_one("table").get_text()
    s.mgr.get(s.manager_page)
    assert html(s.mgr.get("/gestion/messages?etat=non-lus")).select_one("table") is None
    assert html(s.op.get("/espace/messages")).select_one("table") is None  # its own are not « reçus »
