"""E-mails: a row in the outbox first, then sent by the background worker through flask-mail.

One hook hands a message to the worker: once the outermost transaction that wrote it commits (at
once when written outside any). A transaction rolled back takes its messages with it, unsent; no
caller dispatches anything itself."""
import datetime
import logging

from flask import current_app, render_template
from flask_mail import Message
from peewee import fn

from portal.extensions import db, mail
from portal.models import Enrolment, OutboxMessage
from portal.models.base import utcnow
from portal.models.mail import FAILED, OUTBOX_STATUS_LABELS, PENDING, SENT
from portal.services.core.tables import CHOICE, TEXT, Column, Table

# An unreachable SMTP server is tried again 2 min later, then 4, 8… up to every hour, for
# 72 hours; only then is the message FAILED (« Renvoyer » starts another 72 hours).
FIRST_WAIT = datetime.timedelta(minutes=2)
LONGEST_WAIT = datetime.timedelta(hours=1)
RETRY_FOR = datetime.timedelta(hours=72)
CLAIM = datetime.timedelta(minutes=5)  # a worker that died while sending lets go after that
SMTP_TIMEOUT = 60  # seconds a silent SMTP server is waited for, at each step of a sending
log = logging.getLogger(__name__)


def queue(recipient: str, template: str, related: str = "", reply_to: str = "",
          **context) -> OutboxMessage:
    """Write the message in the outbox; the worker gets it once the transaction is committed.

    The template email/<template>.txt starts with « Objet : … » on its first line. `reply_to`, if
    given, becomes the Reply-To header (answers go there rather than to the no-reply sender).
    """
    context.setdefault("support_email", current_app.config["SUPPORT_EMAIL"])
    text = render_template(f"email/{template}.txt", **context)
    first, _, body = text.partition("\n")
    subject = first.removeprefix("Objet :").strip()
    html = render_template("email/layout.html", subject=subject, body=body.strip())
    now = utcnow()
    message = OutboxMessage.create(recipient=recipient, subject=subject, body_text=body.strip(),
                                   body_html=html, related=related, reply_to=reply_to,
                                   created_at=now, retry_until=now + RETRY_FOR)
    _after_commit(message.id)
    return message


def _after_commit(message_id: int) -> None:
    """Hand the message to the worker once the outermost transaction commits (peewee runs the
    callbacks then, and drops them on a rollback). The sender is the worker's task, plugged in by
    the app factory (portal.tasks.configure). A queue that cannot be reached (Redis down) never
    fails the request: the row stays pending and the periodic resend sends it."""
    send = current_app.extensions["outbox_sender"]

    def hand_over():
        try:
            send(message_id)
        except Exception:  # noqa: BLE001 - whatever the queue's failure, the mail is kept
            log.exception("Courriel %s non confié au worker : le renvoi périodique l'enverra",
                          message_id)
    db.database.after_commit(hand_over)


def backoff(attempts: int) -> datetime.timedelta:
    """The wait after the `attempts`-th failed try: 2 min, 4, 8… up to an hour."""
    return min(FIRST_WAIT * 2 ** min(attempts - 1, 10), LONGEST_WAIT)


def _claim(message_id: int, now) -> bool:
    """Take the message for this worker alone (one conditional UPDATE): False when it is sent,
    failed, or being sent by another worker — it is never sent twice."""
    return bool(OutboxMessage.update(claimed_until=now + CLAIM)
                .where(OutboxMessage.id == message_id, OutboxMessage.status == PENDING,
                       OutboxMessage.claimed_until.is_null() | (OutboxMessage.claimed_until < now))
                .execute())


def deliver(message_id: int) -> bool:
    """Send one message (once, whoever else tries at the same time). False when the SMTP server
    failed: the message waits for its next try (backoff), or is FAILED after RETRY_FOR."""
    if not current_app.config.get("MAIL_SERVER"):
        return True  # no server: the message stays readable in the outbox
    now = utcnow()
    if not _claim(message_id, now):
        return True
    message = OutboxMessage.get_by_id(message_id)
    try:
        with mail.connect() as connection:
            if connection.host is not None:  # None when sending is suppressed
                connection.host.sock.settimeout(SMTP_TIMEOUT)  # a hung server, well within CLAIM
            connection.send(Message(subject=message.subject, recipients=[message.recipient],
                                    body=message.body_text, html=message.body_html,
                                    reply_to=message.reply_to or None))
    except Exception as exc:  # noqa: BLE001 - any SMTP or network failure means "try again"
        log.warning("Envoi du courriel %s impossible : %s", message.id, exc)
        attempts = message.attempts + 1
        give_up = now >= (message.retry_until or message.created_at + RETRY_FOR)
        OutboxMessage.update(attempts=attempts, last_error=str(exc)[:500], claimed_until=None,
                             status=FAILED if give_up else PENDING,
                             next_attempt_at=None if give_up else now + backoff(attempts)) \
            .where(OutboxMessage.id == message.id).execute()
        return False
    OutboxMessage.update(attempts=OutboxMessage.attempts + 1, status=SENT, sent_at=utcnow(),
                         claimed_until=None, next_attempt_at=None) \
        .where(OutboxMessage.id == message.id).execute()
    return True


def _waiting():
    return OutboxMessage.status == PENDING


def deliver_pending() -> int:
    """The periodic resend: every pending message whose next try is due (the oldest first)."""
    now = utcnow()
    due = (OutboxMessage.select(OutboxMessage.id)
           .where(_waiting(), OutboxMessage.next_attempt_at.is_null()
                  | (OutboxMessage.next_attempt_at <= now))
           .order_by(OutboxMessage.id))
    return sum(deliver(message_id) for message_id in [row.id for row in due])


def backlog() -> dict:
    """What the outbox page says of the mails not sent: how many wait, how many failed, since when."""
    waiting = OutboxMessage.select(fn.COUNT(OutboxMessage.id), fn.MIN(OutboxMessage.created_at)) \
        .where(_waiting()).tuples().get()
    failed = OutboxMessage.select().where(OutboxMessage.status == FAILED).count()
    return {"waiting": waiting[0], "oldest": waiting[1], "failed": failed}


def for_related(related: str):
    return for_each_related([related])[related]


def for_each_related(keys) -> dict[str, list]:
    """The messages about each of `keys` (« funding:12 »…), oldest first, in one query."""
    found = {key: [] for key in keys}
    if found:
        for message in (OutboxMessage.select().where(OutboxMessage.related.in_(list(found)))
                        .order_by(OutboxMessage.id)):
            found[message.related].append(message)
    return found


PER_PAGE = 50


def mentions(text: str):
    """The « Destinataire ou objet contenant » filter."""
    return OutboxMessage.recipient.contains(text) | OutboxMessage.subject.contains(text)


# The outbox as the back-office lists it: newest first (by id: the order they were written in).
TABLE = Table(
    name="courriels",
    columns=(
        Column("ecrit", "Écrit le", OutboxMessage.id, filter=None),
        Column("destinataire", "Destinataire", OutboxMessage.recipient, filter=None),
        Column("objet", "Objet", OutboxMessage.subject, filter=None, sortable=False),
        Column("statut", "Statut", OutboxMessage.status, filter=CHOICE,
               filter_label="Statut d'envoi", all_label="Tous les statuts",
               choices=tuple(OUTBOX_STATUS_LABELS.items())),
        Column("tentatives", "Tentatives", OutboxMessage.attempts, filter=None, sortable=False),
        Column("q", "Destinataire ou objet contenant (facultatif)", filter=TEXT, where=mentions,
               hint="Par exemple une adresse électronique ou un numéro de demande.",
               shown=False, sortable=False),
    ),
    default_sort="-ecrit",
    per_page=PER_PAGE,
    id_prefix="",
    table_id="table-courriels",
)


def rows():
    return OutboxMessage.select()


def related_enrolment(message: OutboxMessage):
    """The enrolment the message was sent about, if any."""
    kind, _, key = message.related.partition(":")
    return Enrolment.get_or_none(Enrolment.id == int(key)) if kind == "enrolment" and key.isdigit() \
        else None


def _requeue(where) -> int:
    """Make the messages matching `where` (failed, or waiting for their next try) due now, for
    another RETRY_FOR of tries, and hand them to the worker. How many."""
    now = utcnow()
    with db.database.atomic():
        ids = [row.id for row in OutboxMessage.select(OutboxMessage.id).where(where)]
        if ids:
            (OutboxMessage.update(status=PENDING, next_attempt_at=None, retry_until=now + RETRY_FOR)
             .where(OutboxMessage.id.in_(ids), where).execute())
            for message_id in ids:
                _after_commit(message_id)
    return len(ids)


def retry(message: OutboxMessage, actor=None) -> bool:
    """Send a failed message again (tried again for 72 h). False if it had not failed."""
    done = _requeue((OutboxMessage.id == message.id) & (OutboxMessage.status == FAILED))
    if done:
        log.info("Renvoyer : courriel %s remis en envoi par %s", message.id, _who(actor))
    return bool(done)


def retry_all(actor=None) -> int:
    """« Renvoyer tout »: every failed or waiting message, now. How many."""
    count = _requeue(OutboxMessage.status.in_([FAILED, PENDING]))
    log.info("Renvoyer tout : %s courriels remis en envoi par %s", count, _who(actor))
    return count


def _who(actor) -> str:
    return f"{actor.full_name} ({actor.uid})" if actor is not None else "le système"
