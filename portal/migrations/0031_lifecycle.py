"""The funding lifecycle to its end (issue 17): « Validée » by a manager then « Décidée » by the
budget owner within a budget envelope (per call and corridor, one only: unique indexes, a partial
one for the form channel's, whose corridor is NULL), the holder's cancellation, the recovery
orders. Requests decided before this version were validated when decided."""
from peewee import CharField, DateField, DateTimeField, DecimalField, ForeignKeyField, Model
from playhouse.migrate import SchemaMigrator, migrate

from portal.models.base import utcnow


def _tables(database):
    class Account(Model):
        class Meta:
            table_name = "account"

    class FundingCall(Model):
        class Meta:
            table_name = "funding_call"

    class Corridor(Model):
        class Meta:
            table_name = "corridor"

    class FundingRequest(Model):
        class Meta:
            table_name = "funding_request"

    class BudgetEnvelope(Model):
        created_at = DateTimeField(default=utcnow)
        call = ForeignKeyField(FundingCall, on_delete="CASCADE")
        corridor = ForeignKeyField(Corridor, null=True, on_delete="CASCADE")
        amount = DecimalField(max_digits=14, decimal_places=2)

        class Meta:
            table_name = "budget_envelope"

    class BudgetEnvelopeChange(Model):
        created_at = DateTimeField(default=utcnow)
        envelope = ForeignKeyField(BudgetEnvelope, on_delete="CASCADE")
        amount_before = DecimalField(max_digits=14, decimal_places=2, null=True)
        amount = DecimalField(max_digits=14, decimal_places=2)
        actor_account = ForeignKeyField(Account, null=True, on_delete="SET NULL")
        actor_name = CharField(default="")

        class Meta:
            table_name = "budget_envelope_change"

    class FundingRecovery(Model):
        created_at = DateTimeField(default=utcnow)
        request = ForeignKeyField(FundingRequest, on_delete="CASCADE")
        kind = CharField()
        amount = DecimalField(max_digits=12, decimal_places=2)
        ordered_on = DateField()
        reference = CharField()
        recorded_by = ForeignKeyField(Account, null=True, on_delete="SET NULL")

        class Meta:
            table_name = "funding_recovery"

    models = (Account, FundingCall, Corridor, FundingRequest, BudgetEnvelope,
              BudgetEnvelopeChange, FundingRecovery)
    for model in models:
        model._meta.set_database(database)
    return BudgetEnvelope, BudgetEnvelopeChange, FundingRecovery


def apply(database):
    database.create_tables(_tables(database))
    database.execute_sql("CREATE UNIQUE INDEX budget_envelope_call_corridor "
                         "ON budget_envelope (call_id, corridor_id)")
    database.execute_sql("CREATE UNIQUE INDEX budget_envelope_call_form "
                         "ON budget_envelope (call_id) WHERE corridor_id IS NULL")
    migrator = SchemaMigrator.from_database(database)
    migrate(migrator.add_column("funding_request", "validated_at", DateTimeField(null=True)),
            migrator.add_index("funding_request", ("status", "validated_at"), False))
    # Not through add_column: a NOT NULL column would make SQLite copy the table, losing the
    # triggers of the numbers' search mirror (0022, 0028).
    database.execute_sql("ALTER TABLE funding_request ADD COLUMN cancellation VARCHAR(255) "
                         "NOT NULL DEFAULT 'none'")
    database.execute_sql("UPDATE funding_request SET validated_at = decided_at "
                         "WHERE decided_at IS NOT NULL")
