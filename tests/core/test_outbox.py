"""The outbox: every e-mail is written first, then sent to the SMTP server; a server that is down
leaves it pending, and it goes out later once the server is back."""
import datetime
import socket

import pytest
from aiosmtpd.controller import Controller

from portal import create_app
from portal.extensions import db
from portal.models import OutboxMessage
from portal.models.base import utcnow
from portal.models.mail import FAILED, PENDING, SENT
from portal.services.core import outbox
from portal.tasks import resend_pending
from tests.helpers.mailbox import Mailbox

LINK = "http://localhost/enrolement/reprendre/abc"


def queue_and_dispatch(recipient="claire.martin@medimail.fr") -> int:
    """Outside any transaction the worker gets it at once (immediate mode in tests)."""
    message = outbox.queue(recipient, "draft_resume", related="draft:1", link=LINK)
    return message.id


def reload(message_id: int) -> OutboxMessage:
    return OutboxMessage.get_by_id(message_id)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def closed_port():
    return free_port()


@pytest.fixture
def app_smtp_down(app, closed_port):
    """The same portal, its MAIL_PORT pointing at a port where nothing listens (yet)."""
    return create_app({**app.config, "MAIL_PORT": closed_port})


def test_queued_message_is_sent_to_the_smtp_server(app, mailbox):
    with app.test_request_context(), db.database.connection_context():
        message_id = queue_and_dispatch()
        message = reload(message_id)
        assert message.status == SENT and message.status_label == "Envoyé"
        assert message.attempts == 1 and message.sent_at is not None
    [mail] = mailbox.to("claire.martin@medimail.fr")
    assert mail["Subject"] == "Reprendre votre demande d'enrôlement"
    assert "ne-pas-repondre@segur-mss.localhost" in mail["From"]
    text = Mailbox.text(mail)
    assert text.startswith("Bonjour,") and LINK in text and "Objet :" not in text
    assert LINK in mail.get_body(preferencelist=("html",)).get_content()


def test_message_is_written_before_it_is_sent(app, mailbox):
    with app.test_request_context(), db.database.connection_context():
        with db.database.atomic():
            message = outbox.queue("claire.martin@medimail.fr", "draft_resume", link=LINK)
            with db.database.atomic():  # a nested block exiting is not the commit
                pass
            assert reload(message.id).status == PENDING  # nothing sent until the commit
            assert mailbox.messages == []
        assert reload(message.id).status == SENT
    assert len(mailbox.messages) == 1


def test_nothing_is_sent_when_the_transaction_rolls_back(app, mailbox):
    with app.test_request_context(), db.database.connection_context():
        with pytest.raises(RuntimeError), db.database.atomic():
            message = outbox.queue("claire.martin@medimail.fr", "draft_resume", link=LINK)
            raise RuntimeError("refused after the mail was queued")
        assert OutboxMessage.get_or_none(OutboxMessage.id == message.id) is None
        with db.database.atomic():  # a later commit does not send it either
            outbox.queue("autre@medimail.fr", "draft_resume", link=LINK)
    assert mailbox.to("claire.martin@medimail.fr") == []
    assert len(mailbox.to("autre@medimail.fr")) == 1


def test_smtp_down_keeps_the_message_pending_then_resend_pending_sends_it(app_smtp_down, closed_port,
                                                                         monkeypatch):
    later = [utcnow()]
    monkeypatch.setattr(outbox, "utcnow", lambda: later[0])
    with app_smtp_down.test_request_context(), db.database.connection_context():
        message_id = queue_and_dispatch()  # nothing raised to the applicant
        message = reload(message_id)
        assert message.status == PENDING and message.status_label == "En attente d'envoi"
        assert message.attempts == 1 and message.sent_at is None
        assert message.last_error

        resend_pending()  # not due yet: the next try waits 2 minutes
        assert reload(message_id).attempts == 1
        later[0] += datetime.timedelta(minutes=2)
        resend_pending()  # still down: one more attempt, still pending
        message = reload(message_id)
        assert message.status == PENDING and message.attempts == 2

        back = Mailbox()
        server = Controller(back, hostname="127.0.0.1", port=closed_port)
        server.start()
        try:
            later[0] += datetime.timedelta(minutes=4)
            resend_pending()  # the periodic task, once the server is back
        finally:
            server.stop()
        message = reload(message_id)
        assert message.status == SENT and message.attempts == 3 and message.sent_at is not None
        resend_pending()  # a sent message is not sent again
    [mail] = back.to("claire.martin@medimail.fr")
    assert mail["Subject"] == "Reprendre votre demande d'enrôlement"


def test_message_is_marked_failed_after_72_hours_of_tries(app_smtp_down, monkeypatch):
    later = [utcnow()]
    monkeypatch.setattr(outbox, "utcnow", lambda: later[0])
    with app_smtp_down.test_request_context(), db.database.connection_context():
        message_id = queue_and_dispatch()
        later[0] += outbox.RETRY_FOR
        resend_pending()
        message = reload(message_id)
        assert message.status == FAILED and message.status_label == "Échec d'envoi"
        assert message.attempts == 2
        later[0] += datetime.timedelta(hours=2)
        resend_pending()
        assert reload(message_id).attempts == 2  # no longer retried


def test_without_mail_server_the_message_stays_in_the_outbox(app, mailbox):
    app.config["MAIL_SERVER"] = None
    with app.test_request_context(), db.database.connection_context():
        message_id = queue_and_dispatch()
        resend_pending()
        message = reload(message_id)
        assert message.status == PENDING and message.attempts == 0
        assert message.subject == "Reprendre votre demande d'enrôlement"
        assert LINK in message.body_text
        assert [m.id for m in outbox.for_related("draft:1")] == [message_id]
    assert mailbox.messages == []
