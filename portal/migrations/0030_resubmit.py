"""The pieces a supplier adds to a request filed from a JSON that a manager sent back (« A
modifier », « En attente de pièce justificative »): kept on the request as pending, deletable,
until « Valider mon ajout de pièces » makes them the request's (services/funding/pieces.py)."""
from peewee import ForeignKeyField, Model
from playhouse.migrate import SchemaMigrator, migrate


def apply(database):
    class FundingRequest(Model):
        class Meta:
            table_name = "funding_request"

    FundingRequest._meta.set_database(database)
    migrator = SchemaMigrator.from_database(database)
    migrate(migrator.add_column("document", "pending_request_id", ForeignKeyField(
        FundingRequest, null=True, field=FundingRequest.id, on_delete="CASCADE")))
