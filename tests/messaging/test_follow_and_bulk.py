"""Who follows a dossier and what is flagged for them (issue 18, item 3); the grouped actions of
the queues (item 4): one audited move or one message per dossier, the summary per dossier."""
import pytest

from portal.models import Document, Enrolment, EnrolmentEvent, OutboxMessage, SingleUseLink
from portal.models.accounts import MANAGER
from portal.models.enrolment import AWAITING_DOCUMENTS
from portal.models.messages import DossierFollow, DossierMessage
from portal.services.enrolment import workflow as wf
from tests.helpers.accounts import make_account, signed_in
from tests.helpers.enrolment import database, form_data
from tests.helpers.instruction import file_enrolment, in_request, move
from tests.helpers.messaging import scene, take, write
from tests.helpers.pages import html
from tests.helpers.queries import copies, numbered, statements

QUEUE = "/gestion/financement/"


@pytest.fixture
def s(demo):
    return scene(demo)


def rows(client, url):
    table = html(client.get(url)).select_one("table")
    return [] if table is None else table.select("tbody tr")


def test_taking_a_dossier_and_the_queue_filters(s):
    assert take(s.mgr, s.manager_page).status_code == 303
    page = html(s.mgr.get(s.manager_page))
    assert "Suivi par Alice Dupont (vous)" in page.select_one("#suivi-dossier").get_text()
    assert "Suivre ce dossier" not in page.select_one("#suivi-dossier").get_text()
    assert "Dossier suivi par Alice Dupont" in page.get_text()  # in its history
    mine = rows(s.mgr, QUEUE + "?suivi=mes-dossiers")
    assert [r.find_all("td")[1].get_text() for r in mine] == [s.advance.number]
    assert "Alice Dupont" in mine[0].get_text()
    assert rows(s.mgr, QUEUE + "?suivi=non-attribues") == []
    other = signed_in(s.app.test_client(), make_account(s.app, MANAGER, last_name="Autre"))
    assert rows(other, QUEUE + "?suivi=mes-dossiers") == []


def test_what_the_operator_changes_is_flagged_for_the_follower_until_opened(s):
    take(s.mgr, s.manager_page)
    write(s.op, s.operator_page, "J'ai une question")
    row = rows(s.mgr, QUEUE + "?suivi=mes-dossiers")[0].get_text()
    assert "Modifié par l'opérateur" in row and "1 message non lu" in row
    with database(s.app):  # the follower alone is told
        told = [m.recipient for m in OutboxMessage.select().where(
            OutboxMessage.subject.contains("message vous attend"))]
    assert told == [s.manager.email]
    s.mgr.get(s.manager_page)
    row = rows(s.mgr, QUEUE + "?suivi=mes-dossiers")[0].get_text()
    assert "Modifié" not in row and "non lu" not in row


def test_documents_deposited_flag_the_enrolment(demo):
    number = file_enrolment(demo)
    manager = make_account(demo, MANAGER, last_name="Dupont", first_name="Alice")
    client = signed_in(demo.test_client(), manager)
    with database(demo):
        enrolment = Enrolment.get(Enrolment.number == number)
    take(client, f"/gestion/enrolements/{number}")
    move(demo, number, wf.REQUEST_DOCUMENTS, manager, "Le RIB est illisible.", kinds=["rib"])
    with database(demo):
        assert DossierFollow.get().flagged_at is None  # the manager's own move flags nothing
    # the holder's move, with the mailed link, its RIB deposited (the deposit page has its tests)
    with in_request(demo):
        Document.create(kind="rib", original_name="rib.pdf", stored_name="x-rib.pdf",
                        content_type="application/pdf", size=10, sha256="0" * 64,
                        enrolment=enrolment.id)
        wf.apply(Enrolment.get(Enrolment.id == enrolment.id), wf.SUPPLY_DOCUMENTS, None,
                 link=SingleUseLink.get(SingleUseLink.enrolment == enrolment.id))
    assert "Modifié par l'opérateur" in rows(client, "/gestion/enrolements?suivi=mes-dossiers")[0].get_text()


def _three_enrolments(app):
    numbers = [file_enrolment(app) for _ in range(3)]
    with database(app):
        return list(Enrolment.select().where(Enrolment.number.in_(numbers)).order_by(Enrolment.id))


def _bulk(client, queue, **fields):
    page = html(client.get(queue))
    form = page.select_one("form#lot")
    data = {**form_data(page, form["action"]), **fields}
    return client.post(form["action"], data=data)


def test_asking_the_same_documents_of_three_enrolments(demo):
    enrolments = _three_enrolments(demo)
    manager = make_account(demo, MANAGER, last_name="Dupont", first_name="Alice")
    client = signed_in(demo.test_client(), manager)
    move(demo, enrolments[2].number, wf.REJECT, manager, "Doublon.")  # refused: already rejected
    answer = _bulk(client, "/gestion/enrolements", **{
        "dossier": [str(e.id) for e in enrolments], "lot-action": "demander",
        "lot-kinds": ["rib"], "lot-comment": "Merci de joindre un RIB lisible."})
    assert answer.status_code == 200
    summary = html(answer)
    cells = {r.find("td").get_text(): r.get_text() for r in summary.select("tbody tr")}
    assert "Fait" in cells[enrolments[0].number] and "Fait" in cells[enrolments[1].number]
    assert "Refusé" in cells[enrolments[2].number] and "Rejetée" in cells[enrolments[2].number]
    assert "2 demandes traitées, 1 refusée" in summary.get_text()
    with database(demo):
        for enrolment in enrolments[:2]:
            events = list(EnrolmentEvent.select().where(EnrolmentEvent.enrolment == enrolment.id,
                                                        EnrolmentEvent.to_status == AWAITING_DOCUMENTS))
            assert len(events) == 1 and events[0].actor_account_id == manager.id
            assert "Merci de joindre un RIB lisible." in events[0].comment
        assert OutboxMessage.select().where(OutboxMessage.subject.contains("pièce")).count() >= 2


def test_a_message_to_all_of_the_filter_and_an_incomplete_action(demo):
    enrolments = _three_enrolments(demo)
    client = signed_in(demo.test_client(), make_account(demo, MANAGER, last_name="Dupont"))
    refused = _bulk(client, "/gestion/enrolements?statut=in_progress", **{"lot-action": "message"})
    page = html(refused)
    assert refused.status_code == 422
    assert "Saisissez le message" in page.select_one("#lot-comment-messages").get_text()
    assert "Cochez au moins une demande" in page.select_one("#lot-selection-messages").get_text()
    answer = _bulk(client, "/gestion/enrolements?statut=in_progress", **{
        "tout": "1", "lot-action": "message", "lot-comment": "Le portail sera fermé lundi."})
    assert answer.status_code == 200 and "3 demandes traitées" in html(answer).get_text()
    with database(demo):
        assert DossierMessage.select().where(DossierMessage.from_staff == True).count() == 3  # noqa: E712
        assert {m.dossier_id for m in DossierMessage.select()} == {e.id for e in enrolments}


def test_assigning_many_at_once(s):
    answer = _bulk(s.mgr, QUEUE, **{"dossier": [str(s.advance.id)], "lot-action": "confier",
                                    "lot-follower": str(s.manager.id)})
    assert answer.status_code == 200 and "Suivie par Alice Dupont" in html(answer).get_text()
    assert [r.find_all("td")[1].get_text() for r in rows(s.mgr, QUEUE + "?suivi=mes-dossiers")] \
        == [s.advance.number]


def test_the_queues_read_follow_up_and_unread_counts_without_a_query_per_row(s):
    write(s.op, s.operator_page, "Un message")
    take(s.mgr, s.manager_page)
    write(s.op, s.operator_page, "Un autre")
    one = len(statements(s.mgr, QUEUE))
    copies(s.app, type(s.advance), 50, number=numbered)
    with database(s.app):
        ids = [r.id for r in type(s.advance).select()]
    copies(s.app, DossierMessage, 50 * 2, None, None, None,
           dossier_id=lambda i, v: ids[i % len(ids)])
    assert len(statements(s.mgr, QUEUE)) == one
    assert len(rows(s.mgr, QUEUE)) == 20
