"""The back-office screens of the payment batches as models: the list of batches and one batch
with its transfers, each a table of the core component (one query for the rows, with what they
show joined, and one COUNT)."""
from dataclasses import dataclass

from portal.models import DebtorAccount, Enrolment, FundingRequest, PaymentBatch, PaymentLine
from portal.models.payments import BATCH_LABELS
from portal.services.core import tables
from portal.services.core.tables import CHOICE, Column, Table
from portal.services.payments import batches

BATCHES = Table(
    name="lots",
    columns=(
        Column("numero", "Numéro du lot", PaymentBatch.number),
        Column("creation", "Créé le", PaymentBatch.created_at, filter=None),
        Column("par", "Créé par", PaymentBatch.created_by_name, filter=None, sortable=False),
        Column("virements", "Virements", PaymentBatch.count, filter=None),
        Column("total", "Montant total", PaymentBatch.total, filter=None),
        Column("etat", "Etat", PaymentBatch.state, filter=CHOICE, all_label="Tous les états",
               choices=tuple(BATCH_LABELS.items())),
    ),
    default_sort="-creation",
    tiebreak=PaymentBatch.id,
)

LINES = Table(
    name="virements",
    columns=(
        Column("numero", "Numéro de demande", FundingRequest.number, filter=None),
        Column("operateur", "Opérateur", Enrolment.denomination, filter=None, sortable=False),
        Column("iban", "IBAN du bénéficiaire", PaymentLine.iban, filter=None, sortable=False),
        Column("montant", "Montant", PaymentLine.amount, filter=None),
        Column("etat", "Etat", PaymentLine.state, filter=None),
        Column("ordre", "Ordre", PaymentLine.id, filter=None, shown=False),
    ),
    default_sort="ordre",
    tiebreak=PaymentLine.id,
    per_page=50,
)


def batch_list(args):
    return tables.read(BATCHES, PaymentBatch.select(), args)


@dataclass
class BatchPage:
    batch: PaymentBatch
    view: tables.View
    pending: int  # transfers awaiting the bank's execution

    @property
    def can_record(self) -> bool:
        return self.pending > 0


def find(number: str) -> PaymentBatch | None:
    return (PaymentBatch.select(PaymentBatch, DebtorAccount).join(DebtorAccount)
            .where(PaymentBatch.number == number).first())


def batch_page(batch: PaymentBatch, args) -> BatchPage:
    lines = (PaymentLine.select(PaymentLine, FundingRequest, Enrolment)
             .join(FundingRequest).join(Enrolment).where(PaymentLine.batch == batch))
    view = tables.read(LINES, lines, args)
    view.page.args["batch_number"] = batch.number  # the pages' links keep the batch's URL
    return BatchPage(batch, view, batches.pending_count(batch))
