"""The outbox: every e-mail is a row first, then sent by the background worker."""
import re

from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from portal.models.base import BaseModel
from portal.models.documents import Document

PENDING = "pending"
SENT = "sent"
FAILED = "failed"
OUTBOX_STATUS_LABELS = {PENDING: "En attente d'envoi", SENT: "Envoyé", FAILED: "Échec d'envoi"}
# A mailed URL whose path carries a token (a long segment of URL-safe characters): a single-use
# link (services/core/links.py), which whoever holds could set the holder's password or deposit
# in their name.
_TOKEN_URL = re.compile(r"https?://\S*/[A-Za-z0-9_\-.]{32,}\S*")
MASKED = "[lien personnel à usage unique, masqué]"


class OutboxMessage(BaseModel):
    recipient = CharField(index=True)
    subject = CharField()
    body_text = TextField()
    body_html = TextField(default="")
    status = CharField(default=PENDING, index=True)
    attempts = IntegerField(default=0)
    last_error = TextField(default="")
    sent_at = DateTimeField(null=True)
    related = CharField(default="", index=True)  # e.g. "enrolment:12", for the per-file listing
    reply_to = CharField(default="")  # e.g. the sender of a message to the support desk
    next_attempt_at = DateTimeField(null=True)  # a pending message is due from then (None: now)
    retry_until = DateTimeField(null=True)  # tries stop then, and the message is FAILED
    claimed_until = DateTimeField(null=True)  # a worker is sending it: no one else may

    @property
    def status_label(self) -> str:
        return OUTBOX_STATUS_LABELS[self.status]

    @property
    def can_retry(self) -> bool:
        return self.status == FAILED

    @property
    def body_for_staff(self) -> str:
        """The text as staff may read it: single-use links masked."""
        return _TOKEN_URL.sub(MASKED, self.body_text)

    class Meta:
        table_name = "outbox_message"
        indexes = ((("status", "next_attempt_at"), False),)


class SupportMessage(BaseModel):
    """A message sent through « Contacter l'assistance »; its reference is AST-<year>-<id>."""
    reference = CharField(unique=True)
    last_name = CharField()
    first_name = CharField()
    email = CharField()
    siret = CharField(max_length=14, default="")
    enrolment_number = CharField(default="")
    category = CharField()  # a key of portal.services.content.support.CATEGORIES
    message = TextField()
    handled_at = DateTimeField(null=True)  # marked « traité » by staff
    handled_by = CharField(default="")
    attachment = ForeignKeyField(Document, null=True, on_delete="SET NULL")  # signed-in senders

    class Meta:
        table_name = "support_message"


class CaptchaUse(BaseModel):
    """Captcha nonces already answered: a token cannot be replayed."""
    nonce = CharField(unique=True)

    class Meta:
        table_name = "captcha_use"
