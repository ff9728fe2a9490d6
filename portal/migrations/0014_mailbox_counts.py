"""The Annuaire Santé extraction: MSS mailboxes per operator and type at the closing date."""
from peewee import CharField, DateTimeField, IntegerField, Model

from portal.models.base import utcnow


def apply(database):
    class MailboxCount(Model):
        created_at = DateTimeField(default=utcnow)
        key = CharField(unique=True)
        siret = CharField(max_length=14, index=True)
        mailbox_type = CharField()
        count = IntegerField()

        class Meta:
            table_name = "mailbox_count"

    MailboxCount._meta.set_database(database)
    database.create_tables([MailboxCount])
