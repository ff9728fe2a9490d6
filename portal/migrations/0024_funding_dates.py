"""The dates of a funding request's follow-up (guide 003 §5.2, « Suivi financier »): when it was
decided (« Date de validation ») and put into payment (« Date de mise en paiement »). Requests
already decided take the date of their last status change; those already put into payment, the
date of the history row that says so."""
from peewee import CharField, DateTimeField, ForeignKeyField, Model, TextField
from playhouse.migrate import SchemaMigrator, migrate

PAYMENT_STARTED = "Paiement en cours"  # the first line of that history row (PAYMENT_LABELS)


def apply(database):
    migrator = SchemaMigrator.from_database(database)
    migrate(migrator.add_column("funding_request", "decided_at", DateTimeField(null=True)),
            migrator.add_column("funding_request", "payment_started_at", DateTimeField(null=True)))

    class FundingRequest(Model):
        status = CharField()
        payment_state = CharField()
        status_changed_at = DateTimeField()
        decided_at = DateTimeField(null=True)
        payment_started_at = DateTimeField(null=True)

        class Meta:
            table_name = "funding_request"

    class FundingEvent(Model):
        request = ForeignKeyField(FundingRequest)
        comment = TextField()
        created_at = DateTimeField()

        class Meta:
            table_name = "funding_event"

    for model in (FundingRequest, FundingEvent):
        model._meta.set_database(database)
    FundingRequest.update(decided_at=FundingRequest.status_changed_at).where(
        FundingRequest.status == "decided").execute()
    started = (FundingEvent.select(FundingEvent.request, FundingEvent.created_at)
               .where(FundingEvent.comment.startswith(PAYMENT_STARTED))
               .order_by(FundingEvent.id).tuples())
    for request_id, at in started:
        FundingRequest.update(payment_started_at=at).where(
            FundingRequest.id == request_id, FundingRequest.payment_started_at.is_null()).execute()
