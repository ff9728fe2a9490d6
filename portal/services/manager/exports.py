"""Every back-office queue exports what its filters select, as CSV and as XLSX: the queue's own
table reads the filters (services/core/tables.prepare, as the page does: no filter written twice),
the columns below say what is exported, services/core/csv_export and xlsx_export write them,
streamed. Staff only: the routes live under the back-office's guard."""
import datetime
from dataclasses import dataclass
from typing import Callable

from portal.models import Account, BankDetail, Document, DocumentTemplate, Enrolment, PersonChange
from portal.models.enrolment import KIND_LABELS, STATUS_LABELS
from portal.models.templates import TEMPLATE_STATUS_LABELS
from portal.services.account import queues
from portal.services.core import csv_export, tables, xlsx_export
from portal.services.core.csv_export import Column, label, paris_day
from portal.services.core.errors import Refused
from portal.services.core.tables import Table
from portal.services.enrolment import queue as enrolment_queue
from portal.services.funding import operator_table, queue as funding_queue
from portal.services.templates import review
from portal.services.templates.submissions import kind_choices

CSV, XLSX = "csv", "xlsx"
FORMATS = {CSV: "CSV", XLSX: "XLSX"}


@dataclass(frozen=True)
class Export:
    key: str  # in the URL: /gestion/export/<key>.<format>
    title: str  # the file's name and the sheet's
    endpoint: str  # the queue's page
    table: Table
    rows: Callable  # the queue's rows (its filters then apply)
    columns: tuple[Column, ...]
    joined: Callable = staticmethod(lambda query: query)  # what the columns read besides


ACCOUNT = (Column("Opérateur", Account.last_name.concat(" ").concat(Account.first_name)),
           Column("Identifiant", Account.uid))

EXPORTS = {export.key: export for export in (
    Export("enrolements", "demandes-d-enrolement", "backoffice.enrolments.queue",
           enrolment_queue.TABLE, enrolment_queue.rows, (
               Column("Numéro demande", Enrolment.number),
               Column("Date de dépôt", Enrolment.submitted_at, paris_day),
               Column("Statut", Enrolment.status, label(STATUS_LABELS)),
               Column("Type d'enrôlement", Enrolment.kind, label(KIND_LABELS)),
               Column("Fournisseur", Enrolment.denomination),
               Column("Siret fournisseur", Enrolment.siret),
               Column("N° de référencement ANS", Enrolment.ans_number),
               Column("Logiciel", Enrolment.software_name),
               Column("Version", Enrolment.software_version),
               Column("DSR", Enrolment.dsr),
               Column("Profil référencé", Enrolment.is_buyer,
                      label({True: "Opérateur acheteur", False: "Opérateur développeur"})),
               Column("Courriel du titulaire du compte", Enrolment.holder_email),
               Column("Date de la dernière décision", Enrolment.decided_at, paris_day))),
    Export("financements", "demandes-de-financement", "backoffice.funding.queue",
           funding_queue.TABLE, funding_queue.rows, operator_table.EXPORT_COLUMNS,
           operator_table.exported),
    Export("coordonnees", "coordonnees-bancaires-a-valider", "backoffice.bank_details.queue",
           queues.BANK_DETAILS, queues.bank_details, (
               Column("Ajoutée le", BankDetail.created_at, paris_day), *ACCOUNT,
               Column("SIRET", BankDetail.siret), Column("IBAN", BankDetail.iban),
               Column("BIC", BankDetail.bic), Column("Titulaire", BankDetail.holder),
               Column("Domiciliation", BankDetail.bank_name))),
    Export("modifications", "demandes-de-modification", "backoffice.person_changes.queue",
           queues.PERSON_CHANGES, queues.person_changes, (
               Column("Demandée le", PersonChange.created_at, paris_day), *ACCOUNT,
               Column("SIRET", PersonChange.siret), Column("Modifications", PersonChange.changes))),
    Export("modeles", "modeles-de-pieces-justificatives", "backoffice.templates.queue",
           review.TABLE, review.rows, (
               Column("Envoyé le", DocumentTemplate.submitted_at, paris_day), *ACCOUNT,
               Column("SIRET", DocumentTemplate.siret),
               Column("Type de document", DocumentTemplate.kind, label(dict(kind_choices()))),
               Column("Fichier", Document.original_name),
               Column("Statut", DocumentTemplate.status, label(TEMPLATE_STATUS_LABELS)),
               Column("Instruit le", DocumentTemplate.decided_at, paris_day))),
)}


@dataclass(frozen=True)
class File:
    name: str
    content_type: str
    body: object  # an iterator of str (CSV) or bytes (XLSX)


def export(key: str, file_format: str, args) -> File | None:
    """The file of the queue `key` as its filters in `args` select it; None for an unknown queue
    or format; Refused when a filter is wrong (the page says why)."""
    chosen = EXPORTS.get(key)
    if chosen is None or file_format not in FORMATS:
        return None
    view, query = tables.prepare(chosen.table, chosen.rows(), args)
    if view.errors:
        raise Refused(view.errors)
    query = chosen.joined(query)
    stamp = datetime.date.today().isoformat()
    name = f"{chosen.title}-{stamp}.{file_format}"
    if file_format == CSV:
        return File(name, "text/csv; charset=utf-8", csv_export.export(chosen.columns, query))
    book = xlsx_export.workbook(chosen.columns, query, chosen.title)
    return File(name, xlsx_export.CONTENT_TYPE, xlsx_export.pieces(book))

