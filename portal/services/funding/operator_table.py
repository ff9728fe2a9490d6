"""« Gérer mes demandes de financement » (guide 003 §5.1): the signed-in operator's advance and
balance requests as a filterable, sortable table (services/tables.py), above 500 requests listed
only once filtered, and its CSV export with the same filters. Never another account's rows."""
import functools

from portal.models import Enrolment, FundingRequest
from portal.models.funding import KIND_LABELS, PAYMENT_LABELS, STATUS_LABELS
from portal.services.funding.amounts import vat_label
from portal.services.core import csv_export
from portal.services.core.tables import CHOICE, MULTI, RANGE, Column, Table

SUGGEST_FROM = 3  # characters typed before numbers are suggested
SUGGESTIONS = 10


def own(account):
    """The account's requests with their enrolment: the only rows the table ever reads."""
    return (FundingRequest.select(FundingRequest, Enrolment).join(Enrolment)
            .where(FundingRequest.account == account))


def table_for(account) -> Table:
    """The table; « Logiciel » offers the software of the account's requests."""
    software = [s for (s,) in FundingRequest.select(FundingRequest.software).distinct()
                .where(FundingRequest.account == account).order_by(FundingRequest.software).tuples()]
    return Table(
        name="financements",
        columns=(
            Column("numero", "Numéro de dossier", FundingRequest.number,
                   hint="Des numéros vous sont proposés dès 3 caractères.",
                   suggest="operator.funding.suggestions"),
            Column("type", "Type", FundingRequest.kind, filter=CHOICE,
                   choices=tuple(KIND_LABELS.items())),
            Column("ans", "N° de référencement ANS", Enrolment.ans_number, filter=None),
            Column("logiciel", "Logiciel", FundingRequest.software, filter=MULTI,
                   choices=tuple((s, s) for s in software)),
            Column("depot", "Date de dépôt", FundingRequest.created_at, filter=RANGE),
            Column("statut", "Statut de la demande", FundingRequest.status, filter=CHOICE,
                   choices=tuple(STATUS_LABELS.items())),
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
            .where(FundingRequest.account == account, FundingRequest.number.contains(typed))
            .order_by(FundingRequest.number).limit(SUGGESTIONS).tuples()]


ExportColumn = csv_export.Column
VAT_LABEL = functools.lru_cache(maxsize=64)(vat_label)  # a few codes, each written once
EXPORT_COLUMNS = (
    ExportColumn("Numéro de dossier", FundingRequest.number),
    ExportColumn("Type", FundingRequest.kind, csv_export.label(KIND_LABELS)),
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


def export_lines(query):
    """The CSV of the requests of `query` (already filtered and sorted, `own` joined), streamed:
    tuples of the exported columns only, French decimals without grouping and days in Paris."""
    return csv_export.export(EXPORT_COLUMNS, query)
