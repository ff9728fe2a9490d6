"""Revocable sessions, mail retries over days, sign-in locks per identifiant and address.

- account.session_version: a session signed in with an older version is closed (logout, password
  change or reset bump it);
- outbox_message.next_attempt_at / retry_until / claimed_until: when the next try is due, when
  to give up (72 h), and until when a worker holds the row it is sending (sent once);
- sign_in_failure: wrong passwords in a row per typed identifiant and client address."""
from peewee import CharField, DateTimeField, IntegerField, Model
from playhouse.migrate import SchemaMigrator, migrate

from portal.models.base import utcnow


def apply(database):
    class SignInFailure(Model):
        created_at = DateTimeField(default=utcnow)
        uid = CharField()
        address = CharField()
        failures = IntegerField(default=0)
        locked_until = DateTimeField(null=True)

        class Meta:
            table_name = "sign_in_failure"
            indexes = ((("uid", "address"), True),)

    SignInFailure._meta.set_database(database)
    database.create_tables([SignInFailure])
    migrator = SchemaMigrator.from_database(database)
    migrate(migrator.add_column("account", "session_version", IntegerField(default=0)),
            migrator.add_column("outbox_message", "next_attempt_at", DateTimeField(null=True)),
            migrator.add_column("outbox_message", "retry_until", DateTimeField(null=True)),
            migrator.add_column("outbox_message", "claimed_until", DateTimeField(null=True)),
            migrator.add_index("outbox_message", ("status", "next_attempt_at"), False))
