"""Every history row names who acted by account (when there is one) and role, the French label
being derived from them: the text column `actor` becomes `actor_name`, the name alone. The rows
written before keep their label: their known role suffix is turned into the role once, here."""
from peewee import CharField, DateTimeField, ForeignKeyField, Model
from playhouse.migrate import SchemaMigrator, migrate

from portal.models.base import utcnow

TABLES = ("enrolment_event", "funding_event", "bank_detail_event", "person_change_event")
# The labels the portal wrote until now, as « Name (Label) », « Label » alone, or the whole text.
SUFFIXES = {"Gestionnaire ASP": "manager", "Administrateur ASP": "admin",
            "Opérateur MSS": "operator", "Opérateur": "holder", "Demandeur": "applicant"}
WHOLE = {"Demandeur": "applicant", "Décision automatique": "system"}


def apply(database):
    class Account(Model):
        created_at = DateTimeField(default=utcnow)

        class Meta:
            table_name = "account"

    Account._meta.set_database(database)
    migrator = SchemaMigrator.from_database(database)
    for table in TABLES:
        migrate(migrator.add_column(table, "actor_account_id",
                                    ForeignKeyField(Account, null=True, on_delete="SET NULL",
                                                    field=Account.id)),
                migrator.add_column(table, "actor_role", CharField(default="")),
                migrator.rename_column(table, "actor", "actor_name"))
        for label, role in WHOLE.items():
            database.execute_sql(f"UPDATE {table} SET actor_role = %s, actor_name = '' "
                                 f"WHERE actor_name = %s".replace("%s", database.param),
                                 (role, label))
        for label, role in SUFFIXES.items():
            suffix = f" ({label})"
            database.execute_sql(
                f"UPDATE {table} SET actor_role = {database.param}, actor_name = "
                f"SUBSTR(actor_name, 1, LENGTH(actor_name) - {len(suffix)}) "
                f"WHERE actor_role = '' AND actor_name LIKE {database.param}",
                (role, "%" + suffix))
