"""Count the SQL queries of every list page (full page and htmx fragment) at 1 row and at 50, and
of every page about one row with 1 and with 50 events, documents and mails; and how many of them
repeat an earlier query of the same request. On a temporary SQLite database (or the empty
PostgreSQL database given) with the demo data and one validated operator whose advance is filed;
the pages are those tests/helpers/list_pages.py and detail_pages.py name
(tests/core/test_queries_lists.py asserts the counts do not grow).
Usage: .venv/bin/python scripts/count_queries.py [postgresql://…]"""
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scripts.bench import make_app  # noqa: E402
from tests.helpers.detail_pages import DETAIL_PAGES  # noqa: E402
from tests.helpers.list_pages import LIST_PAGES  # noqa: E402
from tests.helpers.scene import measure, scene  # noqa: E402

SIZES = (1, 50)


def counts(s, pages, n) -> dict:
    """{(url, fragment): (statements, repeated, what)} once every page shows `n` rows."""
    return {(url, fragment): (len(sql), len(sql) - len(set(sql)),
                              getattr(page, "what", None) or f"(au plus {page.most})")
            for (_, url, fragment), (sql, _, page) in measure(s, pages, n).items()}


def report(title, pages, s):
    found = [counts(s, pages, n) for n in SIZES]
    print(f"\n{title}\nPage | lignes (ou plafond) | htmx | requêtes à 1 | à 50 | "
          "dont répétées (à 50)")
    for url, fragment in found[0]:
        one, fifty = found[0][(url, fragment)], found[1][(url, fragment)]
        flag = "" if fifty[0] <= one[0] else "  ← croît avec les lignes"
        print(f"{url} | {one[2]} | {'oui' if fragment else 'non'} | {one[0]} | {fifty[0]} | "
              f"{fifty[1]}{flag}")


def main(database_url=None):
    with tempfile.TemporaryDirectory() as folder:
        app = make_app(folder, database_url)
        s = scene(app)
        report("Listes (lignes : 1 puis 50)", LIST_PAGES, s)
        report("Pages d'une ligne (historique, pièces, courriels : 1 puis 50)", DETAIL_PAGES, s)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
