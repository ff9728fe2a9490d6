"""The worker's pass over incomplete requests (guide 003 §9), on a frozen clock: warned by mail two
days before their deletion (once), deleted with their files seven days after their import, each
deletion in the history; complete requests and recent imports untouched."""
import datetime
import os

from portal.models import DeletedRequest, Document, FundingRequest, JsonImport, OutboxMessage
from portal.models.funding import INCOMPLETE
from portal.services.core import storage
from portal.services.imports import incomplete
from portal import tasks
from tests.helpers.enrolment import database
from tests.helpers.json_reports import file, report
from tests.imports.filing.test_documents import deposit, requests_of

IMPORTED = datetime.datetime(2026, 3, 10, 9, 0)


def at(days, hours=0):
    return IMPORTED + datetime.timedelta(days=days, hours=hours)


def imported(app, supplier, numbers=("ED-001", "ED-002")):
    account, enrolment, corridor = supplier
    filed = file(app, account, enrolment, corridor, report(enrolment, numbers, ()))
    with database(app):
        JsonImport.update(created_at=IMPORTED).where(JsonImport.id == filed.id).execute()
    return filed


def mails(app, start):
    with database(app):
        return [m for m in OutboxMessage.select().order_by(OutboxMessage.id)
                if m.subject.startswith(start)]


def run(app, now):
    with database(app):
        return incomplete.run(now)


def test_the_warning_leaves_two_days_before_once(app, supplier):
    filed = imported(app, supplier)
    assert run(app, at(4, 23)) == (0, 0)
    assert run(app, at(5)) == (1, 0)
    assert run(app, at(6)) == (0, 0)
    [warning] = mails(app, "Vos demandes non complétées")
    assert warning.recipient == "claire.martin@medimail.fr"
    assert f"import JSON n° {filed.id} seront supprimées le 17/03/2026" in warning.subject
    assert "FINDPI000001-M0 (numéro éditeur ED-001)" in warning.body_text
    assert "Suivi des demandes incomplètes" in warning.body_text
    assert [r.status_label for r in requests_of(app, filed)] == ["Non complétée"] * 2


def test_seven_days_after_the_import_they_are_deleted_with_their_files(app, supplier, client):
    filed = imported(app, supplier)
    first = requests_of(app, filed)[0]
    deposit(client, filed, first)  # one of two: the import stays incomplete
    with database(app):
        stored = storage.path_of(Document.get(Document.funding_request == first.id))
    assert run(app, at(6, 23)) == (1, 0)
    assert run(app, at(7)) == (0, 2)
    assert requests_of(app, filed) == [] and not os.path.exists(stored)
    with database(app):
        assert Document.select().where(Document.funding_request.is_null(False)).count() == 0
        history = [(d.number, d.publisher_number, d.reason_label, d.actor_name, d.created_at)
                   for d in DeletedRequest.select().order_by(DeletedRequest.id)]
    reason = "Supprimée automatiquement (non complétée au bout de sept jours)"
    assert history == [("FINDPI000001-M0", "ED-001", reason, "", at(7)),
                       ("FINDPI000002-M0", "ED-002", reason, "", at(7))]
    [gone] = mails(app, "2 demandes non complétées supprimées")
    assert "n'ont pas été complétées dans les sept jours" in gone.body_text
    assert "FINDPI000002-M0" in gone.body_text
    page = client.get("/espace/demandes-incompletes/").get_data(as_text=True)
    assert "FINDPI000001-M0 (numéro éditeur ED-001" in page and reason in page
    assert run(app, at(8)) == (0, 0)


def test_complete_requests_and_recent_imports_are_kept(app, supplier, client):
    done = imported(app, supplier)
    for request in requests_of(app, done):
        deposit(client, done, request)
    account, enrolment, corridor = supplier
    recent = file(app, account, enrolment, corridor, report(enrolment, ("ED-003",), ()))
    with database(app):
        JsonImport.update(created_at=at(3)).where(JsonImport.id == recent.id).execute()
    assert run(app, at(7)) == (0, 0)
    assert [r.status_label for r in requests_of(app, done)] == ["En cours"] * 2
    assert [r.status_label for r in requests_of(app, recent)] == ["Non complétée"]
    assert run(app, at(10)) == (0, 1)
    with database(app):
        assert FundingRequest.select().where(FundingRequest.status == INCOMPLETE).count() == 0


def test_the_periodic_task_runs_the_pass(app, supplier, monkeypatch):
    filed = imported(app, supplier)
    monkeypatch.setattr("portal.services.imports.incomplete.utcnow", lambda: at(7))
    with database(app):
        tasks.purge_incomplete_requests.call_local()
    assert requests_of(app, filed) == []
