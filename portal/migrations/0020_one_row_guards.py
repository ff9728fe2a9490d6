"""Reference imports run by the worker, each an `import_job` row (status, progress, result).

The database itself keeps the « one only » rules, whatever the code path or the number of tabs
sending at once: one enrolment per wizard draft (`enrolment.draft_token`, unique), one pending
bank detail and one pending change of persons per account (partial unique indexes).

Requests sent twice before this guard existed may have left several pending rows for an account:
the oldest stays pending, the others are refused by the portal, with a history row saying why."""
from playhouse.migrate import SchemaMigrator, migrate
from peewee import CharField, DateTimeField, IntegerField, Model, TextField

from portal.models.base import utcnow

PENDING_ONLY_ONCE = (("bank_detail", "bank_detail_event", "bank_detail_id"),
                     ("person_change", "person_change_event", "person_change_id"))
DOUBLE = "Demande envoyée en double : seule la première reste à instruire."


def apply(database):
    class ImportJob(Model):  # as portal/models/reference.py has it now
        created_at = DateTimeField(default=utcnow)
        kind = CharField(index=True)
        filename = CharField()
        stored_as = CharField()
        started_by = CharField(default="")
        status = CharField(default="queued")
        rows_total = IntegerField(default=0)
        rows_done = IntegerField(default=0)
        message = TextField(default="")
        finished_at = DateTimeField(null=True)

        class Meta:
            table_name = "import_job"

    ImportJob._meta.set_database(database)
    database.create_tables([ImportJob])
    migrator = SchemaMigrator.from_database(database)
    migrate(migrator.add_column("enrolment", "draft_token", CharField(null=True)))
    database.execute_sql("CREATE UNIQUE INDEX enrolment_draft_token ON enrolment (draft_token)")
    p, now = database.param, utcnow()
    for table, events, key in PENDING_ONLY_ONCE:
        doubles = f"""SELECT id FROM {table} AS t WHERE status = 'pending' AND id > (
            SELECT MIN(id) FROM {table} AS first WHERE first.account_id = t.account_id
            AND first.status = 'pending')"""
        ids = [row[0] for row in database.execute_sql(doubles).fetchall()]
        for row_id in ids:
            database.execute_sql(
                f"INSERT INTO {events} ({key}, created_at, from_status, to_status, actor_role, "
                f"actor_name, comment) VALUES ({p}, {p}, 'pending', 'refused', 'system', '', {p})",
                (row_id, now, DOUBLE))
            database.execute_sql(f"UPDATE {table} SET status = 'refused', decided_at = {p} "
                                 f"WHERE id = {p}", (now, row_id))
        database.execute_sql(f"CREATE UNIQUE INDEX {table}_one_pending ON {table} (account_id) "
                             f"WHERE status = 'pending'")
