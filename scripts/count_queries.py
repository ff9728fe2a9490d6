"""Count the SQL queries of the five main pages (the operator's home, enrolments table and funding
request, the back-office queues of enrolments and funding requests), and how many of them repeat
an earlier query of the same request, on a temporary SQLite database with one validated operator
whose advance is filed.  Usage: .venv/bin/python scripts/count_queries.py"""
import collections
import logging
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scripts.bench import make_app  # noqa: E402
from tests.helpers.accounts import manager_client, signed_in  # noqa: E402
from tests.helpers.funding import COUNTS, send, validated_operator  # noqa: E402

PAGES = (("operator", "/espace/"), ("operator", "/espace/enrolements/"),
         ("operator", "/espace/financement/demande"), ("manager", "/gestion/enrolements"),
         ("manager", "/gestion/financement/"))


class Queries(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.sql = []

    def emit(self, record):
        if record.name == "peewee":  # not the connection pool's own lines (peewee.pool)
            self.sql.append(str(record.msg))


def main():
    with tempfile.TemporaryDirectory() as folder:
        app = make_app(folder)
        operator = signed_in(app.test_client(), validated_operator(app))
        assert send(operator, **COUNTS).status_code == 303
        clients = {"operator": operator, "manager": manager_client(app)}
        logger, queries = logging.getLogger("peewee"), Queries()
        logger.addHandler(queries)
        logger.setLevel(logging.DEBUG)
        print("Page | requêtes SQL | dont répétées")
        for who, url in PAGES:
            queries.sql.clear()
            response = clients[who].get(url)
            assert response.status_code == 200, (url, response.status_code)
            repeats = sum(n - 1 for n in collections.Counter(queries.sql).values())
            print(f"{url} | {len(queries.sql)} | {repeats}")


if __name__ == "__main__":
    main()
