"""Payment batches (« Mise en paiement », issue 17): the ASP's debtor account, set by an admin (each
change a new row: the table is its own audit), and the batches of decided requests, each with its
SEPA credit-transfer file (pain.001.001.03) and one line per request."""
from peewee import CharField, DateField, DateTimeField, ForeignKeyField, IntegerField

from portal.models.accounts import Account
from portal.models.base import BaseModel
from portal.models.funding import FundingRequest, money


class DebtorAccount(BaseModel):
    """The ASP's account the transfers leave from. Never updated: a change is a new row, who made
    it and when kept; the latest row is in force."""
    name = CharField()
    iban = CharField()
    bic = CharField()
    actor_account = ForeignKeyField(Account, null=True, on_delete="SET NULL", backref="+")
    actor_name = CharField(default="")

    class Meta:
        table_name = "debtor_account"


SENT, EXECUTED = "sent", "executed"
BATCH_LABELS = {SENT: "Transmis à la banque", EXECUTED: "Exécuté"}
XML_TYPE = "application/xml"


class PaymentBatch(BaseModel):
    """A « mise en paiement »: its number (also the file's MsgId), who made it, its total, its
    transfers' file (stored under a random name in UPLOAD_DIR) and its state."""
    number = CharField(unique=True)  # MEP-2026-000001
    created_by = ForeignKeyField(Account, null=True, on_delete="SET NULL", backref="+")
    created_by_name = CharField(default="")
    debtor = ForeignKeyField(DebtorAccount, backref="batches")
    execution_date = DateField()  # « Date d'exécution demandée »
    count = IntegerField(default=0)
    total = money()
    state = CharField(default=SENT, index=True)
    stored_name = CharField(unique=True, null=True)
    size = IntegerField(default=0)
    sha256 = CharField(max_length=64, default="")
    executed_at = DateTimeField(null=True)

    @property
    def state_label(self) -> str:
        return BATCH_LABELS[self.state]

    # What portal/downloads.download() reads of a stored file.
    @property
    def original_name(self) -> str:
        return f"{self.number}.xml"

    content_type = XML_TYPE

    class Meta:
        table_name = "payment_batch"


PENDING, PAID = "pending", "paid"
LINE_LABELS = {PENDING: "En attente d'exécution", PAID: "Payé"}


class PaymentLine(BaseModel):
    """One transfer of a batch: a request, the amount, and the bank details it was sent to (as
    they were). A request has one open line at most (a partial unique index, migration 0032)."""
    batch = ForeignKeyField(PaymentBatch, backref="lines", on_delete="CASCADE")
    request = ForeignKeyField(FundingRequest, backref="payment_lines", on_delete="CASCADE")
    amount = money()
    iban = CharField()
    bic = CharField(default="")
    holder = CharField()
    remittance = CharField()
    bank_confirmed = CharField(default="")  # who confirmed bank details changed since decision
    state = CharField(default=PENDING)
    paid_on = DateField(null=True)

    @property
    def state_label(self) -> str:
        return LINE_LABELS[self.state]

    @property
    def pending(self) -> bool:
        return self.state == PENDING

    class Meta:
        table_name = "payment_batch_line"
        indexes = ((("batch", "id"), False),)
