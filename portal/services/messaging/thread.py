"""The message thread of a dossier between its operator and the ASP. A message is written once
and never changed (only `read_at`, when the other side opens the dossier); it may carry one
attachment (the storage service's rules: formats, 4 Mo, magic bytes, antivirus), is written in
the dossier's history, and a mail tells the other side that a message waits — the link alone,
never the message (mails leave the portal; the message stays behind its sign-in)."""
from peewee import JOIN, fn

from portal.extensions import db
from portal.models import Account, Document
from portal.models.base import utcnow
from portal.models.messages import DossierMessage
from portal.models.roles import MANAGER
from portal.services.core import limits, outbox
from portal.services.core.errors import refuse_if
from portal.services.messaging import follow

KIND = "message_attachment"  # the attachment's document type (services/core/document_types.py)
BODY_REQUIRED = "Saisissez votre message."
BODY_TOO_LONG = f"Votre message dépasse {limits.TEXT} caractères : raccourcissez-le."


def _recipients(dossier, from_staff: bool) -> list[str]:
    """The operator; or the manager who follows the dossier, else every active manager."""
    if from_staff:
        holder = Account.get_or_none(Account.id == dossier.holder_id)
        return [holder.email] if holder else []
    state = follow.state(dossier)
    if state and state.follower_id and state.follower.active:
        return [state.follower.email]
    return [a.email for a in Account.select(Account.email).where(Account.role == MANAGER,
                                                               Account.active == True)]  # noqa: E712


def post(dossier, author, body: str, attachment: Document | None = None,
         refused: dict | None = None) -> DossierMessage:
    """Send a message on the dossier as `author` (its operator or a member of the staff; the
    view has checked who may see the dossier). `refused`: why a file sent was not kept. Raises
    Refused with nothing written."""
    body = (body or "").replace("\r\n", "\n").strip()
    errors = {}
    if not body:
        errors["body"] = BODY_REQUIRED
    elif len(body) > limits.TEXT:
        errors["body"] = BODY_TOO_LONG
    refuse_if(errors, refused)
    from_staff = author.is_staff
    with db.database.atomic():
        message = DossierMessage.create(
            dossier_kind=dossier.kind.code, dossier_id=dossier.id, reference=dossier.reference,
            holder=dossier.holder_id, author=author, author_name=author.full_name,
            from_staff=from_staff, body=body, document=attachment)
        history = "Message " + ("de l'ASP" if from_staff else "de l'opérateur") + " :\n" + body
        if attachment is not None:
            history += f"\nPièce jointe : {attachment.original_name}"
        dossier.log(author, history)
        if not from_staff:
            follow.flag(dossier.kind.code, dossier.id)
        link = dossier.url(staff=not from_staff, external=True)
        for recipient in _recipients(dossier, from_staff):
            # The staff's notices are not listed among the operator's mails of the dossier.
            related = ("" if from_staff else "staff-") + f"{dossier.kind.code}:{dossier.id}"
            outbox.queue(recipient, "dossier_message", related=related, title=dossier.title,
                         link=link, to_staff=not from_staff)
    return message


def messages(dossier) -> list[DossierMessage]:
    """The thread, oldest first, with each attachment (one query)."""
    return list(DossierMessage.select(DossierMessage, Document)
                .join(Document, JOIN.LEFT_OUTER, on=(DossierMessage.document == Document.id))
                .where(DossierMessage.dossier_kind == dossier.kind.code,
                       DossierMessage.dossier_id == dossier.id)
                .order_by(DossierMessage.created_at, DossierMessage.id))


def mark_read(dossier, reader) -> int:
    """The other side's messages are read once `reader` opens the dossier (one UPDATE)."""
    return (DossierMessage.update(read_at=utcnow())
            .where(DossierMessage.dossier_kind == dossier.kind.code,
                   DossierMessage.dossier_id == dossier.id,
                   DossierMessage.from_staff == (not reader.is_staff),
                   DossierMessage.read_at.is_null())
            .execute())


def attachment(dossier, message_id: int) -> Document | None:
    """The attachment of a message of this dossier (None for any other message)."""
    found = (DossierMessage.select(DossierMessage, Document)
             .join(Document, on=(DossierMessage.document == Document.id))
             .where(DossierMessage.id == message_id, DossierMessage.dossier_kind == dossier.kind.code,
                    DossierMessage.dossier_id == dossier.id).first())
    return found.document if found else None


def unread_count(account) -> int:
    """The messages waiting for `account`: for an operator, the ASP's on their dossiers; for the
    staff, the operators' on any dossier. One indexed COUNT."""
    query = DossierMessage.select(fn.COUNT(DossierMessage.id)).where(
        DossierMessage.read_at.is_null(), DossierMessage.from_staff == (not account.is_staff))
    if not account.is_staff:
        query = query.where(DossierMessage.holder == account.id)
    return query.scalar() or 0
