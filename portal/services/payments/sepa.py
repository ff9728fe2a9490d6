"""The SEPA credit-transfer file of a payment batch (ISO 20022 pain.001.001.03), written by
`sepaxml`: one payment information block (the requested execution date, the ASP's account), one
transfer per request. The library checks the file against the schema it ships before handing it
back; the tests check it against the official XSD kept in tests/fixtures/sepa/."""
import datetime
from dataclasses import dataclass
from decimal import Decimal

from sepaxml import SepaTransfer

SCHEMA = "pain.001.001.03"
NAME_MAX, REMITTANCE_MAX, ID_MAX = 70, 140, 35  # the schema's lengths


@dataclass(frozen=True)
class Transfer:
    creditor: str  # the holder of the account paid
    iban: str
    bic: str
    amount: Decimal
    remittance: str  # « Ustrd »: what the beneficiary reads on its statement
    end_to_end: str  # the request number, echoed back by the banks


class _Transfers(SepaTransfer):
    """sepaxml's transfer file whose message id (MsgId) is the batch number, so that the bank's
    reports name the batch."""

    def __init__(self, config: dict, message_id: str):
        self._message_id = message_id
        super().__init__(config, schema=SCHEMA)

    def _create_header(self):
        self.msg_id = self._message_id[:ID_MAX]
        super()._create_header()


def cents(amount: Decimal) -> int:
    """The amount in cents, as sepaxml takes it (never through a float)."""
    return int((Decimal(amount) * 100).to_integral_exact())


def build(message_id: str, debtor, execution_date: datetime.date, transfers) -> bytes:
    """The file's bytes (UTF-8 XML). `debtor` has name, iban and bic. sepaxml transliterates names
    and texts to the SEPA Latin set and cuts them to the schema's lengths."""
    config = {"name": debtor.name, "IBAN": compact(debtor.iban), "BIC": compact(debtor.bic),
              "batch": True, "currency": "EUR"}
    sepa = _Transfers(config, message_id)
    for transfer in transfers:
        payment = {"name": transfer.creditor, "IBAN": compact(transfer.iban),
                   "amount": cents(transfer.amount), "execution_date": execution_date,
                   "description": transfer.remittance[:REMITTANCE_MAX],
                   "endtoend_id": transfer.end_to_end[:ID_MAX]}
        if transfer.bic:
            payment["BIC"] = compact(transfer.bic)
        sepa.add_payment(payment)
    return sepa.export(validate=True)


def compact(code: str) -> str:
    return "".join((code or "").split()).upper()
