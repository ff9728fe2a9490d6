"""One account, several companies (issue 14, item 6): a bank detail added and a change of
persons asked from « Mon compte » belong to the company chosen when they were made, kept in a
`siret` column (the account's enrolments say which companies it has). One pending row per
account AND company from now on (0020's partial unique indexes widened), so that an accountant
filing for two clients need not wait for one client's decision to ask for the other's.

Rows made before this column existed are given the company the screen showed then: the latest
enrolment the account had filed by that time (else its first one)."""
from peewee import CharField
from playhouse.migrate import SchemaMigrator, migrate

TABLES = ("bank_detail", "person_change")


def _company_when(database, account_id, when):
    """The SIRET of the account's latest enrolment filed by `when`, else of its first one."""
    p = database.param
    found = database.execute_sql(
        f"SELECT siret FROM enrolment WHERE holder_id = {p} AND submitted_at <= {p} "
        f"ORDER BY submitted_at DESC, id DESC LIMIT 1", (account_id, when)).fetchone()
    found = found or database.execute_sql(
        f"SELECT siret FROM enrolment WHERE holder_id = {p} ORDER BY submitted_at, id LIMIT 1",
        (account_id,)).fetchone()
    return found[0] if found else ""


def backfill(database):
    """Every row without a SIRET is given the company its screen showed when it was made."""
    p = database.param
    for table in TABLES:
        rows = database.execute_sql(
            f"SELECT id, account_id, created_at FROM {table} WHERE siret = ''").fetchall()
        for row_id, account_id, created_at in rows:
            database.execute_sql(f"UPDATE {table} SET siret = {p} WHERE id = {p}",
                                 (_company_when(database, account_id, created_at), row_id))


def apply(database):
    migrator = SchemaMigrator.from_database(database)
    migrate(*(migrator.add_column(table, "siret", CharField(max_length=14, default=""))
              for table in TABLES))
    backfill(database)
    for table in TABLES:
        database.execute_sql(f"DROP INDEX {table}_one_pending")
        database.execute_sql(f"CREATE UNIQUE INDEX {table}_one_pending ON {table} "
                             f"(account_id, siret) WHERE status = 'pending'")
