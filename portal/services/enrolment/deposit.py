"""Documents the holder deposits after filing: those a manager asked for (through the single-use
link of the mail — no account needed — or from the private space), and the certificates that
finalise an anticipated enrolment (from the private space). One upload per type, then
« Terminer mon dépôt », which is the workflow's move back to instruction."""
import datetime
from dataclasses import dataclass, field

from portal.extensions import db
from portal.models import Document, Enrolment
from portal.models.accounts import SingleUseLink
from portal.models.enrolment import AWAITING_DOCUMENTS, PARTIAL
from portal.services.enrolment import corrections, workflow
from portal.services.core import links, storage
from portal.services.core.errors import Refused, refuse_if
from portal.services.core.storage import RefusedFile

NOT_ASKED = "Ce document n'est pas demandé."
CHOOSE_FILE = "Choisissez un fichier."
CERTIFICATES_MESSAGE = ("Votre demande d'enrôlement anticipé est partiellement validée. Pour la "
                        "finaliser, déposez : {}.")


@dataclass
class Deposit:
    enrolment: Enrolment
    kinds: list[str]  # the types that may be deposited
    since: datetime.datetime  # documents deposited from then on answer this deposit
    action: str  # the workflow's move of « Terminer mon dépôt »
    message: str  # what is asked, as the holder reads it
    heading: str  # who asks it
    link: SingleUseLink | None = None  # the mailed link it was opened with, if any
    sections: list[str] = field(default_factory=list)  # data to correct (services/corrections)

    @property
    def title(self) -> str:
        return "Modifier ma demande d'enrôlement" if self.sections else "Déposer des pièces justificatives"

    def values(self, typed: dict | None = None) -> dict:
        """The data to correct as the form shows them: as typed, else as the enrolment has them."""
        current = corrections.values_of(self.enrolment, self.sections)
        return {name: (typed or {}).get(name, value) for name, value in current.items()}

    def documents(self) -> dict:
        """The documents deposited for it so far, by type (the last one of each type)."""
        found = (Document.select().where(Document.enrolment == self.enrolment,
                                         Document.kind.in_(self.kinds),
                                         Document.created_at >= self.since)
                 .order_by(Document.id))
        return {document.kind: document for document in found}


def _asked(enrolment: Enrolment, link=None) -> Deposit | None:
    request = workflow.open_request(enrolment)
    if enrolment.status != AWAITING_DOCUMENTS or request is None:
        return None
    return Deposit(enrolment, request.kinds, request.created_at, workflow.SUPPLY_DOCUMENTS,
                   request.message, "Message du gestionnaire de l'ASP", link, request.sections)


def find(token: str) -> Deposit | None:
    """The deposit a mailed link opens: None when the link is forged, used or expired, or when
    the enrolment no longer waits for documents."""
    link = links.find(links.UPLOAD_DOCUMENTS, token)
    if link is None or link.enrolment_id is None:
        return None
    return _asked(link.enrolment, link)


def for_holder(enrolment: Enrolment) -> Deposit | None:
    """What the holder may deposit from the private space: the documents asked for, or the
    certificates of a partially validated anticipated enrolment; None otherwise."""
    if enrolment.status == PARTIAL:
        due = workflow.certificates_required(enrolment)
        return Deposit(enrolment, [kind for kinds in due for kind in kinds],
                       enrolment.decided_at or enrolment.submitted_at,
                       workflow.SUPPLY_CERTIFICATES,
                       CERTIFICATES_MESSAGE.format(" ; ".join(workflow.certificate_labels(enrolment))),
                       "Certificat(s) à déposer")
    return _asked(enrolment)


def store(deposit: Deposit, kind: str, file_storage) -> Document:
    """Keep one file for a type (it replaces the one deposited before for that type). Raises
    Refused (beside its field)."""
    if kind not in deposit.kinds:
        raise Refused({"doc_" + kind: NOT_ASKED})
    if not file_storage or not file_storage.filename:
        raise Refused({"doc_" + kind: CHOOSE_FILE})
    with db.database.atomic():
        try:
            document = storage.save(kind, file_storage, enrolment=deposit.enrolment)
        except RefusedFile as exc:
            raise Refused({"doc_" + kind: str(exc)})
        replaced = Document.select().where(Document.enrolment == deposit.enrolment,
                                           Document.kind == kind, Document.id != document.id,
                                           Document.created_at >= deposit.since)
        for old in replaced:
            storage.delete(old)
    return document


def finish(deposit: Deposit, holder=None, typed: dict | None = None, files=None):
    """« Terminer mon dépôt », by the link's bearer or by the signed-in `holder`, with the files
    sent along (the path without JavaScript: refused at once if one is refused) and the data
    corrected (`typed`) when asked: raises Refused (by field)."""
    refuse_if(storage.keep_each(deposit.kinds, files or {},
                                lambda kind, sent: store(deposit, kind, sent)))
    return workflow.apply(deposit.enrolment, deposit.action, holder, link=deposit.link,
                          corrections=deposit.values(typed))
