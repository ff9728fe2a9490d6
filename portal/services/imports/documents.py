"""Step 2 of an import, « Dépôt des pièces justificatives » (guide 003 §4.2 and §9): one document
per retained request — the signed purchase order or quote of an advance, the invoice of a
balance — by its own drop zone or all at once in a zip (services/imports/zips.py). When every
request has its document, each moves « Non complétée » → « En cours » (one audited move of the
kernel per request), the import is complete, its output JSON says « En cours », and the account
gets one acknowledgement mail."""
import io
import json
import os
import tempfile
from dataclasses import dataclass, field

from werkzeug.datastructures import FileStorage

from portal.extensions import db
from portal.models import Document, FundingRequest, JsonImport
from portal.models.base import utcnow
from portal.models.funding import ADVANCE, INCOMPLETE, IN_PROGRESS, STATUS_LABELS
from portal.models.imports import AWAITING_DOCUMENTS, COMPLETE
from portal.services.core import outbox, storage
from portal.services.core.errors import Refused
from portal.services.core.workflow import HOLDER, Move, Workflow, transition
from portal.services.funding import requests as funding_requests
from portal.services.funding.workflow import SHARED
from portal.services.imports import filing, zips

DOCUMENT_KINDS = {ADVANCE: "signed_order"}  # a balance: "invoice"
ZIP_FIELD = "zip"
FINISHED = "Les pièces de cet import ont toutes été déposées : ses demandes sont « En cours »."
UNKNOWN_REQUEST = "Cette demande n'attend plus de pièce justificative."
NO_FILE = "Choisissez un fichier à déposer."
UNMATCHED = "« {} » : aucune demande de cet import n'a le numéro éditeur « {} » ; fichier ignoré."
TWICE = "« {} » : un autre fichier de l'archive vise déjà la demande « {} » ; fichier ignoré."
AMBIGUOUS = ("« {} » : une demande d'avance et une demande de solde portent le numéro éditeur "
             "« {} » ; fichier ignoré : déposez-le sur sa demande.")
COMPLETE_ACTION = "completer"

COMPLETION = Workflow(
    FundingRequest, "status",
    {COMPLETE_ACTION: Move("Compléter la demande", (INCOMPLETE,), IN_PROGRESS,
                           "Votre demande est « En cours » d'instruction.", by=HOLDER)},
    audit=lambda step: {"snapshot": funding_requests.snapshot(step.record)},
    stamp=lambda step: {"status_changed_at": step.now}, **SHARED)


def kind_for(request_kind: str) -> str:
    """The document type a request of that kind (advance, balance) is filed with."""
    return DOCUMENT_KINDS.get(request_kind, "invoice")


def document_kind(of) -> str:
    """The document an import's requests (or a request) expect, by their kind."""
    return kind_for(of.kind)


@dataclass
class Slot:
    """A retained request of the import and its document (None until deposited)."""
    request: FundingRequest
    document: Document | None = None

    @property
    def key(self) -> str:  # its drop zone's field and ids
        return f"demande-{self.request.id}"


@dataclass
class Page:
    """What step 2 shows: the import, each request and its document."""
    json_import: JsonImport
    slots: list[Slot]

    @property
    def kind(self) -> str:
        return document_kind(self.json_import)

    @property
    def complete(self) -> bool:
        return self.json_import.status == COMPLETE

    @property
    def missing(self) -> int:
        return sum(1 for slot in self.slots if slot.document is None)

    def slot(self, request_id: int) -> Slot | None:
        return next((s for s in self.slots if s.request.id == request_id), None)


def page(json_import: JsonImport) -> Page:
    """Two queries: the import's requests, their documents of the expected kind."""
    requests = list(FundingRequest.select().where(FundingRequest.json_import == json_import)
                    .order_by(FundingRequest.id))
    documents = {d.funding_request_id: d for d in Document.select().where(
        Document.funding_request.in_([r.id for r in requests]),
        Document.kind == document_kind(json_import)).order_by(Document.id)}
    return Page(json_import, [Slot(r, documents.get(r.id)) for r in requests])


def _store(request: FundingRequest, sent) -> Document:
    """Keep the file as the request's document (replacing an earlier one); raises RefusedFile."""
    kind = document_kind(request)
    document = storage.save(kind, sent, funding_request=request)
    for earlier in Document.select().where(Document.funding_request == request,
                                           Document.kind == kind, Document.id != document.id):
        storage.delete(earlier)
    return document


def _awaiting(json_import, request_id: int) -> FundingRequest | None:
    return FundingRequest.get_or_none(FundingRequest.id == request_id,
                                      FundingRequest.json_import == json_import,
                                      FundingRequest.status == INCOMPLETE)


def deposit(json_import: JsonImport, request_id: int, sent, account) -> bool:
    """One request's document from its drop zone; True when it completed the import. Raises
    Refused({"demande-<id>": message})."""
    field_name = f"demande-{request_id}"
    request = _awaiting(json_import, request_id)
    if request is None:
        raise Refused({field_name: FINISHED if json_import.status == COMPLETE
                       else UNKNOWN_REQUEST})
    if not sent or not sent.filename:
        raise Refused({field_name: NO_FILE})
    try:
        _store(request, sent)
    except storage.RefusedFile as exc:
        raise Refused({field_name: str(exc)})
    return complete_if_ready(json_import, account)


@dataclass
class ZipOutcome:
    """What an archive gave: the documents deposited (publisher's number → file name), what was
    refused or matched no request (French lines), and whether it completed the import."""
    deposited: dict = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    completed: bool = False


def _spooled(sent) -> str:
    """The upload copied to a file on disk, in chunks (werkzeug's save)."""
    handle, path = tempfile.mkstemp(suffix=".zip", dir=filing.folder())
    os.close(handle)
    try:
        sent.save(path)
    except BaseException:  # the upload cut short, or over the size allowed (413)
        os.remove(path)
        raise
    return path


def deposit_zip(json_import: JsonImport, sent, account) -> ZipOutcome:
    """« Déposer un fichier zip pour toutes les demandes » of step 2: the import's requests."""
    if json_import.status == COMPLETE:
        raise Refused({ZIP_FIELD: FINISHED})
    return deposit_zip_into(awaiting(FundingRequest.json_import == json_import), sent, account,
                            known={json_import.id: json_import})


def awaiting(scope):
    """The requests still incomplete of `scope` (a condition), their import joined."""
    return (FundingRequest.select(FundingRequest, JsonImport).join(JsonImport)
            .where(scope, FundingRequest.status == INCOMPLETE))


def deposit_zip_into(requests, sent, account, unmatched=UNMATCHED, known=None) -> ZipOutcome:
    """An archive for `requests` (incomplete ones, of one import or of all the account's): each
    entry goes to the request of its publisher's number; each import left with every document is
    completed. Raises Refused({"zip": message}) when the archive as a whole is refused; otherwise
    the entries that name no request (or two) are listed back. `known`: the caller's imports by
    id, completed in place (their status then says so)."""
    if not sent or not sent.filename:
        raise Refused({ZIP_FIELD: NO_FILE})
    named: dict[str, list] = {}
    for request in requests:
        named.setdefault(request.publisher_number, []).append(request)
    path = _spooled(sent)
    try:
        with zips.open_archive(path) as archive:
            outcome = _unpack(archive, zips.entries(archive, set(named)), named, unmatched)
    except zips.RefusedArchive as exc:
        raise Refused({ZIP_FIELD: str(exc)})
    finally:
        os.remove(path)
    known = known or {}
    touched = {r.json_import_id: known.get(r.json_import_id, r.json_import)
               for number in outcome.deposited for r in named[number]}
    outcome.completed = any([complete_if_ready(json_import, account)
                             for json_import in touched.values()])
    return outcome


def _unpack(archive, entries, named, unmatched) -> ZipOutcome:
    outcome = ZipOutcome()
    for entry in entries:
        requests = named.get(entry.publisher_number, [])
        if not requests:
            outcome.problems.append(unmatched.format(entry.info.filename, entry.publisher_number))
            continue
        if len(requests) > 1:
            outcome.problems.append(AMBIGUOUS.format(entry.info.filename, entry.publisher_number))
            continue
        if entry.publisher_number in outcome.deposited:
            outcome.problems.append(TWICE.format(entry.info.filename, entry.publisher_number))
            continue
        try:
            content = zips.read(archive, entry)
            _store(requests[0], FileStorage(io.BytesIO(content), filename=entry.name))
        except ValueError as exc:  # RefusedFile is one too
            outcome.problems.append(f"« {entry.info.filename} » : {exc}")
            continue
        outcome.deposited[entry.publisher_number] = entry.name
    return outcome


def _output_in_progress(json_import: JsonImport, numbers: set[str]) -> None:
    """The stored output JSON with « En cours » for the requests completed."""
    if not json_import.output_json:
        return
    document = json.loads(json_import.output_json)
    for item in (document.get("demandes") or []) if isinstance(document, dict) else []:
        if isinstance(item, dict) and item.get("numeroDemandeASP") in numbers:
            item["statut"] = STATUS_LABELS[IN_PROGRESS]
    json_import.output_json = json.dumps(document, ensure_ascii=False)


def complete_if_ready(json_import: JsonImport, account) -> bool:
    """When every request has its document: the moves, the import complete, the mail — once,
    whoever deposits the last documents at the same time (a conditional UPDATE decides)."""
    shown = page(json_import)
    if shown.missing or not shown.slots:
        return False
    with db.database.atomic():
        now = utcnow()
        if not JsonImport.update(status=COMPLETE, completed_at=now).where(
                JsonImport.id == json_import.id,
                JsonImport.status == AWAITING_DOCUMENTS).execute():
            return False
        json_import.status, json_import.completed_at = COMPLETE, now
        moved = []
        for slot in shown.slots:
            if slot.request.status == INCOMPLETE:
                transition(COMPLETION, slot.request, COMPLETE_ACTION, account)
                moved.append(slot)
        _output_in_progress(json_import, {slot.request.number for slot in moved})
        JsonImport.update(output_json=json_import.output_json).where(
            JsonImport.id == json_import.id).execute()
        outbox.queue(account.email, "imports_documents_received",
                     related=f"json_import:{json_import.id}", json_import=json_import,
                     slots=moved, account=account, corridor=json_import.corridor,
                     enrolment=json_import.enrolment)
    return True
