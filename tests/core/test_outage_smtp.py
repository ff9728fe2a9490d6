"""The SMTP server down for half an hour or for two days: every mail written meanwhile goes out
once it is back, each exactly once; the back-office shows the backlog and sends it all again."""
import datetime
import logging
import threading

import pytest
from aiosmtpd.controller import Controller

from portal import create_app
from portal.extensions import db
from portal.formatting import date_time
from portal.models import OutboxMessage
from portal.models.mail import FAILED, PENDING, SENT
from portal.services.core import outbox
from portal.tasks import resend_pending, send_message
from tests.helpers.accounts import manager_client
from tests.helpers.enrolment import database
from tests.helpers.mailbox import Mailbox
from tests.helpers.outage import Clock, free_port, stopped
from tests.helpers.pages import html

OUTBOX = "/gestion/courriels/"


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(outbox, "utcnow", clock)
    return clock


def write(recipient: str) -> int:
    """A mail written by the portal (its first try is made at once, as the worker would)."""
    return outbox.queue(recipient, "draft_resume", related="draft:1",
                        link="http://localhost/enrolement/reprendre/abc").id


def run_periodic(clock, minutes: int, every: int = 1, until=None):
    """The worker's periodic resend, `every` minutes for `minutes` minutes (or until `until()`)."""
    for _ in range(0, minutes, every):
        if until and until():
            return
        resend_pending()
        clock.advance(minutes=every)


def statuses(ids):
    return [OutboxMessage.get_by_id(i).status for i in ids]


def outage(app, smtp_server, mailbox, clock, hours: float, written_at_hours):
    """Write mails at the given hours of an outage lasting `hours`, then restart the server and
    run the periodic resend: the minutes it took to deliver all of them after the recovery."""
    recipients = [f"pendant-{n}@example.fr" for n in range(len(written_at_hours))]
    ids = []
    step = 2 if hours <= 1 else 10
    with app.test_request_context(), db.database.connection_context():
        with stopped(smtp_server):
            start = clock.now
            for minute in range(0, int(hours * 60), step):
                for recipient, at in zip(recipients, written_at_hours):
                    if int(at * 60) == minute:
                        ids.append(write(recipient))
                run_periodic(clock, step, step)
            assert clock.now - start >= datetime.timedelta(hours=hours)
            assert len(ids) == len(recipients)
            assert set(statuses(ids)) == {PENDING} and mailbox.messages == []
        back = clock.now
        run_periodic(clock, 180, until=lambda: set(statuses(ids)) == {SENT})
        took = (clock.now - back).total_seconds() / 60
        run_periodic(clock, 180, 10)  # hours later: nothing goes out twice
        assert set(statuses(ids)) == {SENT}
    for recipient in recipients:
        assert len(mailbox.to(recipient)) == 1, recipient
    return took


def test_mails_written_during_a_30_minute_outage_all_go_out_once(app, smtp_server, mailbox, clock):
    took = outage(app, smtp_server, mailbox, clock, 0.5, [0, 0.2, 0.4])
    assert took <= 62  # the backoff never waits more than an hour between tries
    print(f"30-minute outage: all delivered {took:.0f} min after recovery")


def test_mails_written_during_a_48_hour_outage_all_go_out_once(app, smtp_server, mailbox, clock):
    took = outage(app, smtp_server, mailbox, clock, 48, [0, 0.5, 12, 47.5])
    assert took <= 62
    print(f"48-hour outage: all delivered {took:.0f} min after recovery")


def test_a_mail_fails_only_after_72_hours_of_tries(app, smtp_server, mailbox, clock):
    with app.test_request_context(), db.database.connection_context():
        with stopped(smtp_server):
            message_id = write("claire@medimail.fr")
            run_periodic(clock, 71 * 60, 10)
            message = OutboxMessage.get_by_id(message_id)
            assert message.status == PENDING and 60 < message.attempts < 100
            run_periodic(clock, 2 * 60, 10)
            assert OutboxMessage.get_by_id(message_id).status == FAILED
        run_periodic(clock, 120, 10)  # a failed mail waits for « Renvoyer »
        assert OutboxMessage.get_by_id(message_id).status == FAILED
    assert mailbox.messages == []


class SlowMailbox(Mailbox):
    """A server slow to accept: two senders of one mail would both be inside it at once."""

    async def handle_DATA(self, server, session, envelope):
        import asyncio
        await asyncio.sleep(0.5)
        return await super().handle_DATA(server, session, envelope)


def test_a_mail_sent_by_two_workers_at_once_goes_out_once(app, clock):
    port = free_port()
    app = create_app({**app.config, "MAIL_PORT": port})  # nothing listens: the first try fails
    with app.test_request_context(), db.database.connection_context():
        message_id = write("claire@medimail.fr")
    slow = SlowMailbox()
    server = Controller(slow, hostname="127.0.0.1", port=port)
    server.start()
    clock.advance(hours=1)  # the retry is due: the periodic run and a direct task race for it
    barrier = threading.Barrier(4)

    def worker(send):
        with app.app_context(), db.database.connection_context():
            barrier.wait()
            send()

    threads = [threading.Thread(target=worker, args=(job,)) for job in
               (resend_pending, resend_pending, lambda: send_message(message_id),
                lambda: send_message(message_id))]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    finally:
        server.stop()
    assert len(slow.to("claire@medimail.fr")) == 1
    with database(app):
        assert OutboxMessage.get_by_id(message_id).status == SENT


def test_the_outbox_page_shows_the_backlog_and_sends_it_all_again(app, smtp_server, mailbox,
                                                                   clock, caplog):
    manager = manager_client(app)
    with app.test_request_context(), db.database.connection_context():
        with stopped(smtp_server):
            failed = write("ancien@example.fr")
            run_periodic(clock, 73 * 60, 30)
            waiting = [write("claire@medimail.fr"), write("paul@medimail.fr")]
        oldest = OutboxMessage.get_by_id(waiting[0]).created_at
    page = html(manager.get(OUTBOX))
    backlog = page.select_one("#file-d-envoi").get_text(" ", strip=True)
    assert "2 courriels en attente d'envoi" in backlog
    assert "1 courriel en échec" in backlog
    assert f"le plus ancien écrit le {date_time(oldest)}" in backlog
    form = page.find("form", action=f"{OUTBOX}renvoyer-tout")
    assert form.find("button").get_text(strip=True) == "Renvoyer tout"

    assert manager.post(form["action"]).status_code == 400  # no CSRF token, nothing done
    assert mailbox.messages == []
    with caplog.at_level(logging.INFO, logger="portal.services.core.outbox"):
        response = manager.post(form["action"],
                                data={"csrf_token": form.find("input")["value"]})
    assert response.status_code == 303
    after = html(manager.get(response.headers["Location"]))
    assert "3 courriels sont de nouveau en attente d'envoi." in after.get_text()
    for recipient in ("ancien@example.fr", "claire@medimail.fr", "paul@medimail.fr"):
        assert len(mailbox.to(recipient)) == 1
    with database(app):
        assert set(statuses([failed, *waiting])) == {SENT}
        resend_pending()
    assert len(mailbox.messages) == 3
    assert any("Renvoyer tout" in r.getMessage() and "3 courriels" in r.getMessage()
               for r in caplog.records)
    assert html(manager.get(OUTBOX)).find("form", action=f"{OUTBOX}renvoyer-tout") is None
