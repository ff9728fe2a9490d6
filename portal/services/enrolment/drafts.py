"""Wizard drafts: saved server-side after each valid step, resumable, expiring after 30 days."""
import datetime
import re
import secrets

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from peewee import IntegrityError

from portal.extensions import db
from portal.models import Document, EnrolmentDraft
from portal.models.base import utcnow
from portal.models.enrolment import KIND_INITIAL
from portal.services.core import outbox, quotas, storage
from portal.services.core.errors import ACTION, Refused
from portal.services.core.identifiers import InvalidIdentifier, clean_email

LIFETIME = datetime.timedelta(days=30)
TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")
TOO_MANY_DRAFTS = ("Trop de demandes d'enrôlement ont été commencées depuis votre adresse en "
                   "peu de temps. Si vous aviez commencé une demande, reprenez-la depuis le "
                   "navigateur où vous l'aviez saisie ou par son lien de reprise ; sinon, "
                   "réessayez dans une heure.")



def _serializer():
    return URLSafeTimedSerializer(current_app.secret_key, salt="draft-resume")


def create(kind: str = "initial") -> EnrolmentDraft:
    return EnrolmentDraft.create(token=_new_token(), kind=kind)


def _new_token() -> str:
    return secrets.token_urlsafe(24)


def _usable(token: str | None) -> bool:
    return bool(token) and TOKEN.fullmatch(token) is not None


def blank(token: str | None = None) -> EnrolmentDraft:
    """The draft of a browser that has stored nothing yet: not stored, so that a visit writes
    nothing. Named by the browser's token when it has one, so that its first actions sent at
    once store one draft."""
    return EnrolmentDraft(token=token if _usable(token) else _new_token(), kind=KIND_INITIAL)


def store_new(token: str | None = None) -> EnrolmentDraft:
    """Store the draft of a browser's first action, within the drafts an IP address may start in
    an hour (DRAFTS_PER_IP_LIMIT). Raises Refused."""
    draft = blank(token)
    if not quotas.take_settings(("DRAFTS_PER_IP_LIMIT", quotas.visitor())):
        raise Refused({ACTION: TOO_MANY_DRAFTS})
    try:
        with db.database.atomic():
            draft.save(force_insert=True)
    except IntegrityError:  # another first action of the same browser stored it just before
        return EnrolmentDraft.get(EnrolmentDraft.token == draft.token)
    return draft


def find(token: str | None) -> EnrolmentDraft | None:
    if not token:
        return None
    draft = EnrolmentDraft.get_or_none(EnrolmentDraft.token == token)
    if draft and draft.updated_at < utcnow() - LIFETIME:
        discard(draft)
        return None
    return draft


def _merge(draft: EnrolmentDraft, change) -> None:
    """Apply `change(values)` to the values as stored now, the row locked: a browser's requests
    overlap (a keystroke's autosave while « Rechercher » stores the company found), and a copy
    read when the request began would write back what another stored meanwhile."""
    with db.database.atomic():
        if draft.id is not None:  # read again, locked (PostgreSQL; SQLite: the IMMEDIATE lock)
            stored = (EnrolmentDraft.select(EnrolmentDraft.data, EnrolmentDraft.step)
                      .where(EnrolmentDraft.id == draft.id))
            if db.database.for_update:
                stored = stored.for_update()
            draft.data, draft.step = stored.tuples().get()
        values = draft.values
        change(values)
        draft.values = values
        draft.updated_at = utcnow()
        draft.save()


def save_step(draft: EnrolmentDraft, values: dict, next_step: int) -> None:
    def change(stored: dict) -> None:
        stored.update(values)
        draft.step = max(draft.step, next_step)
    _merge(draft, change)


TYPED = "_typed"  # by step, the values typed and not yet checked by « Etape suivante »
SAVED_AT = "_saved_at"  # when what was typed was last kept (a visit is no save)


def saved_at(draft: EnrolmentDraft) -> datetime.datetime | None:
    at = draft.values.get(SAVED_AT)
    return datetime.datetime.fromisoformat(at) if at else None


def typed(draft: EnrolmentDraft, step: int) -> dict:
    """What was typed at `step` since it was last validated (services/core/autosave)."""
    return draft.values.get(TYPED, {}).get(str(step), {})


def keep_typed(draft: EnrolmentDraft, step: int, values: dict) -> None:
    """Store the values typed at `step`, unchecked, beside the validated ones."""
    if draft.id is None:
        return

    def change(stored: dict) -> None:
        stored.setdefault(TYPED, {})[str(step)] = values
        stored[SAVED_AT] = utcnow().isoformat()
    _merge(draft, change)


def validated(values: dict, step: int) -> dict:
    """`values` with the step's typed values dropped: it was just checked and saved."""
    values.get(TYPED, {}).pop(str(step), None)
    return values


def touch(draft: EnrolmentDraft) -> None:
    if draft.id is None:  # a blank draft: nothing stored yet
        return
    draft.updated_at = utcnow()
    draft.save(only=[EnrolmentDraft.updated_at])


def documents(draft: EnrolmentDraft) -> dict:
    """The draft's documents by type (the last one of each type)."""
    if draft.id is None:
        return {}
    return {d.kind: d for d in draft.documents.order_by(Document.id)}


def replace_document(draft: EnrolmentDraft, kind: str, file_storage) -> Document:
    """Store the new file (raises storage.RefusedFile); a replaced document keeps only the last one."""
    with db.database.atomic():
        document = storage.save(kind, file_storage, draft=draft)
        others = draft.documents.where(Document.kind != kind)
        total = document.size + sum(other.size for other in others)
        limit_mb = current_app.config["DRAFT_MAX_MB"]
        if total > limit_mb * quotas.MB:
            storage.delete(document)
            raise storage.RefusedFile(f"Les pièces de cette demande dépassent {limit_mb} Mo au "
                                      "total : envoyez une version plus légère de ce fichier.")
        for old in draft.documents.where((Document.kind == kind) & (Document.id != document.id)):
            storage.delete(old)
        touch(draft)
    return document


def upload(draft: EnrolmentDraft, kind: str, file_storage) -> Document:
    """Keep one document sent on its own (htmx). Raises Refused (beside its field)."""
    if not file_storage or not file_storage.filename:
        raise Refused({"doc_" + kind: "Choisissez un fichier."})
    try:
        return replace_document(draft, kind, file_storage)
    except storage.RefusedFile as exc:
        raise Refused({"doc_" + kind: str(exc)})


def keep_sent(draft: EnrolmentDraft, kinds, files) -> dict:
    """Keep the files of these types sent with a whole form. The errors by field of those
    refused."""
    return storage.keep_each(kinds, files, lambda kind, sent: upload(draft, kind, sent))


def resume_token(draft: EnrolmentDraft) -> str:
    return _serializer().dumps(draft.token)


RESUME_REFUSED = "Trop de liens de reprise ont été demandés : réessayez demain."


def send_resume_link(draft: EnrolmentDraft, typed_email: str, link: str) -> str:
    """Mail the resume link to the address typed (returned cleaned), within the quotas per
    draft, per IP address and per recipient (one message for the three, so that it says nothing
    of the address). Raises Refused."""
    try:
        email = clean_email(typed_email)
    except InvalidIdentifier as exc:
        raise Refused({"email": str(exc)})
    allowed = quotas.take_settings(("RESUME_LINK_DRAFT_LIMIT", draft.token),
                                   ("RESUME_LINK_IP_LIMIT", quotas.visitor()),
                                   ("RESUME_LINK_RECIPIENT_LIMIT", email.lower()))
    if not allowed:
        raise Refused({"email": RESUME_REFUSED})
    outbox.queue(email, "draft_resume", link=link)
    return email


def from_resume_token(signed: str) -> EnrolmentDraft | None:
    try:
        token = _serializer().loads(signed, max_age=int(LIFETIME.total_seconds()))
    except (BadSignature, SignatureExpired):
        return None
    return find(token)


def discard(draft: EnrolmentDraft) -> None:
    with db.database.atomic():
        for document in draft.documents:
            storage.delete(document)
        draft.delete_instance()


def purge_expired() -> int:
    """Delete the drafts untouched for 30 days, with their files."""
    expired = list(EnrolmentDraft.select().where(EnrolmentDraft.updated_at < utcnow() - LIFETIME))
    for draft in expired:
        discard(draft)
    return len(expired)


def purge_abandoned() -> int:
    """Delete the drafts never taken past step 1 and untouched for ABANDONED_DRAFT_HOURS, with
    their files: what a flood of bare visits leaves behind."""
    since = utcnow() - datetime.timedelta(hours=current_app.config["ABANDONED_DRAFT_HOURS"])
    abandoned = list(EnrolmentDraft.select().where((EnrolmentDraft.step <= 1)
                                                   & (EnrolmentDraft.updated_at < since)))
    for draft in abandoned:
        discard(draft)
    return len(abandoned)
