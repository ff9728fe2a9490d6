"""« Contacter l'assistance »: a support message gets its reference (AST-2026-000001), its category
(the former free `subject`), the SIRET and enrolment number it is about; an outbox message may carry
a Reply-To address (the mail to the support desk answers the sender directly)."""
from peewee import CharField, Table
from playhouse.migrate import SchemaMigrator, migrate


def apply(database):
    migrator = SchemaMigrator.from_database(database)
    migrate(
        migrator.rename_column("support_message", "subject", "category"),
        migrator.add_column("support_message", "reference", CharField(default="")),
        migrator.add_column("support_message", "siret", CharField(max_length=14, default="")),
        migrator.add_column("support_message", "enrolment_number", CharField(default="")),
        migrator.add_column("outbox_message", "reply_to", CharField(default="")),
    )
    # Messages written before this migration get their reference, then references are unique.
    messages = Table("support_message", ("id", "created_at", "reference")).bind(database)
    for row in list(messages.select(messages.id, messages.created_at).where(messages.reference == "")):
        reference = f"AST-{str(row['created_at'])[:4]}-{row['id']:06d}"
        messages.update(reference=reference).where(messages.id == row["id"]).execute()
    migrate(migrator.add_index("support_message", ("reference",), unique=True))
