"""« Ajouter des pièces » (guide 003 §5.1, column « Action », and §5.2, block « Pièces
justificatives »): a request filed from a JSON that a manager sent back to its supplier — « A
modifier » or « En attente de pièce justificative » — answered with pieces. The supplier reads
what the manager asked (the comment of the move that sent the request back), adds pieces of the
request's document type (the signed order of an advance, the invoice of a balance), kept pending:
not the request's yet, so neither the manager's nor final; it may delete one of them until
« Valider mon ajout de pièces », which is the workflow's holder move RESUBMIT, as for the MSS
balance: back « En cours » as a new version, the pieces now the request's, named in the history
row and in the mail."""
from dataclasses import dataclass

from portal.models import Document, FundingEvent, FundingRequest
from portal.services.core import storage
from portal.services.core.errors import ACTION, Refused
from portal.services.funding import workflow
from portal.services.imports.documents import NO_FILE, kind_for

FIELD = "piece"  # the upload's field
MAX_PENDING = 10  # pieces added in one round, at most
NOT_OPEN = ("Cette demande n'attend pas de pièce complémentaire : elle est « {} ». Vous pouvez "
            "ajouter des pièces quand elle est « A modifier » ou « En attente de pièce "
            "justificative ».")
NOT_DELETABLE = ("Cette pièce ne peut pas être supprimée : seules les pièces que vous venez "
                 "d'ajouter, avant de valider votre ajout, peuvent l'être.")
TOO_MANY = (f"Vous avez ajouté {MAX_PENDING} pièces : supprimez-en une ou validez votre ajout "
            "avant d'en ajouter d'autres.")


@dataclass
class Answer:
    """The screen « Ajouter des pièces » of one request: what was asked, the pieces the request
    has, those added since (deletable), and the type of the pieces added."""
    request: FundingRequest
    message: str  # what the manager asked, while the request waits for its supplier
    kind: str
    documents: list[Document]  # the request's own pieces
    pending: list[Document]  # added in this round, not validated yet

    @property
    def open(self) -> bool:
        """Pieces may be added, deleted and validated (its status waits for its supplier)."""
        return workflow.STATUS.allowed(self.request, workflow.RESUBMIT)

    @property
    def closed_reason(self) -> str:
        """Why nothing may be added now ("" while the request waits for its supplier)."""
        return "" if self.open else NOT_OPEN.format(self.request.status_label)

    @property
    def may_add(self) -> bool:
        return self.open and len(self.pending) < MAX_PENDING


def answer(account, number: str) -> Answer | None:
    """The account's own request of that number filed from a JSON; None for any other."""
    request = FundingRequest.get_or_none(FundingRequest.number == number,
                                         FundingRequest.account == account)
    if request is None or not request.from_json:
        return None
    found = Answer(request, "", kind_for(request.kind),
                   list(request.documents.order_by(Document.id)),
                   list(request.pending_documents.order_by(Document.id)))
    if found.open:
        asked = (request.events.where(FundingEvent.to_status == request.status,
                                       FundingEvent.from_status != FundingEvent.to_status)
                 .order_by(FundingEvent.id.desc()).first())
        found.message = asked.comment if asked else ""
    return found


def _refuse_closed(found: Answer) -> None:
    if not found.open:
        raise Refused({ACTION: found.closed_reason})


def add(found: Answer, sent) -> Document:
    """One piece added (pending). Raises Refused({"piece": message}) with nothing kept."""
    _refuse_closed(found)
    if not sent or not sent.filename:
        raise Refused({FIELD: NO_FILE})
    if not found.may_add:
        raise Refused({FIELD: TOO_MANY})
    try:
        document = storage.save(found.kind, sent, pending_request=found.request)
    except storage.RefusedFile as exc:
        raise Refused({FIELD: str(exc)})
    found.pending.append(document)
    return document


def delete(found: Answer, document_id: int) -> Document:
    """A piece added in this round, deleted with its file; any other is refused."""
    _refuse_closed(found)
    document = next((d for d in found.pending if d.id == document_id), None)
    if document is None:
        raise Refused({ACTION: NOT_DELETABLE})
    storage.delete(document)
    found.pending.remove(document)
    return document


def validate(found: Answer, account):
    """« Valider mon ajout de pièces »: the kernel's RESUBMIT move with the pieces added (one
    at least); raises Refused with nothing written."""
    _refuse_closed(found)
    return workflow.apply(found.request, workflow.RESUBMIT, account,
                          documents={d.id: d for d in found.pending})
