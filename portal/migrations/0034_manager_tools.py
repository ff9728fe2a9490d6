"""The search of the back-office's header (services/manager/search.py) on indexes only: what is
typed is looked for at the start of an enrolment number, a SIRET, an e-mail, a publisher's
number (PostgreSQL: pattern indexes, which serve LIKE 'typed%' whatever the collation; SQLite:
the existing indexes serve a range of the column), and anywhere in a denomination (PostgreSQL:
pg_trgm, which serves ILIKE '%typed%'; SQLite: a case-blind index serving LIKE 'typed%').
Funding numbers use the trigram indexes of migration 0022."""
from peewee import SqliteDatabase

PATTERNS = (("enrolment", "number"), ("enrolment", "siret"), ("enrolment", "holder_email"),
            ("funding_request", "publisher_number"))


def apply(database):
    if isinstance(getattr(database, "obj", database), SqliteDatabase):
        database.execute_sql("CREATE INDEX IF NOT EXISTS enrolment_denomination_nocase "
                             "ON enrolment (denomination COLLATE NOCASE)")
        database.execute_sql("CREATE INDEX IF NOT EXISTS funding_request_publisher_number_search "
                             "ON funding_request (publisher_number)")
        return
    for table, column in PATTERNS:
        database.execute_sql(f"CREATE INDEX IF NOT EXISTS {table}_{column}_prefix "
                             f"ON {table} ({column} text_pattern_ops)")
    database.execute_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    database.execute_sql("CREATE INDEX IF NOT EXISTS enrolment_denomination_trigrams "
                         "ON enrolment USING gin (denomination gin_trgm_ops)")
