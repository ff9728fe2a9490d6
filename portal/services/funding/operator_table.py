"""« Gérer mes demandes de financement » (guide 003 §5.1): the signed-in operator's advance and
balance requests as a filterable, sortable table (services/tables.py), above 500 requests listed
only once filtered, and its CSV export with the same filters. Never another account's rows.

Every filter and sort reads an index starting with the account (migration 0022), so a keystroke
costs the same with 1 000 requests or 100 000: the « Logiciel » choices by one index seek per
software (a fragment only checks the ones ticked), the number search by trigrams."""
import datetime
import functools
import re
from dataclasses import dataclass
from decimal import Decimal

from peewee import JOIN, SQL, SqliteDatabase

from portal.extensions import db
from portal.models import Enrolment, FundingRequest
from portal.models.imports import Corridor
from portal.models.funding import (INCOMPLETE, KIND_LABELS, LISTED_STATUS_LABELS, PAYMENT_LABELS,
                                   STATUS_LABELS)
from portal.services.funding.amounts import vat_label
from portal.services.core import csv_export
from portal.services.core.tables import CHOICE, MULTI, RANGE, Column, Table

SUGGEST_FROM = 3  # characters typed before numbers are suggested
SUGGESTIONS = 10
MSS_PREFIX = "FINMSS"  # the form channel's numbers: FINMSS000123-M0; a corridor's have its own
SUFFIX_TEXT = "0123456789-M"  # what follows a prefix: 6 digits, « -M0 » or « -M1 »
NUMBER_TEXT = re.compile(r"[A-Z0-9-]+")  # what a number is made of
CHECKED_AT_MOST = 10  # software ticked that a fragment checks
SOFTWARE_OF = (  # a loose index scan of (account_id, software): one seek per software
    "WITH RECURSIVE s(software) AS (SELECT MIN(software) FROM funding_request "
    "WHERE account_id = {p} UNION ALL SELECT (SELECT MIN(software) FROM funding_request "
    "WHERE account_id = {p} AND software > s.software) FROM s WHERE s.software IS NOT NULL) "
    "SELECT software FROM s WHERE software IS NOT NULL")


def own(account):
    """The account's requests with their enrolment: the only rows the table ever reads. An
    incomplete request (a JSON import awaiting its documents) is not listed (003 §9)."""
    return (FundingRequest.select(FundingRequest, Enrolment).join(Enrolment)
            .where(FundingRequest.account == account, FundingRequest.status != INCOMPLETE))


@dataclass(slots=True)
class Row:
    """A row of the table: the columns it shows (and the enrolment « Ajouter des pièces »
    opens), not two whole models, each setting every field's default before its values. Its
    labels are the model's own properties."""
    number: str
    kind: str
    publisher_number: str
    corridor_id: int | None
    software: str
    created_at: datetime.datetime
    status: str
    payment_state: str
    declared_ht: Decimal
    ans_number: str
    denomination: str
    enrolment_number: str
    kind_label = property(FundingRequest.kind_label.fget)
    status_label = property(FundingRequest.status_label.fget)
    payment_label = property(FundingRequest.payment_label.fget)
    from_json = property(FundingRequest.from_json.fget)


def listed(account):
    """`own` with the columns the table shows only, as Rows."""
    f, e = FundingRequest, Enrolment
    return own(account).select(f.number, f.kind, f.publisher_number,
                               f.corridor.alias("corridor_id"),
                               f.software, f.created_at, f.status, f.payment_state,
                               f.declared_ht, e.ans_number, e.denomination,
                               e.number.alias("enrolment_number")).objects(Row)


def software_of(account, checked=None) -> list[str]:
    """The software of the account's requests, sorted; of `checked` (a fragment's ticked boxes)
    only: those the account has, each by one index seek. Never a scan of the account's rows."""
    if checked is None:
        sql = SOFTWARE_OF.format(p=db.database.param)
        return [s for (s,) in db.database.execute_sql(sql, (account.id, account.id))]
    return sorted(s for s in dict.fromkeys(checked[:CHECKED_AT_MOST]) if FundingRequest.select(
        SQL("1")).where(FundingRequest.account == account, FundingRequest.software == s).exists())


def later_characters() -> frozenset:
    """The characters a number may hold after its first one, whatever its prefix (« FINMSS »,
    each corridor's « FINDPI »…): text that starts with none of them can only be found at the
    start of a number, where an index range finds it. One query of a few rows (the corridors),
    read as the search asks: a corridor an admin adds counts at once."""
    prefixes = [MSS_PREFIX, *(p for (p,) in Corridor.select(Corridor.dossier_prefix).tuples())]
    return frozenset("".join(p[1:] for p in prefixes) + SUFFIX_TEXT)


def number_contains(typed: str):
    """The requests whose number contains `typed` (any case), on an index (migration 0022): the
    start of a number (what begins with a character found only there, as « F » of every
    « FIN… » prefix) by a pattern index (PostgreSQL) or a range (SQLite); else by trigrams:
    pg_trgm, or the FTS5 trigram mirror funding_request_number on SQLite."""
    typed = typed.upper()
    if not NUMBER_TEXT.fullmatch(typed):
        return SQL("1 = 0")  # no number holds it
    number, starts = FundingRequest.number, typed[0] not in later_characters()
    if not isinstance(db.database.obj, SqliteDatabase):  # contained ⇔ starts it: LIKE 'typed%'
        return number % f"{typed}%" if starts else number.contains(typed)  # or ILIKE '%typed%'
    if starts:
        return (number >= typed) & (number < typed + "\x7f")
    if len(typed) < 3:  # no trigram: the few rows a page shows are found soon anyway
        return number.contains(typed)
    candidates = SQL(f"(SELECT rowid FROM funding_request_number WHERE number LIKE "
                     f"{db.database.param})", (f"%{typed}%",))
    return FundingRequest.id.in_(candidates) & number.contains(typed)  # the truth


def table_for(account, checked=None) -> Table:
    """The table; « Logiciel » offers the software of the account's requests, or of `checked`
    only (a fragment: its filters are not drawn, only what was ticked needs checking)."""
    software = software_of(account, checked)
    return Table(
        name="financements",
        columns=(
            Column("numero", "Numéro de dossier", FundingRequest.number, where=number_contains,
                   hint="Des numéros vous sont proposés dès 3 caractères.",
                   suggest="operator.funding.suggestions"),
            Column("type", "Type", FundingRequest.kind, filter=CHOICE,
                   choices=tuple(KIND_LABELS.items())),
            Column("editeur", "Numéro éditeur", FundingRequest.publisher_number, filter=None,
                   sortable=False),
            Column("ans", "N° de référencement ANS", Enrolment.ans_number, filter=None),
            Column("logiciel", "Logiciel", FundingRequest.software, filter=MULTI,
                   choices=tuple((s, s) for s in software)),
            Column("depot", "Date de dépôt", FundingRequest.created_at, filter=RANGE),
            Column("statut", "Statut de la demande", FundingRequest.status, filter=CHOICE,
                   choices=tuple(LISTED_STATUS_LABELS.items())),
            Column("paiement", "Etat du dernier paiement", FundingRequest.payment_state,
                   filter=CHOICE, choices=tuple(PAYMENT_LABELS.items())),
            Column("montant", "Montant Ségur déclaré HT", FundingRequest.declared_ht, filter=None),
            Column("denomination", "Dénomination sociale", Enrolment.denomination, filter=None),
        ),
        default_sort="-depot",
        tiebreak=FundingRequest.id,
        filter_above=500,
    )


def suggestions(account, typed: str) -> list[str]:
    """The account's request numbers containing what was typed (3 characters at least)."""
    typed = (typed or "").strip()
    if len(typed) < SUGGEST_FROM:
        return []
    return [n for (n,) in FundingRequest.select(FundingRequest.number)
            .where(FundingRequest.account == account, FundingRequest.status != INCOMPLETE,
                   number_contains(typed))
            .order_by(FundingRequest.number).limit(SUGGESTIONS).tuples()]


ExportColumn = csv_export.Column
VAT_LABEL = functools.lru_cache(maxsize=64)(vat_label)  # a few codes, each written once
EXPORT_COLUMNS = (
    ExportColumn("Numéro de dossier", FundingRequest.number),
    ExportColumn("Type", FundingRequest.kind, csv_export.label(KIND_LABELS)),
    ExportColumn("Numéro éditeur", FundingRequest.publisher_number),
    ExportColumn("Couloir", Corridor.code),
    ExportColumn("N° de référencement ANS", Enrolment.ans_number),
    ExportColumn("Logiciel", FundingRequest.software),
    ExportColumn("Date de dépôt", FundingRequest.created_at, csv_export.paris_day),
    ExportColumn("Statut de la demande", FundingRequest.status, csv_export.label(STATUS_LABELS)),
    ExportColumn("Etat du dernier paiement", FundingRequest.payment_state,
                 csv_export.label(PAYMENT_LABELS)),
    ExportColumn("Montant Ségur déclaré HT", FundingRequest.declared_ht, csv_export.plain),
    ExportColumn("Montant retenu HT", FundingRequest.amount_ht, csv_export.plain),
    ExportColumn("Taux de TVA", FundingRequest.vat_rate, VAT_LABEL),
    ExportColumn("Montant retenu TTC", FundingRequest.amount_ttc, csv_export.plain),
    ExportColumn("Date du paiement", FundingRequest.paid_on, csv_export.day),
    ExportColumn("Montant payé", FundingRequest.paid_amount, csv_export.plain),
    ExportColumn("Dénomination sociale", Enrolment.denomination),
    ExportColumn("SIRET", Enrolment.siret),
)


def exported(query):
    """`query` (requests joined to their enrolment) joined to what EXPORT_COLUMNS read besides."""
    corridor = FundingRequest.corridor == Corridor.id
    return query.join_from(FundingRequest, Corridor, JOIN.LEFT_OUTER, on=corridor)


def export_lines(query):
    """The CSV of the requests of `query` (already filtered and sorted, `own` joined), streamed:
    tuples of the exported columns only, French decimals without grouping and days in Paris."""
    return csv_export.export(EXPORT_COLUMNS, exported(query))
