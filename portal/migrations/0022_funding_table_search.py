"""« Gérer mes demandes de financement » on indexes only, whatever the number of requests.

Every filter and sort of the table reads an index starting with the account, ending with the id
(the table's tie-break: a sort is the index's order), so that a page is an index range, not a
scan of the account's rows. The « Numéro de dossier » filter finds what was typed anywhere in
the number: on PostgreSQL a trigram index (pg_trgm) serves ILIKE '%…%', and a pattern index the
start of a number, LIKE 'FINMSS0…%' (its trigrams are in every number); on SQLite an FTS5
trigram table mirrors the numbers (kept by triggers) and serves LIKE '%…%'
(services/funding/operator_table.py reads it)."""
from peewee import SqliteDatabase

SORTED = ("number", "kind", "software", "created_at", "status", "payment_state", "declared_ht")
NUMBERS = "funding_request_number"  # the SQLite FTS5 mirror of funding_request.number


def apply(database):
    for old in ("funding_request_account_created", "funding_request_account_software"):  # 0015
        database.execute_sql(f"DROP INDEX IF EXISTS {old}")
    for column in SORTED:
        database.execute_sql(f"CREATE INDEX IF NOT EXISTS funding_request_account_{column} "
                             f"ON funding_request (account_id, {column}, id)")
    if isinstance(getattr(database, "obj", database), SqliteDatabase):
        _sqlite_numbers(database)
    else:
        # What is typed from the number's start: LIKE 'FINMSS0001%', whatever the collation.
        database.execute_sql("CREATE INDEX IF NOT EXISTS funding_request_account_number_prefix "
                             "ON funding_request (account_id, number text_pattern_ops)")
        database.execute_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        database.execute_sql("CREATE INDEX IF NOT EXISTS funding_request_number_trigrams "
                             "ON funding_request USING gin (number gin_trgm_ops)")


def _sqlite_numbers(database):
    database.execute_sql(f"CREATE VIRTUAL TABLE IF NOT EXISTS {NUMBERS} USING fts5(number, "
                         "content='funding_request', content_rowid='id', tokenize='trigram')")
    forget = (f"INSERT INTO {NUMBERS} ({NUMBERS}, rowid, number) "
              "VALUES ('delete', old.id, old.number);")
    learn = f"INSERT INTO {NUMBERS} (rowid, number) VALUES (new.id, new.number);"
    for name, event, body in (("insert", "INSERT", learn), ("delete", "DELETE", forget),
                              ("update", "UPDATE OF number", forget + " " + learn)):
        database.execute_sql(f"CREATE TRIGGER IF NOT EXISTS {NUMBERS}_{name} AFTER {event} "
                             f"ON funding_request BEGIN {body} END")
    database.execute_sql(f"INSERT INTO {NUMBERS} ({NUMBERS}) VALUES ('rebuild')")
