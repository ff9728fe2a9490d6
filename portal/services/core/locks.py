"""Row locks for the « one only » rules a unique index cannot say (a rule over other rows).

Call inside a transaction: the row stays locked until it ends, so that a check made after the
lock sees what a concurrent request committed. PostgreSQL locks the row (SELECT … FOR UPDATE);
SQLite has no row locks, but the portal's transactions begin IMMEDIATE (portal/extensions.py): a
transaction already holds the database's single write lock."""
from portal.extensions import db


def lock_row(model, row_id: int) -> None:
    query = model.select(model.id).where(model.id == row_id)
    if db.database.for_update:
        query = query.for_update()
    query.execute()
