"""E-mails: a row in the outbox first, then sent by the background worker through flask-mail.

One hook hands a message to the worker: once the outermost transaction that wrote it commits (at
once when written outside any). A transaction rolled back takes its messages with it, unsent; no
caller dispatches anything itself."""
import logging

from flask import current_app, render_template
from flask_mail import Message

from portal.extensions import db, mail
from portal.models import Enrolment, OutboxMessage
from portal.models.base import utcnow
from portal.models.mail import FAILED, OUTBOX_STATUS_LABELS, PENDING, SENT
from portal.services.core.tables import CHOICE, TEXT, Column, Table

MAX_ATTEMPTS = 7
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
    message = OutboxMessage.create(recipient=recipient, subject=subject, body_text=body.strip(),
                                   body_html=html, related=related, reply_to=reply_to)
    _after_commit(message.id)
    return message


def _after_commit(message_id: int) -> None:
    """Hand the message to the worker once the outermost transaction commits (peewee runs the
    callbacks then, and drops them on a rollback). The sender is the worker's task, plugged in by
    the app factory (portal.tasks.configure)."""
    send = current_app.extensions["outbox_sender"]
    db.database.after_commit(lambda: send(message_id))


def deliver(message_id: int) -> bool:
    """Send one message. False when the SMTP server failed (the task retries)."""
    message = OutboxMessage.get_or_none(OutboxMessage.id == message_id)
    if message is None or message.status == SENT:
        return True
    if not current_app.config.get("MAIL_SERVER"):
        return True  # no server: the message stays readable in the outbox
    try:
        mail.send(Message(subject=message.subject, recipients=[message.recipient],
                          body=message.body_text, html=message.body_html,
                          reply_to=message.reply_to or None))
    except Exception as exc:  # noqa: BLE001 - any SMTP or network failure means "try again"
        log.warning("Envoi du courriel %s impossible : %s", message.id, exc)
        message.attempts += 1
        message.last_error = str(exc)[:500]
        message.status = FAILED if message.attempts >= MAX_ATTEMPTS else PENDING
        message.save()
        return False
    message.attempts += 1
    message.status = SENT
    message.sent_at = utcnow()
    message.save()
    return True


def deliver_pending() -> int:
    sent = 0
    for message in OutboxMessage.select().where(OutboxMessage.status == PENDING).order_by(OutboxMessage.id):
        sent += deliver(message.id)
    return sent


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


def retry(message: OutboxMessage) -> bool:
    """Send a failed message again (the worker tries 7 times more). False if it had not failed."""
    updated = (OutboxMessage.update(status=PENDING, attempts=0, last_error="")
               .where(OutboxMessage.id == message.id, OutboxMessage.status == FAILED).execute())
    if updated:
        _after_commit(message.id)
    return bool(updated)
