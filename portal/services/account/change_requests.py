"""What an operator asks from « Mon compte » (a new bank detail, a change of its natural persons)
is decided by a manager the same way: validated, or refused with a reason. One function makes
the decision: the status (the first decision wins), one history row, what a validation changes,
and one mail to the operator — in one transaction, the mail handed to the worker once committed."""
from dataclasses import dataclass
from typing import Callable

from portal.extensions import db
from portal.models.bank import PENDING, REFUSED, VALIDATED
from portal.models.base import utcnow
from portal.services.core import outbox

VALIDATE, REFUSE = "valider", "refuser"
TARGETS = {VALIDATE: VALIDATED, REFUSE: REFUSED}
CHOOSE = "Choisissez une décision."
REASON_REQUIRED = "Indiquez le motif du refus : il est repris dans le courriel à l'opérateur."
NOT_PENDING = "Cette demande a déjà été instruite."


@dataclass(frozen=True)
class Kind:
    """One kind of request: its history model (and the field naming the request there), the
    mail template of each decision, the key of its outbox rows."""
    event_model: type
    event_field: str
    mails: dict  # action → template
    related: str  # "bank" → related "bank:<id>"
    mail_name: str  # the name the mail templates give the request


def actor_name(account) -> str:
    return f"{account.full_name} ({account.role_label})"


def log(kind: Kind, record, source, target, actor: str, comment: str = ""):
    return kind.event_model.create(**{kind.event_field: record}, from_status=source,
                                   to_status=target, actor=actor, comment=comment)


def decide(kind: Kind, record, action: str, actor, comment: str = "",
           on_validate: Callable | None = None) -> dict:
    """A manager's decision on a pending request; returns the errors by field (nothing written
    if any). `on_validate(record, who)` applies what a validation changes, in the transaction."""
    comment = (comment or "").strip()
    if action not in TARGETS:
        return {"action": CHOOSE}
    if action == REFUSE and not comment:
        return {"comment": REASON_REQUIRED}
    target, who, model = TARGETS[action], actor_name(actor), type(record)
    with db.database.atomic():
        if not model.update(status=target, decided_at=utcnow()).where(
                model.id == record.id, model.status == PENDING).execute():
            return {"action": NOT_PENDING}
        record.status = target
        log(kind, record, PENDING, target, who, comment)
        if target == VALIDATED and on_validate:
            on_validate(record, who)
        account = type(record.account).get_by_id(record.account_id)  # as on_validate left it
        outbox.queue(account.email, kind.mails[action], related=f"{kind.related}:{record.id}",
                     account=account, comment=comment, **{kind.mail_name: record})
    outbox.dispatch()
    return {}
