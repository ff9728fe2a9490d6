"""The operator's answer to a request for documents, through the single-use link of the mail (the
holder may have no account yet): the documents asked for, one upload per type, then « Terminer
mon dépôt », which is the workflow's move back to instruction."""
from dataclasses import dataclass

from portal.extensions import db
from portal.models import Document, DocumentRequest, Enrolment
from portal.models.accounts import SingleUseLink
from portal.models.enrolment import AWAITING_DOCUMENTS
from portal.services import enrolment_workflow as workflow, links, storage
from portal.services.storage import RefusedFile

NOT_ASKED = "Ce document n'est pas demandé."
CHOOSE_FILE = "Choisissez un fichier."


@dataclass
class Deposit:
    link: SingleUseLink
    enrolment: Enrolment
    request: DocumentRequest

    @property
    def kinds(self) -> list[str]:
        return self.request.kinds

    def documents(self) -> dict:
        """The documents deposited for this request so far, by type."""
        return workflow.answered_documents(self.request)


def find(token: str) -> Deposit | None:
    """The deposit a link opens: None when the link is forged, used or expired, or when the
    enrolment no longer waits for documents."""
    link = links.find(links.UPLOAD_DOCUMENTS, token)
    if link is None or link.enrolment_id is None:
        return None
    enrolment = link.enrolment
    request = workflow.open_request(enrolment)
    if enrolment.status != AWAITING_DOCUMENTS or request is None:
        return None
    return Deposit(link, enrolment, request)


def store(deposit: Deposit, kind: str, file_storage) -> str | None:
    """Keep one file for a requested type (it replaces the one deposited before for that type).
    Returns the French error, if refused."""
    if kind not in deposit.kinds:
        return NOT_ASKED
    if not file_storage or not file_storage.filename:
        return CHOOSE_FILE
    with db.database.atomic():
        try:
            document = storage.save(kind, file_storage, enrolment=deposit.enrolment)
        except RefusedFile as exc:
            return str(exc)
        replaced = Document.select().where(Document.enrolment == deposit.enrolment,
                                           Document.kind == kind, Document.id != document.id,
                                           Document.created_at >= deposit.request.created_at)
        for old in replaced:
            storage.delete(old)
    return None


def store_all(deposit: Deposit, files) -> dict:
    """The files sent with the whole form (the path without JavaScript). Errors by field."""
    errors = {}
    for kind in deposit.kinds:
        upload = files.get("doc_" + kind)
        if upload and upload.filename:
            error = store(deposit, kind, upload)
            if error:
                errors["doc_" + kind] = error
    return errors


def finish(deposit: Deposit) -> workflow.Outcome:
    """« Terminer mon dépôt »: raises workflow.WorkflowError (a document missing, by field)."""
    return workflow.apply(deposit.enrolment, workflow.SUPPLY_DOCUMENTS, None, link=deposit.link)
