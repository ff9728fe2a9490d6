"""Count the SQL statements of a request (the one counter of the tests and of
scripts/count_queries.py), and grow a table with copies of one of its rows. The pages counted
and the scene they are read in: tests/helpers/scene.py, list_pages.py and detail_pages.py."""
import collections
import logging
from contextlib import contextmanager

from tests.helpers.accounts import make_account
from tests.helpers.enrolment import database


class Queries(logging.Handler):
    """The SQL text of every statement peewee runs while it is attached."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.sql = []

    def emit(self, record):
        if record.name == "peewee":
            self.sql.append(str(record.msg))  # the SQL and its parameters

    def repeated(self) -> list[str]:
        """The statements run more than once (same SQL, same parameters)."""
        return [sql for sql, n in collections.Counter(self.sql).items() if n > 1]


@contextmanager
def counting():
    """`with counting() as queries:` … `len(queries.sql)` statements ran inside."""
    logger, queries = logging.getLogger("peewee"), Queries()
    level = logger.level
    logger.addHandler(queries)
    logger.setLevel(logging.DEBUG)
    try:
        yield queries
    finally:
        logger.removeHandler(queries)
        logger.setLevel(level)


def run_by(client, url, headers=None) -> Queries:
    """The SQL statements the GET of `url` runs (it must answer 200)."""
    with counting() as queries:
        response = client.get(url, headers=headers or {})
    assert response.status_code == 200, (url, response.status_code)
    return queries


def statements(client, url, headers=None) -> list[str]:
    return run_by(client, url, headers).sql


def count(client, url, headers=None) -> int:
    return len(statements(client, url, headers))


def copies(app, model, total: int, where=None, base=None, new=None, **changes) -> None:
    """Copies of the first row of `model` matching `where` (or, when none does, of its first row
    at all; when it has none, a row made of `base` and `new`) until `total` match; `base`: columns
    every copy takes (those `where` asks); `changes`: column → f(i, value) for the copy number i
    (the unique columns)."""
    base = base or {}
    with database(app):
        query = model.select().where(where) if where is not None else model.select()
        first = query.order_by(model.id).first() or model.select().order_by(model.id).first()
        if first is None:
            first = model.create(**base, **(new or {}))
        have = query.count()
        data = {**{k: v for k, v in first.__data__.items() if k != "id"}, **base}
        rows = [{**data, **{k: f(i, data.get(k)) for k, f in changes.items()}}
                for i in range(have, total)]
        if rows:
            model.insert_many(rows).execute()


def numbered(i, value):
    return f"{value}-{i}"


def one_per_account(app, model, total: int) -> None:
    """Pending bank details or changes of persons: one per account (a partial unique index), so
    each copy gets an account of its own."""
    with database(app):
        pending = model.select().where(model.status == "pending")
        have = pending.count()
    accounts = [make_account(app, last_name=f"Nom{i}").id for i in range(have, total)]
    with database(app):
        data = {k: v for k, v in pending.order_by(model.id).first().__data__.items() if k != "id"}
        if accounts:
            model.insert_many([{**data, "account": a} for a in accounts]).execute()
