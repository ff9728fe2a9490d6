"""Indexes of the financing table: an operator's requests by filing date and by software."""


def apply(database):
    database.execute_sql("CREATE INDEX IF NOT EXISTS funding_request_account_created "
                         "ON funding_request (account_id, created_at)")
    database.execute_sql("CREATE INDEX IF NOT EXISTS funding_request_account_software "
                         "ON funding_request (account_id, software)")
