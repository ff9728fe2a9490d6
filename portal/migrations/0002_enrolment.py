"""Drafts, enrolments and their history, documents, outbox, support messages, captcha uses."""
from peewee import (BooleanField, CharField, DateTimeField, ForeignKeyField, IntegerField, Model,
                    TextField)

from portal.models.base import utcnow


def apply(database):
    class Base(Model):
        created_at = DateTimeField(default=utcnow)

    class AnsReferencing(Base):
        class Meta:
            table_name = "ans_referencing"

    class EnrolmentDraft(Base):
        token = CharField(unique=True)
        kind = CharField(default="initial")
        data = TextField(default="{}")
        step = IntegerField(default=1)
        updated_at = DateTimeField(default=utcnow, index=True)

        class Meta:
            table_name = "enrolment_draft"

    class Enrolment(Base):
        number = CharField(unique=True)
        kind = CharField(default="initial")
        anticipated = BooleanField(default=False)
        status = CharField(default="in_progress", index=True)
        submitted_at = DateTimeField(default=utcnow, index=True)
        referencing = ForeignKeyField(AnsReferencing)
        ans_number = CharField()
        software_name = CharField()
        software_version = CharField()
        dsr = CharField()
        hds_host = BooleanField(null=True)
        siret = CharField(max_length=14, index=True)
        denomination = CharField()
        denomination_changed = BooleanField(default=False)
        trade_name = CharField()
        street_type = CharField()
        street = CharField()
        postcode = CharField()
        commune = CharField()
        recipient = CharField(default="")
        building = CharField(default="")
        extension = CharField(default="")
        address_complement = CharField(default="")
        is_buyer = BooleanField(default=False)
        is_distributor = BooleanField(default=False)
        is_legal_representative = BooleanField(default=True)
        rep_last_name = CharField()
        rep_first_name = CharField()
        rep_email = CharField()
        rep_phone = CharField()
        filer_last_name = CharField(default="")
        filer_first_name = CharField(default="")
        filer_email = CharField(default="")
        filer_phone = CharField(default="")
        filer_quality = CharField(default="")
        iban = CharField()
        bic = CharField()
        account_holder = CharField()
        bank_name = CharField(default="")
        vat_rate = CharField()
        holder_email = CharField(index=True)

        class Meta:
            table_name = "enrolment"

    class EnrolmentEvent(Base):
        enrolment = ForeignKeyField(Enrolment, on_delete="CASCADE")
        from_status = CharField(null=True)
        to_status = CharField()
        actor = CharField()
        comment = TextField(default="")

        class Meta:
            table_name = "enrolment_event"

    class Document(Base):
        kind = CharField(index=True)
        original_name = CharField()
        stored_name = CharField(unique=True)
        content_type = CharField()
        size = IntegerField()
        sha256 = CharField(max_length=64)
        draft = ForeignKeyField(EnrolmentDraft, null=True, on_delete="SET NULL")
        enrolment = ForeignKeyField(Enrolment, null=True, on_delete="CASCADE")

        class Meta:
            table_name = "document"

    class OutboxMessage(Base):
        recipient = CharField(index=True)
        subject = CharField()
        body_text = TextField()
        body_html = TextField(default="")
        status = CharField(default="pending", index=True)
        attempts = IntegerField(default=0)
        last_error = TextField(default="")
        sent_at = DateTimeField(null=True)
        related = CharField(default="", index=True)

        class Meta:
            table_name = "outbox_message"

    class SupportMessage(Base):
        last_name = CharField()
        first_name = CharField()
        email = CharField()
        subject = CharField()
        message = TextField()

        class Meta:
            table_name = "support_message"

    class CaptchaUse(Base):
        nonce = CharField(unique=True)

        class Meta:
            table_name = "captcha_use"

    models = [EnrolmentDraft, Enrolment, EnrolmentEvent, Document, OutboxMessage,
              SupportMessage, CaptchaUse]
    database.bind(models + [AnsReferencing])
    database.create_tables(models)
