"""A file accepted before the rest of its form is right (« Mon compte » forms): stored at once and
named by a signed token only this account can use, so that correcting a field does not mean
uploading the file again. A file already attached to something is never handed out again."""
import datetime
from dataclasses import dataclass

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from portal.models import (BankDetail, Document, DocumentTemplate, DossierMessage, PersonChange,
                           SupportMessage)
from portal.models.base import utcnow
from portal.services.core import storage
from portal.services.core.storage import RefusedFile


def _signer(account):
    return URLSafeSerializer(current_app.secret_key, salt=f"kept-file-{account.id}")


def keep(account, kind: str, sent) -> tuple[str, Document | None, str | None]:
    """Store a file sent with a form; returns (token, document, French error)."""
    if not sent or not sent.filename:
        return "", None, None
    try:
        document = storage.save(kind, sent)
    except RefusedFile as exc:
        return "", None, str(exc)
    return _signer(account).dumps([document.id, kind]), document, None


def _attached(document_id: int) -> bool:
    return (BankDetail.select().where(BankDetail.rib == document_id).exists()
            or PersonChange.select().where(
                (PersonChange.representative_id == document_id)
                | (PersonChange.filer_id == document_id)
                | (PersonChange.mandate == document_id)).exists()
            or SupportMessage.select().where(SupportMessage.attachment == document_id).exists()
            or DocumentTemplate.select().where(DocumentTemplate.document == document_id).exists()
            or DossierMessage.select().where(DossierMessage.document == document_id).exists())


def _unattached():
    """The documents nothing owns: neither a draft, an enrolment, a funding request (its pieces
    pending too), nor a bank detail, a person change, a support message, a document template or a
    dossier's message."""
    return Document.select().where(
        Document.enrolment.is_null(), Document.draft.is_null(),
        Document.funding_request.is_null(), Document.pending_request.is_null(),
        Document.id.not_in(BankDetail.select(BankDetail.rib).where(BankDetail.rib.is_null(False))),
        Document.id.not_in(SupportMessage.select(SupportMessage.attachment).where(
            SupportMessage.attachment.is_null(False))),
        Document.id.not_in(DocumentTemplate.select(DocumentTemplate.document)),
        Document.id.not_in(DossierMessage.select(DossierMessage.document).where(
            DossierMessage.document.is_null(False))),
        *(Document.id.not_in(PersonChange.select(column).where(column.is_null(False)))
          for column in (PersonChange.representative_id, PersonChange.filer_id,
                         PersonChange.mandate)))


def purge_unattached() -> int:
    """Delete the files kept across a refused form and never attached to anything, once older
    than KEPT_FILE_HOURS (the time to correct the form)."""
    since = utcnow() - datetime.timedelta(hours=current_app.config["KEPT_FILE_HOURS"])
    abandoned = list(_unattached().where(Document.created_at < since))
    for document in abandoned:
        storage.delete(document)
    return len(abandoned)


def kept(account, kind: str, token: str) -> Document | None:
    """The file of that type a token of this account names, if still unattached."""
    try:
        document_id, signed_kind = _signer(account).loads(token or "")
    except (BadSignature, ValueError, TypeError):
        return None
    if signed_kind != kind or _attached(document_id):
        return None
    return Document.get_or_none(Document.id == document_id, Document.enrolment.is_null(),
                                Document.draft.is_null(), Document.funding_request.is_null(),
                                Document.pending_request.is_null())


def take(account, kind: str, token: str, sent) -> tuple[str, Document | None, str | None]:
    """The file just sent (it replaces the one kept), else the one kept — kept too when the
    new one is refused: (token, document, French error)."""
    error = None
    if sent and sent.filename:
        new_token, document, error = keep(account, kind, sent)
        if not error:
            return new_token, document, None
    document = kept(account, kind, token)
    return (token if document else ""), document, error


@dataclass
class Taken:
    """The files of a form: those kept by type (None where there is none), and why a file just
    sent was refused ("doc_<type>" → French message), for the service to refuse with."""
    documents: dict
    refused: dict


def take_all(account, form, kinds, files) -> Taken:
    """take() for each type, its token in the form's field `<type>_token` (updated for the page
    drawn again)."""
    taken = Taken({}, {})
    for kind in kinds:
        field = form[kind + "_token"]
        field.data, taken.documents[kind], error = take(account, kind, field.data,
                                                        files.get("doc_" + kind))
        if error:
            taken.refused["doc_" + kind] = error
    return taken
