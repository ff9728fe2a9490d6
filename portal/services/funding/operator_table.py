"""« Gérer mes demandes de financement » (guide 003 §5.1): the signed-in operator's advance and
balance requests as a filterable, sortable table (services/tables.py), above 500 requests listed
only once filtered, and its CSV export with the same filters. Never another account's rows."""
from portal import formatting
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


EXPORT_COLUMNS = ("Numéro de dossier", "Type", "N° de référencement ANS", "Logiciel",
                  "Date de dépôt", "Statut de la demande", "Etat du dernier paiement",
                  "Montant Ségur déclaré HT", "Montant retenu HT", "Taux de TVA",
                  "Montant retenu TTC", "Date du paiement", "Montant payé", "Dénomination sociale",
                  "SIRET")


def export_lines(query):
    """The CSV of the requests of `query` (already filtered and sorted), line by line (the
    core writer), French decimals without grouping (formatting.plain) and days in Paris."""
    def rows():
        for r in query.iterator():
            e = r.enrolment
            yield (r.number, KIND_LABELS[r.kind], e.ans_number, r.software,
                   formatting.date(r.created_at), STATUS_LABELS[r.status],
                   PAYMENT_LABELS[r.payment_state], formatting.plain(r.declared_ht),
                   formatting.plain(r.amount_ht), vat_label(r.vat_rate),
                   formatting.plain(r.amount_ttc), formatting.date(r.paid_on),
                   formatting.plain(r.paid_amount), e.denomination, e.siret)
    return csv_export.lines(EXPORT_COLUMNS, rows())
