"""« Contacter l'assistance »: check a message, keep it, mail it to the support desk and send the
sender an acknowledgement with the message's reference (AST-2026-000001)."""
import re
import secrets

from flask import current_app

from portal import formatting
from portal.extensions import db
from portal.models import Enrolment, SupportMessage
from portal.models.base import utcnow
from portal.services.core import captcha, identifiers, limits, outbox
from portal.services.core.errors import refuse_if
from portal.services.core.tables import CHOICE, TEXT, Column, Table

CATEGORIES = {
    "enrolment": "Demande d'enrôlement",
    "documents": "Pièces justificatives",
    "account": "Identifiant et mot de passe",
    "funding": "Demande de financement",
    "other": "Autre",
}
NAME_MAX = limits.NAME
MESSAGE_MAX = limits.TEXT
ENROLMENT_NUMBER = re.compile(r"ENR-\d{4}-\d{6}")
REQUIRED = {
    "last_name": "Saisissez votre nom.",
    "first_name": "Saisissez votre prénom.",
    "email": "Saisissez votre adresse électronique.",
    "category": "Sélectionnez la catégorie de votre demande.",
    "message": "Saisissez votre message.",
}


def one_line(value) -> str:
    """Trimmed, with inner runs of spaces and line breaks made one space (names go in subjects)."""
    return " ".join((value or "").split())


def check(values: dict) -> tuple[dict, dict]:
    """The cleaned values and the French errors by field name."""
    errors = {}
    cleaned = {name: one_line(values.get(name)) for name in
               ("last_name", "first_name", "email", "siret", "enrolment_number", "category")}
    cleaned["message"] = (values.get("message") or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    for name, message in REQUIRED.items():
        if not cleaned[name]:
            errors[name] = message
    for name in ("last_name", "first_name"):
        if len(cleaned[name]) > NAME_MAX:
            errors[name] = f"{NAME_MAX} caractères au plus."
    if cleaned["email"]:
        try:
            cleaned["email"] = identifiers.clean_email(cleaned["email"])
        except identifiers.InvalidIdentifier as exc:
            errors["email"] = str(exc)
    if cleaned["siret"]:
        try:
            cleaned["siret"] = identifiers.clean_siret(cleaned["siret"])
        except identifiers.InvalidIdentifier as exc:
            errors["siret"] = str(exc)
    if cleaned["enrolment_number"]:
        cleaned["enrolment_number"] = cleaned["enrolment_number"].replace(" ", "").upper()
        if not ENROLMENT_NUMBER.fullmatch(cleaned["enrolment_number"]):
            errors["enrolment_number"] = ("Le numéro de demande d'enrôlement a la forme "
                                          "ENR-2026-000123 : recopiez-le depuis l'accusé de réception.")
    if cleaned["category"] and cleaned["category"] not in CATEGORIES:
        errors["category"] = REQUIRED["category"]
    if len(cleaned["message"]) > MESSAGE_MAX:
        errors["message"] = (f"Votre message compte {formatting.count(len(cleaned['message']))} caractères : "
                             f"raccourcissez-le à {formatting.count(MESSAGE_MAX)} caractères au plus.")
    return cleaned, errors


def send(values: dict, attachment=None, refused: dict | None = None) -> SupportMessage:
    """Check the form's values and its captcha (spent whatever the rest); keep the message (with
    its attachment, a Document already checked — `refused` says why a file sent was not) and queue
    its two mails. Raises Refused."""
    cleaned, errors = check(values)
    captcha_error = captcha.error_for(values.get("captcha_token"), values.get("captcha_answer"))
    if captcha_error:
        errors["captcha_answer"] = captcha_error
    refuse_if(errors, refused)
    with db.database.atomic():
        message = SupportMessage.create(reference="provisoire-" + secrets.token_hex(8),
                                        attachment=attachment, **cleaned)
        message.reference = f"AST-{message.created_at.year}-{message.id:06d}"
        message.save()
        related = f"support:{message.id}"
        context = dict(message=message, category=CATEGORIES[message.category])
        outbox.queue(current_app.config["SUPPORT_EMAIL"], "support_message", related=related,
                     reply_to=message.email, **context)
        outbox.queue(message.email, "support_acknowledgement", related=related, **context)
    return message


def find(reference: str | None) -> SupportMessage | None:
    if not reference:
        return None
    return SupportMessage.get_or_none(SupportMessage.reference == reference)


def prefill(account) -> dict:
    """The form of a signed-in operator, filled from its account and its latest enrolment."""
    latest = (Enrolment.select().where(Enrolment.holder == account)
              .order_by(Enrolment.submitted_at.desc()).first())
    return {"last_name": account.last_name, "first_name": account.first_name,
            "email": account.email, "siret": latest.siret if latest else "",
            "enrolment_number": latest.number if latest else ""}


def mentions(text: str):
    """The search of the back-office: a piece of the reference, the name, the address, the SIRET,
    the enrolment number or the message."""
    return (SupportMessage.reference.contains(text) | SupportMessage.last_name.contains(text) |
            SupportMessage.email.contains(text) | SupportMessage.siret.contains(text) |
            SupportMessage.enrolment_number.contains(text) | SupportMessage.message.contains(text))


FOLLOW_UP = (("a_traiter", "À traiter"), ("traite", "Traité"))


def followed_up(value: str):
    """The « Suivi » filter: the messages still to handle, or those handled."""
    return SupportMessage.handled_at.is_null(value == "a_traiter")


# The messages as the back-office lists them: newest first (by id: the order they came in).
TABLE = Table(
    name="assistance",
    columns=(
        Column("reference", "Référence", SupportMessage.reference, filter=None),
        Column("recu", "Reçu le", SupportMessage.id, filter=None),
        Column("categorie", "Catégorie", SupportMessage.category, filter=CHOICE,
               all_label="Toutes les catégories", choices=tuple(CATEGORIES.items())),
        Column("expediteur", "Expéditeur", filter=None, sortable=False),
        Column("demande", "Demande", SupportMessage.enrolment_number, filter=None, sortable=False),
        Column("suivi", "Suivi", SupportMessage.handled_at, filter=CHOICE, choices=FOLLOW_UP,
               where=followed_up, sortable=False),
        Column("q", "Rechercher (facultatif)", filter=TEXT, where=mentions, shown=False,
               hint="Référence, nom, adresse, SIRET, numéro de demande ou texte du message.",
               sortable=False),
    ),
    default_sort="-recu",
    id_prefix="",
    table_id="table-assistance",
)


def rows():
    return SupportMessage.select()


def mark_handled(message: SupportMessage, actor) -> bool:
    """« Marquer comme traité »: who and when are kept; False if it already was."""
    return bool(SupportMessage.update(handled_at=utcnow(),
                                      handled_by=f"{actor.full_name} ({actor.role_label})")
                .where(SupportMessage.id == message.id, SupportMessage.handled_at.is_null())
                .execute())
