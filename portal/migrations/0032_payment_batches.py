"""Payment batches (issue 17, « Mise en paiement »): the ASP's debtor account (a row per change, so
that the table is its own audit), the batches with their SEPA file, and one line per request. The
database keeps a request out of two batches: one open line per request (a partial unique index;
a line the bank would return leaves that set)."""
from peewee import CharField, DateField, DateTimeField, DecimalField, ForeignKeyField, IntegerField
from peewee import Model

from portal.models.base import utcnow


def _money():
    return DecimalField(max_digits=12, decimal_places=2, auto_round=True)


def _tables(database):
    class Account(Model):
        class Meta:
            table_name = "account"

    class FundingRequest(Model):
        class Meta:
            table_name = "funding_request"

    class DebtorAccount(Model):
        created_at = DateTimeField(default=utcnow)
        name = CharField()
        iban = CharField()
        bic = CharField()
        actor_account = ForeignKeyField(Account, null=True, on_delete="SET NULL", backref="+")
        actor_name = CharField(default="")

        class Meta:
            table_name = "debtor_account"

    class PaymentBatch(Model):
        created_at = DateTimeField(default=utcnow)
        number = CharField(unique=True)
        created_by = ForeignKeyField(Account, null=True, on_delete="SET NULL", backref="+")
        created_by_name = CharField(default="")
        debtor = ForeignKeyField(DebtorAccount)
        execution_date = DateField()
        count = IntegerField(default=0)
        total = _money()
        state = CharField(default="sent", index=True)
        stored_name = CharField(unique=True, null=True)
        size = IntegerField(default=0)
        sha256 = CharField(max_length=64, default="")
        executed_at = DateTimeField(null=True)

        class Meta:
            table_name = "payment_batch"

    class PaymentLine(Model):
        created_at = DateTimeField(default=utcnow)
        batch = ForeignKeyField(PaymentBatch, on_delete="CASCADE")
        request = ForeignKeyField(FundingRequest, on_delete="CASCADE")
        amount = _money()
        iban = CharField()
        bic = CharField(default="")
        holder = CharField()
        remittance = CharField()
        bank_confirmed = CharField(default="")
        state = CharField(default="pending")
        paid_on = DateField(null=True)

        class Meta:
            table_name = "payment_batch_line"
            indexes = ((("batch", "id"), False),)

    models = (Account, FundingRequest, DebtorAccount, PaymentBatch, PaymentLine)
    for model in models:
        model._meta.set_database(database)
    return models[2:]


def apply(database):
    database.create_tables(_tables(database))
    database.execute_sql("CREATE UNIQUE INDEX payment_batch_line_one_open ON payment_batch_line "
                         "(request_id) WHERE state IN ('pending', 'paid')")
