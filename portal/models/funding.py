"""The MSS call for funding: its tariff, which an admin edits (DESIGN.md, « Money »), and the
advance and balance requests of the operators, with their history."""
import json

from peewee import (BooleanField, CharField, DateField, DateTimeField, DecimalField,
                    ForeignKeyField, IntegerField, TextField)

from portal.models.accounts import Account
from portal.models.base import BaseModel, StatusEvent, utcnow
from portal.models.enrolment import Enrolment
from portal.models.imports import Corridor, JsonImport


def money():
    return DecimalField(max_digits=12, decimal_places=2, auto_round=True)


class FundingCall(BaseModel):
    name = CharField()
    rate_applicative = money()  # € HT per applicative mailbox
    rate_organisational = money()
    rate_personal = money()
    fixed_part = money()  # « Montant fixe éligible pour l'opérateur », the advance
    cap = money()  # advance + balance never pass it
    closing_date = DateField()  # the Annuaire Santé counts are taken at this date
    updated_at = DateTimeField(default=utcnow)
    updated_by = CharField(default="")

    class Meta:
        table_name = "funding_call"


ADVANCE, BALANCE = "advance", "balance"
KIND_LABELS = {ADVANCE: "Avance", BALANCE: "Solde"}
SUFFIXES = {ADVANCE: "M0", BALANCE: "M1"}  # one dossier: only the suffix differs (guide 003 §5.1)

# The statuses of guide 003 §5.1, defined once.
INCOMPLETE = "incomplete"  # filed from a JSON, its documents not all deposited (003 §9)
IN_PROGRESS = "in_progress"
AWAITING_DOCUMENT = "awaiting_document"
TO_MODIFY = "to_modify"
VALIDATED = "validated"
DECIDED = "decided"
REJECTED = "rejected"
CANCELLED = "cancelled"
HISTORISED = "historised"
STATUS_LABELS = {
    INCOMPLETE: "Non complétée",
    IN_PROGRESS: "En cours",
    AWAITING_DOCUMENT: "En attente de pièce justificative",
    TO_MODIFY: "A modifier",
    VALIDATED: "Validée",
    DECIDED: "Décidée",
    REJECTED: "Rejetée",
    CANCELLED: "Annulée",
    HISTORISED: "Historisée",
}
# What tables and filters offer: an incomplete request is seen only in its own table (003 §9).
LISTED_STATUS_LABELS = {code: label for code, label in STATUS_LABELS.items() if code != INCOMPLETE}
NO_PAYMENT, PAYMENT_IN_PROGRESS, PAID = "none", "in_progress", "paid"
PAYMENT_LABELS = {NO_PAYMENT: "Aucun paiement en cours", PAYMENT_IN_PROGRESS: "Paiement en cours",
                  PAID: "Paiement effectué"}
# A cancellation asked by the holder (guide 003 §5.1): the request's own column (0031).
NO_CANCELLATION, CANCELLATION_ASKED, CANCELLATION_REFUSED, CANCELLATION_GRANTED = (
    "none", "asked", "refused", "granted")
CANCELLATION_LABELS = {NO_CANCELLATION: "Aucune demande d'annulation",
                       CANCELLATION_ASKED: "Annulation demandée",
                       CANCELLATION_REFUSED: "Annulation refusée",
                       CANCELLATION_GRANTED: "Annulation accordée"}
PAYMENT_PURPOSE = "VERSE001"  # « Objet du versement » of every Ségur payment (guide 003 §5.2)


class FundingRequest(BaseModel):
    """An advance (M0) or a balance (M1) request of a dossier (FINMSS + 6 digits, one per
    enrolment)."""
    number = CharField(unique=True)  # FINMSS000123-M0
    dossier = CharField(index=True)
    kind = CharField(index=True)
    enrolment = ForeignKeyField(Enrolment, backref="funding_requests", on_delete="CASCADE")
    account = ForeignKeyField(Account, backref="funding_requests", on_delete="CASCADE")
    status = CharField(default=IN_PROGRESS, index=True)
    payment_state = CharField(default=NO_PAYMENT, index=True)
    status_changed_at = DateTimeField(default=utcnow)
    validated_at = DateTimeField(null=True)  # « Validée » by a manager (0031)
    decided_at = DateTimeField(null=True)  # « Date de validation » of the follow-up (0024)
    payment_started_at = DateTimeField(null=True)  # « Date de mise en paiement »
    software = CharField(default="")  # the DSR of the enrolment: « Logiciel » of the table
    vat_rate = CharField()  # the enrolment's VAT code at filing (« 20 », « HT »…)
    declared_ht = money()  # « Montant Ségur déclaré HT »
    amount_ht = money()  # retained HT
    amount_ttc = money()  # retained, VAT included (HT when not liable)
    current_applicative = IntegerField(null=True)  # advance: mailboxes today…
    current_organisational = IntegerField(null=True)
    current_personal = IntegerField(null=True)
    closing_applicative = IntegerField(null=True)  # …and estimated at the closing date
    closing_organisational = IntegerField(null=True)
    closing_personal = IntegerField(null=True)
    boxes_applicative = IntegerField(null=True)  # balance: the Annuaire Santé counts
    boxes_organisational = IntegerField(null=True)
    boxes_personal = IntegerField(null=True)
    support_name = CharField(default="")  # balance: the operator's support contact
    support_phone = CharField(default="")
    support_email = CharField(default="")
    documentation_url = CharField(default="")
    version = IntegerField(default=1)
    cancellation = CharField(default=NO_CANCELLATION)  # CANCELLATION_LABELS (0031)
    paid_on = DateField(null=True)
    paid_amount = DecimalField(max_digits=12, decimal_places=2, auto_round=True, null=True)
    # Filed from a JSON (issue 15; migration 0027): None / "" for the MSS operators' form channel.
    corridor = ForeignKeyField(Corridor, null=True, backref="requests")
    json_import = ForeignKeyField(JsonImport, null=True, backref="requests", on_delete="CASCADE")
    publisher_number = CharField(default="")  # « Numéro éditeur », unique per account and kind
    advance = ForeignKeyField("self", null=True, backref="balances")  # a balance's advance
    order_date = DateField(null=True)  # the purchase order's date
    vat_regime = CharField(default="")  # as declared in the JSON
    mandate_beneficiary = BooleanField(null=True)  # the two mandate answers of the JSON
    mandate_payment = BooleanField(null=True)
    mandatary_json = TextField(default="")  # the mandatary's details, when a mandate is given
    scenarios_json = TextField(default="")  # {"S1": true, …}: the scenarios as declared

    @property
    def mandatary(self) -> dict:
        return json.loads(self.mandatary_json or "{}")

    @property
    def scenarios(self) -> dict:
        return json.loads(self.scenarios_json or "{}")

    @property
    def from_json(self) -> bool:
        return self.corridor_id is not None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def payment_label(self) -> str:
        return PAYMENT_LABELS[self.payment_state]

    @property
    def cancellation_label(self) -> str:
        return CANCELLATION_LABELS[self.cancellation]

    @property
    def cancellation_asked_once(self) -> bool:
        """Its holder has asked its cancellation (whatever the answer)."""
        return self.cancellation != NO_CANCELLATION

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def is_incomplete(self) -> bool:
        """Filed from a JSON, its documents not all deposited: unseen by the staff (003 §9)."""
        return self.status == INCOMPLETE

    @property
    def is_decided(self) -> bool:
        """Decided: its decision of award exists (and its amount is the one decided)."""
        return self.status == DECIDED

    @property
    def awaits_budget(self) -> bool:
        """Validated by a manager: the budget owner decides it within its envelope."""
        return self.status == VALIDATED

    @property
    def is_paid(self) -> bool:
        """Paid: its payment notice exists."""
        return self.payment_state == PAID

    @property
    def is_advance(self) -> bool:
        return self.kind == ADVANCE

    @property
    def title(self) -> str:
        """« demande d'avance » or « demande de solde », as a sentence says it."""
        return "demande d'avance" if self.is_advance else "demande de solde"

    class Meta:
        table_name = "funding_request"  # indexed for the operator's table: migration 0022


class FundingEvent(StatusEvent):
    """Also the request as it was then (JSON), so that every version since filing can be shown."""
    request = ForeignKeyField(FundingRequest, backref="events", on_delete="CASCADE")
    snapshot = TextField(default="{}")
    LABELS = STATUS_LABELS

    class Meta:
        table_name = "funding_event"


MAILBOX_TYPES = {"applicative": "BAL applicatives", "organisational": "BAL organisationnelles",
                 "personal": "BAL personnelles"}


class MailboxCount(BaseModel):
    """The Annuaire Santé extraction at the call's closing date: the MSS mailboxes of each
    operator (by SIRET) and type. The balance reads its counts here."""
    key = CharField(unique=True)  # « <siret>/<type> »
    siret = CharField(max_length=14, index=True)
    mailbox_type = CharField()
    count = IntegerField()

    @property
    def type_label(self) -> str:
        return MAILBOX_TYPES[self.mailbox_type]

    class Meta:
        table_name = "mailbox_count"
