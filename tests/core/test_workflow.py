"""The workflow kernel (services/core/workflow.py), through the enrolment's move table: the first
decision wins, the audit row names who acted by account and role, a refused move leaves nothing
written and sends nothing."""
import pytest

from portal.models import EnrolmentEvent, OutboxMessage
from portal.models.accounts import MANAGER
from portal.models.enrolment import IN_PROGRESS, REJECTED, VALIDATED
from portal.services.core.errors import Refused
from portal.services.core.workflow import transition
from portal.services.enrolment import deposit, workflow as wf
from tests.helpers.accounts import make_account
from tests.helpers.instruction import file_enrolment, in_request, link_in, load, move, upload_file


@pytest.fixture
def manager(app, demo):
    return make_account(app, MANAGER, email="alice.dupont@asp.example.fr", last_name="Dupont",
                        first_name="Alice")


@pytest.fixture
def number(app, demo):
    return file_enrolment(app)


def test_the_first_decision_wins_and_the_second_writes_and_sends_nothing(app, number, manager,
                                                                         mailbox):
    with in_request(app):
        first, second = load(number), load(number)  # two managers opened the same page
        transition(wf.WORKFLOW, first, wf.VALIDATE, manager)
        sent = len(mailbox.messages)
        with pytest.raises(Refused) as refused:
            transition(wf.WORKFLOW, second, wf.REJECT, manager, "Doublon.")
        assert refused.value.errors == {"action": wf.CHANGED}
        assert load(number).status == VALIDATED
        assert [e.to_status for e in load(number).events.order_by(EnrolmentEvent.id)] == [
            IN_PROGRESS, VALIDATED]
        assert not OutboxMessage.select().where(OutboxMessage.subject.contains("rejet")).exists()
    assert len(mailbox.messages) == sent


def test_the_audit_row_names_the_actor_by_account_and_role(app, number, manager, mailbox):
    move(app, number, wf.REQUEST_DOCUMENTS, manager, "Le RIB est illisible.", kinds=["rib"])
    with in_request(app):
        filed, asked = load(number).events.order_by(EnrolmentEvent.id)
        assert (filed.actor_account, filed.actor_role, filed.actor) == (None, "applicant",
                                                                       "Demandeur")
        assert asked.actor_account.id == manager.id and asked.actor_role == "manager"
        assert asked.actor == "Alice Dupont (Gestionnaire ASP)" and asked.by_staff
    [mail] = [m for m in mailbox.messages if number in m["Subject"] and "Pièces" in m["Subject"]]
    token = link_in(mailbox.text(mail).replace("\r\n", "\n"), "/depot/").rsplit("/", 1)[1]
    with in_request(app):
        found = deposit.find(token)
        assert deposit.store(found, "rib", upload_file("rib.jpg")).kind == "rib"
        deposit.finish(found)
        supplied = load(number).events.order_by(EnrolmentEvent.id.desc()).first()
        # Through the mailed link: no account, the holder's name as the enrolment gives it.
        assert supplied.actor_account is None and supplied.actor_role == "applicant"
        assert supplied.actor.endswith(" (Demandeur)") and not supplied.by_staff


def test_a_move_refused_by_its_check_writes_nothing(app, number, manager, mailbox):
    with in_request(app):
        with pytest.raises(Refused) as refused:
            transition(wf.WORKFLOW, load(number), wf.REQUEST_DOCUMENTS, manager, "Message.")
        assert refused.value.errors == {"kinds": wf.KINDS_REQUIRED}
        assert load(number).status == IN_PROGRESS and load(number).events.count() == 1
        with pytest.raises(Refused):
            transition(wf.WORKFLOW, load(number), wf.REJECT, None, "Par personne.")
        assert load(number).status != REJECTED
