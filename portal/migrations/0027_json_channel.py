"""The JSON channel of guide 003 (issue 15): corridors, JSON imports, beneficiaries, API tokens,
and what a request filed from a JSON adds to funding_request. The publisher's number is unique per
account and kind (a partial unique index: the form channel's requests have none)."""
from peewee import (BooleanField, CharField, DateField, DateTimeField, DecimalField,
                    ForeignKeyField, IntegerField, Model, TextField)
from playhouse.migrate import SchemaMigrator, migrate

from portal.models.base import utcnow


def _tables(database):
    class Account(Model):
        class Meta:
            table_name = "account"

    class Enrolment(Model):
        class Meta:
            table_name = "enrolment"

    class FundingRequest(Model):
        class Meta:
            table_name = "funding_request"

    class Corridor(Model):
        created_at = DateTimeField(default=utcnow)
        code = CharField(unique=True)
        label = CharField()
        software_type = CharField()
        dsr = CharField(index=True)
        dossier_prefix = CharField(unique=True)
        identifier_kind = CharField()
        identifier_label = CharField()
        scenarios_json = TextField(default="[]")
        scenario_layout = CharField(default="list")
        cap_per_request = DecimalField(max_digits=12, decimal_places=2, null=True)
        cap_per_beneficiary = DecimalField(max_digits=12, decimal_places=2, null=True)
        advance_share = DecimalField(max_digits=5, decimal_places=2, default=30)
        max_beneficiaries = IntegerField(default=1)
        active = BooleanField(default=True)
        updated_at = DateTimeField(default=utcnow)
        updated_by = CharField(default="")

        class Meta:
            table_name = "corridor"

    class JsonImport(Model):
        created_at = DateTimeField(default=utcnow)
        account = ForeignKeyField(Account, on_delete="CASCADE")
        enrolment = ForeignKeyField(Enrolment, on_delete="CASCADE")
        corridor = ForeignKeyField(Corridor)
        kind = CharField()
        filename = CharField()
        stored_name = CharField(unique=True)
        sha256 = CharField(max_length=64)
        requests_total = IntegerField(default=0)
        requests_retained = IntegerField(default=0)
        requests_rejected = IntegerField(default=0)
        output_json = TextField(default="")
        status = CharField(default="awaiting_documents", index=True)
        completed_at = DateTimeField(null=True)

        class Meta:
            table_name = "json_import"
            indexes = ((("account", "created_at"), False),)

    class ApiToken(Model):
        created_at = DateTimeField(default=utcnow)
        account = ForeignKeyField(Account, on_delete="CASCADE")
        name = CharField()
        prefix = CharField()
        token_hash = CharField(unique=True, max_length=64)
        last_used_at = DateTimeField(null=True)
        revoked_at = DateTimeField(null=True)

        class Meta:
            table_name = "api_token"

    class Beneficiary(Model):
        created_at = DateTimeField(default=utcnow)
        request = ForeignKeyField(FundingRequest, on_delete="CASCADE")
        position = IntegerField(default=0)
        identifier = CharField(index=True)
        name = CharField()
        email = CharField(default="")
        phone = CharField(default="")
        matches_advance = BooleanField(null=True)

        class Meta:
            table_name = "beneficiary"
            indexes = ((("request", "position"), True),)

    models = (Account, Enrolment, FundingRequest, Corridor, JsonImport, ApiToken, Beneficiary)
    for model in models:
        model._meta.set_database(database)
    return Corridor, JsonImport, ApiToken, Beneficiary


def apply(database):
    corridor, json_import, api_token, beneficiary = _tables(database)
    database.create_tables([corridor, json_import, api_token])
    migrator = SchemaMigrator.from_database(database)
    migrate(
        migrator.add_column("funding_request", "corridor_id",
                            ForeignKeyField(corridor, null=True, field=corridor.id)),
        migrator.add_column("funding_request", "json_import_id",
                            ForeignKeyField(json_import, null=True, field=json_import.id,
                                            on_delete="CASCADE")),
        migrator.add_column("funding_request", "publisher_number", CharField(default="")),
        migrator.add_column("funding_request", "advance_id", IntegerField(null=True)),
        migrator.add_column("funding_request", "order_date", DateField(null=True)),
        migrator.add_column("funding_request", "vat_regime", CharField(default="")),
        migrator.add_column("funding_request", "mandate_beneficiary", BooleanField(null=True)),
        migrator.add_column("funding_request", "mandate_payment", BooleanField(null=True)),
        migrator.add_column("funding_request", "mandatary_json", TextField(default="")),
        migrator.add_column("funding_request", "scenarios_json", TextField(default="")),
    )
    database.create_tables([beneficiary])
    database.execute_sql(
        "CREATE UNIQUE INDEX funding_request_publisher_number ON funding_request "
        "(account_id, kind, publisher_number) WHERE publisher_number <> ''")
    database.execute_sql("CREATE INDEX funding_request_json_import ON funding_request "
                         "(json_import_id)")
