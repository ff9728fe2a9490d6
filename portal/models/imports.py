"""The JSON channel of guide 003 (issue 15): corridors (reference data an admin imports and edits),
the JSON files a supplier imports, the beneficiaries of the requests they file, and the API tokens
with which a supplier's software does the same by HTTP.

A corridor is data, none of it in code: its identifier check is one of the kinds that
services/imports/identifiers.py knows (FINESS, RPPS, AM number…), its scenarios and amount rules
are columns. A request filed from a JSON is a FundingRequest with `corridor` and `json_import` set
(models/funding.py); its beneficiaries are rows here."""
import json

from peewee import (BooleanField, CharField, DateTimeField, DecimalField, ForeignKeyField,
                    IntegerField, TextField)

from portal.models.accounts import Account
from portal.models.base import BaseModel, utcnow
from portal.models.enrolment import Enrolment


class Corridor(BaseModel):
    """« Couloir »: a kind of software and of beneficiaries the Ségur funds, e.g. the DPI of
    hospitals, or the practice software of city doctors."""
    code = CharField(unique=True)  # « DPI-ES »: named in the JSON, the schemas and the exports
    label = CharField()  # « Dossier patient informatisé — établissements de santé »
    software_type = CharField()  # « Logiciel » of the tables, as the funding order names it
    dsr = CharField(index=True)  # the DSR of an ANS referencing that may file for it (« DPI »)
    dossier_prefix = CharField(unique=True)  # « FINDPI »: dossier numbers FINDPI000123-M0/M1
    identifier_kind = CharField()  # a key of services/imports/identifiers.KINDS (« finess »…)
    identifier_label = CharField()  # « Numéro FINESS géographique »: column and field label
    # [{"code": "S1", "label": "…", "profiles": ["…"], "group": "…"}]: profiles are the
    # referenced profiles (AnsReferencing.profile) that may declare it; "group" is the row of the
    # table layout (scenario_layout = "table", e.g. MS1), "" in a list.
    scenarios_json = TextField(default="[]")
    scenario_layout = CharField(default="list")  # « list » or « table »
    cap_per_request = DecimalField(max_digits=12, decimal_places=2, null=True)  # € HT
    cap_per_beneficiary = DecimalField(max_digits=12, decimal_places=2, null=True)  # € HT
    advance_share = DecimalField(max_digits=5, decimal_places=2, default=30)  # % of the retained
    max_beneficiaries = IntegerField(default=1)  # beneficiaries a request may name
    active = BooleanField(default=True)  # False: no new import (the filed ones remain)
    updated_at = DateTimeField(default=utcnow)
    updated_by = CharField(default="")

    @property
    def scenarios(self) -> list[dict]:
        return json.loads(self.scenarios_json or "[]")

    class Meta:
        table_name = "corridor"


AWAITING_DOCUMENTS, COMPLETE = "awaiting_documents", "complete"
IMPORT_STATUS_LABELS = {AWAITING_DOCUMENTS: "En attente des pièces justificatives",
                        COMPLETE: "Complet"}


class JsonImport(BaseModel):
    """A JSON file of 1 to 200 advance or balance requests, imported by a supplier for one
    enrolment (its ANS number) and one corridor. Step 1 keeps the file and files its retained
    requests « incomplete » (numbered, invisible to managers); step 2 completes them with their
    documents. « Identifiant » of the imports table is `id`."""
    account = ForeignKeyField(Account, backref="json_imports", on_delete="CASCADE")
    enrolment = ForeignKeyField(Enrolment, backref="json_imports", on_delete="CASCADE")
    corridor = ForeignKeyField(Corridor, backref="imports")
    kind = CharField()  # advance | balance (models/funding.ADVANCE, BALANCE)
    filename = CharField()  # as sent
    stored_name = CharField(unique=True)  # the input file under UPLOAD_DIR/imports-json/
    sha256 = CharField(max_length=64)
    requests_total = IntegerField(default=0)
    requests_retained = IntegerField(default=0)
    requests_rejected = IntegerField(default=0)
    output_json = TextField(default="")  # the output JSON (input + ASP numbers, statuses, reasons)
    status = CharField(default=AWAITING_DOCUMENTS, index=True)
    completed_at = DateTimeField(null=True)
    deletion_warned_at = DateTimeField(null=True)  # the mail « supprimées dans deux jours » (0030)

    @property
    def status_label(self) -> str:
        return IMPORT_STATUS_LABELS[self.status]

    class Meta:
        table_name = "json_import"
        indexes = ((("account", "created_at"), False),)


PURGED, WITHDRAWN = "purged", "withdrawn"
DELETION_LABELS = {PURGED: "Supprimée automatiquement (non complétée au bout de sept jours)",
                   WITHDRAWN: "Supprimée par le fournisseur"}


class DeletedRequest(BaseModel):
    """The history of an incomplete request deleted (guide 003 §9), kept after the request and its
    files and events are gone: what it was, of which import, when, why and by whom. `created_at`
    is the deletion's time."""
    account = ForeignKeyField(Account, backref="deleted_requests", on_delete="CASCADE")
    json_import = ForeignKeyField(JsonImport, backref="deleted_requests", on_delete="CASCADE")
    number = CharField()  # the ASP number it had (FINDPI000123-M0)
    publisher_number = CharField()
    kind = CharField()
    imported_at = DateTimeField()
    reason = CharField()  # PURGED | WITHDRAWN
    actor_account = ForeignKeyField(Account, null=True, on_delete="SET NULL", backref="+")
    actor_name = CharField(default="")  # « Claire Martin »; "" for the worker

    @property
    def reason_label(self) -> str:
        return DELETION_LABELS[self.reason]

    class Meta:
        table_name = "deleted_request"
        indexes = ((("account", "created_at"), False),)


class ApiToken(BaseModel):
    """A per-account token for the JSON endpoints (« Mon compte »): only its sha256 is kept; the
    token is shown once, at creation. Revoked tokens stay listed, refused."""
    account = ForeignKeyField(Account, backref="api_tokens", on_delete="CASCADE")
    name = CharField()  # what the operator called it (« Logiciel de facturation »)
    prefix = CharField()  # the token's first characters, to recognise it in the list
    token_hash = CharField(unique=True, max_length=64)
    last_used_at = DateTimeField(null=True)
    revoked_at = DateTimeField(null=True)

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    class Meta:
        table_name = "api_token"
