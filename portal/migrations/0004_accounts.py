"""Accounts of operators and staff, single-use links, managers' requests for documents; an
enrolment gets its account holder and the date of its last decision."""
from peewee import (BooleanField, CharField, DateTimeField, ForeignKeyField, IntegerField, Model,
                    TextField)
from playhouse.migrate import SchemaMigrator, migrate

from portal.models.base import utcnow


def apply(database):
    class Base(Model):
        created_at = DateTimeField(default=utcnow)

    class Enrolment(Base):
        class Meta:
            table_name = "enrolment"

    class Account(Base):
        uid = CharField(unique=True)
        email = CharField(unique=True)
        last_name = CharField()
        first_name = CharField()
        role = CharField(index=True)
        password_hash = CharField(default="")
        must_change_password = BooleanField(default=True)
        secret_question = CharField(default="")
        secret_answer_hash = CharField(default="")
        failed_logins = IntegerField(default=0)
        locked_until = DateTimeField(null=True)
        last_login_at = DateTimeField(null=True)
        password_changed_at = DateTimeField(null=True)
        active = BooleanField(default=True)

        class Meta:
            table_name = "account"

    class SingleUseLink(Base):
        purpose = CharField(index=True)
        nonce = CharField(unique=True)
        account = ForeignKeyField(Account, null=True, on_delete="CASCADE")
        enrolment = ForeignKeyField(Enrolment, null=True, on_delete="CASCADE")
        expires_at = DateTimeField()
        used_at = DateTimeField(null=True)

        class Meta:
            table_name = "single_use_link"

    class DocumentRequest(Base):
        enrolment = ForeignKeyField(Enrolment, on_delete="CASCADE")
        kinds_json = TextField(default="[]")
        message = TextField()
        requested_by = ForeignKeyField(Account, null=True, on_delete="SET NULL")
        answered_at = DateTimeField(null=True)

        class Meta:
            table_name = "document_request"

    models = [Account, SingleUseLink, DocumentRequest]
    database.bind(models + [Enrolment])
    database.create_tables(models)
    migrator = SchemaMigrator.from_database(database)
    migrate(
        migrator.add_column("enrolment", "holder_id", ForeignKeyField(
            Account, field=Account.id, null=True, on_delete="SET NULL")),
        migrator.add_column("enrolment", "decided_at", DateTimeField(null=True)),
    )
