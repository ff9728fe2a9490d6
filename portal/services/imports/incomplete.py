"""« Suivi des demandes incomplètes » (guide 003 §9): the requests of an import whose documents were
never all deposited stay « Non complétée » — filed and numbered, invisible to managers. The
supplier sees them on its home and in a table of the core component, completes them one by one
(step 2's drop zones) or with one zip for all of them, and may delete advances it no longer wants.

Seven days after their import the worker deletes those still incomplete, with their files; the
supplier is warned by mail two days before (once per import). A deleted request leaves no row of
its own: its history is a DeletedRequest row (models/imports.py) — what it was, of which import,
when, why and by whom — listed under the table and kept as long as the import."""
import datetime
from dataclasses import dataclass

from portal.extensions import db
from portal.models import Document, FundingRequest, JsonImport
from portal.models.base import utcnow
from portal.models.funding import ADVANCE, INCOMPLETE, KIND_LABELS
from portal.models.imports import AWAITING_DOCUMENTS, PURGED, WITHDRAWN, DeletedRequest
from portal.services.core import outbox, storage
from portal.services.core.errors import Refused
from portal.services.core.tables import CHOICE, Column, Table
from portal.services.imports import documents

KEPT_DAYS = 7  # « au bout de sept jours, elles sont supprimées »
WARNED_DAYS_BEFORE = 2
SELECTION = "demandes"
NONE_CHOSEN = "Cochez au moins une demande d'avance à supprimer."
NOT_DELETABLE = ("Seules vos demandes d'avance non complétées peuvent être supprimées : "
                 "rechargez la page.")
UNMATCHED = ("« {} » : aucune de vos demandes non complétées n'a le numéro éditeur « {} » ; "
             "fichier ignoré.")

TABLE = Table(
    name="demandes-incompletes",
    columns=(
        Column("editeur", "Numéro éditeur", FundingRequest.publisher_number,
               hint="Le numéro éditeur de la demande, ou une partie."),
        Column("numero", "Numéro ASP", FundingRequest.number, filter=None),
        Column("type", "Type de demande", FundingRequest.kind, filter=CHOICE, filter_label="Type",
               choices=tuple(KIND_LABELS.items())),
        Column("import", "Date d'importation", JsonImport.created_at, filter=None),
        Column("suppression", "Date de suppression", JsonImport.created_at, filter=None,
               sortable=False),
    ),
    default_sort="import",
    tiebreak=FundingRequest.id,
)


def deadline(imported_at: datetime.datetime) -> datetime.datetime:
    """When an import's requests still incomplete are deleted."""
    return imported_at + datetime.timedelta(days=KEPT_DAYS)


def _mine(account):
    return (FundingRequest.account == account) & (FundingRequest.status == INCOMPLETE)


def listed(account):
    """The account's incomplete requests with their import (one query with the table's)."""
    return (FundingRequest.select(FundingRequest.id, FundingRequest.number, FundingRequest.kind,
                                  FundingRequest.publisher_number, JsonImport.id,
                                  JsonImport.created_at)
            .join(JsonImport).where(_mine(account)))


def count(account) -> int:
    """The home's message: how many (one COUNT on the status index)."""
    if account is None:
        return 0
    return FundingRequest.select().where(_mine(account)).count()


def deletions(account, limit=50) -> list[DeletedRequest]:
    """The history of the account's deleted requests, the latest first."""
    return list(DeletedRequest.select().where(DeletedRequest.account == account)
                .order_by(DeletedRequest.created_at.desc(), DeletedRequest.id.desc()).limit(limit))


def deposit_zip(account, sent) -> documents.ZipOutcome:
    """One zip for all the account's incomplete requests, across its imports."""
    return documents.deposit_zip_into(documents.awaiting(FundingRequest.account == account),
                                      sent, account, UNMATCHED)


@dataclass
class Choice:
    """The advances ticked for « Supprimer », read back for the confirmation."""
    requests: list[FundingRequest]

    @property
    def ids(self) -> list[int]:
        return [r.id for r in self.requests]


def chosen(account, ids) -> Choice:
    """The account's incomplete advances among `ids`; raises Refused when none was ticked or one
    is not deletable (another account's, a balance, already complete or deleted)."""
    wanted = {int(i) for i in ids if str(i).isdigit()}
    if not wanted:
        raise Refused({SELECTION: NONE_CHOSEN})
    found = list(documents.awaiting(_mine(account) & (FundingRequest.kind == ADVANCE)
                                    & FundingRequest.id.in_(wanted)).order_by(FundingRequest.id))
    if len(found) != len(wanted):
        raise Refused({SELECTION: NOT_DELETABLE})
    return Choice(found)


def _delete(request: FundingRequest, reason: str, now, actor=None) -> DeletedRequest | None:
    """The request, its files and its events gone, its history row written; None when it was
    completed meanwhile (a conditional DELETE decides)."""
    files = list(Document.select().where(Document.funding_request == request))
    if not FundingRequest.delete().where(FundingRequest.id == request.id,
                                         FundingRequest.status == INCOMPLETE).execute():
        return None
    for document in files:
        storage.delete(document)
    return DeletedRequest.create(
        account=request.account_id, json_import=request.json_import_id, number=request.number,
        publisher_number=request.publisher_number, kind=request.kind, created_at=now,
        imported_at=request.json_import.created_at, reason=reason, actor_account=actor,
        actor_name=actor.full_name if actor else "")


def _finish(imports: dict, account) -> None:
    """The imports whose remaining requests all have their documents now complete."""
    for json_import in imports.values():
        documents.complete_if_ready(json_import, account)


def withdraw(account, ids) -> list[DeletedRequest]:
    """« Supprimer »: the ticked advances deleted by their supplier, mailed."""
    with db.database.atomic():
        choice = chosen(account, ids)
        rows = [row for r in choice.requests if (row := _delete(r, WITHDRAWN, utcnow(), account))]
        outbox.queue(account.email, "imports_requests_deleted", related=f"account:{account.id}",
                     account=account, rows=rows, withdrawn=True)
    _finish({r.json_import_id: r.json_import for r in choice.requests}, account)
    return rows


def _due(cutoff: datetime.datetime, *conditions):
    """The incomplete requests imported before `cutoff`, their import and account joined."""
    return (FundingRequest.select(FundingRequest, JsonImport).join(JsonImport)
            .where(FundingRequest.status == INCOMPLETE, JsonImport.status == AWAITING_DOCUMENTS,
                   JsonImport.created_at <= cutoff, *conditions)
            .order_by(JsonImport.id, FundingRequest.id))


def _by_import(requests) -> dict:
    grouped: dict[int, list] = {}
    for request in requests:
        grouped.setdefault(request.json_import_id, []).append(request)
    return grouped


def warn(now: datetime.datetime | None = None) -> int:
    """Two days before the deletion, one mail per import still incomplete; how many sent (none
    for an import deleted in this very pass)."""
    now = now or utcnow()
    cutoff = now - datetime.timedelta(days=KEPT_DAYS - WARNED_DAYS_BEFORE)
    due = _due(cutoff, JsonImport.deletion_warned_at.is_null(),
               JsonImport.created_at > now - datetime.timedelta(days=KEPT_DAYS))
    sent = 0
    for requests in _by_import(due).values():
        json_import = requests[0].json_import
        with db.database.atomic():
            if not JsonImport.update(deletion_warned_at=now).where(
                    JsonImport.id == json_import.id,
                    JsonImport.deletion_warned_at.is_null()).execute():
                continue
            outbox.queue(json_import.account.email, "imports_deletion_warning",
                         related=f"json_import:{json_import.id}", json_import=json_import,
                         account=json_import.account, requests=requests,
                         deadline=deadline(json_import.created_at))
        sent += 1
    return sent


def purge(now: datetime.datetime | None = None) -> int:
    """Seven days after their import, the requests still incomplete deleted with their files, each
    in the history, one mail per import; how many deleted."""
    now = now or utcnow()
    deleted = 0
    for requests in _by_import(_due(now - datetime.timedelta(days=KEPT_DAYS))).values():
        json_import = requests[0].json_import
        with db.database.atomic():
            rows = [row for r in requests if (row := _delete(r, PURGED, now))]
            if not rows:
                continue
            outbox.queue(json_import.account.email, "imports_requests_deleted",
                         related=f"json_import:{json_import.id}", account=json_import.account,
                         rows=rows, withdrawn=False)
        deleted += len(rows)
    return deleted


def run(now: datetime.datetime | None = None) -> tuple[int, int]:
    """The worker's daily pass: the warnings, then the deletions."""
    return warn(now), purge(now)
