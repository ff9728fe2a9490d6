"""« Mettre en paiement »: the decided requests not yet in payment, a table of the core component
(filter, sort, page in SQL; the operator's name joined), each row with the bank details its
transfer would go to, read for the whole page in two queries (bank_details.payment_accounts)."""
from dataclasses import dataclass

from portal.models import Enrolment, FundingRequest
from portal.models.funding import DECIDED, KIND_LABELS, NO_PAYMENT
from portal.services.account import bank_details
from portal.services.core import tables
from portal.services.core.tables import CHOICE, Column, Table

TABLE = Table(
    name="mise-en-paiement",
    columns=(
        Column("numero", "Numéro de demande", FundingRequest.number),
        Column("type", "Type", FundingRequest.kind, filter=CHOICE, all_label="Avance et solde",
               choices=tuple(KIND_LABELS.items())),
        Column("operateur", "Opérateur", Enrolment.denomination, sortable=False),
        Column("decision", "Date de décision", FundingRequest.decided_at, filter=None),
        Column("montant", "Montant à payer", FundingRequest.amount_ttc, filter=None),
    ),
    default_sort="decision",
    tiebreak=FundingRequest.id,
    per_page=50,
)


def rows():
    """The requests a batch may take: decided, no payment started."""
    return (FundingRequest.select(FundingRequest, Enrolment).join(Enrolment)
            .where(FundingRequest.status == DECIDED, FundingRequest.payment_state == NO_PAYMENT))


@dataclass
class Bank:
    """Where a request's transfer would go: the source in force (services/account/
    bank_details.py), and whether it was validated after the request's decision."""
    source: object | None
    changed: bool = False

    @property
    def missing(self) -> bool:
        return self.source is None


def changed_since(request: FundingRequest, source) -> bool:
    """The bank details in force were validated after the decision (an addition: an enrolment's
    are validated before any of its requests exists)."""
    detail = source.detail if source else None
    return bool(detail and detail.decided_at and request.decided_at
                and detail.decided_at > request.decided_at)


def banks(requests) -> dict[int, Bank]:
    """The bank of each request, by its id, in two queries."""
    found = bank_details.payment_accounts((r.account_id, r.enrolment.siret) for r in requests)
    result = {}
    for request in requests:
        source = found.get((request.account_id, request.enrolment.siret))
        result[request.id] = Bank(source, changed_since(request, source))
    return result


def read(args):
    """The table's view of `args` and the bank of each row shown."""
    view = tables.read(TABLE, rows(), args)
    return view, banks(view.page.rows)


def ids_of_filter(args) -> list[int]:
    """« Sélectionner toutes les demandes du filtre »: every id the filter `args` keeps."""
    _, query = tables.prepare(TABLE, rows(), args)
    return [row[0] for row in query.select(FundingRequest.id).tuples()]
