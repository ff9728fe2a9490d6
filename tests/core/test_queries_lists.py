"""No N+1 anywhere: every list page of the portal (and its htmx fragment) runs as many SQL
statements with 50 rows as with 1, and every page about one row runs as many whatever the length
of the history, documents and mails it lists. The pages are named in tests/helpers/list_pages.py
and detail_pages.py; a guard fails when a view that lists rows is in neither list."""
import inspect
import re
import sys
from pathlib import Path

from tests.helpers.detail_pages import DETAIL_PAGES
from tests.helpers.list_pages import LIST_PAGES
from tests.helpers.queries import statements
from tests.helpers.scene import demo_app, measure, scene

TEMPLATES = Path(__file__).resolve().parents[2] / "portal" / "templates"
# What gives away a view that lists rows: the table component, a paginated query, the rows or
# the history of a service, a template listing items (the admin's « *_list »)…
VIEW_MARKS = re.compile(r"tables\.read\(|paginate\(|\.rows\(|_list\b|\bitems=|\bhistory=|"
                        r"\bnews=|\bfaq=|suggestions\(|\bmails=|request_page\(")
# … or a template drawing a table or a list of mails.
TEMPLATE_MARKS = re.compile(r"data_table\.html|components/table\.html|table_frame|events_table|"
                            r"extends \"list\.html\"|components/mail\.html")
NOT_LISTS = {  # endpoint → why a view the marks find lists no rows
    "backoffice.outbox.show": "one mail (components/mail.html draws it), nothing listed",
    "public.demo_mail.show": "one mail of the demonstration's outbox, nothing listed",
    "public.site.personal_data": "a fixed table of the portal's cookies, no database rows",
    "backoffice.admin.corridor_edit": "one corridor's form; its scenarios are one text field",
    "operator.simulator.index": "the checks of a file sent, no database rows listed",
    "backoffice.admin.envelope_edit": "one envelope's form and its last 20 changes: one query "
                                      "with a LIMIT",
}


def _source(view) -> str:
    """The view's code and that of the portal's functions it calls (one level down)."""
    code = inspect.getsource(view)
    module = sys.modules[view.__module__]
    for name in set(re.findall(r"\b(\w+)\(", code)):
        called = getattr(module, name, None)
        if inspect.isfunction(called) and called.__module__.startswith("portal.blueprints"):
            code += inspect.getsource(called)
    return code


def lists_rows(view) -> bool:
    return lists(_source(view))


def lists(code: str) -> bool:
    """The code (of a view) lists rows, or renders a template that does."""
    if VIEW_MARKS.search(code):
        return True
    for name in re.findall(r"[\"']([\w/.-]+\.html)[\"']", code):
        template = TEMPLATES / name
        if template.exists() and TEMPLATE_MARKS.search(template.read_text(encoding="utf-8")):
            return True
    return False


def test_every_view_that_lists_rows_is_counted(app):
    """A new list page (or a page listing a row's history) must join LIST_PAGES or DETAIL_PAGES,
    so that its queries are counted below. The demonstration's routes are walked too."""
    counted = {p.endpoint for p in LIST_PAGES + DETAIL_PAGES}
    apps = (app, demo_app(app))
    views = {endpoint: view for each in apps for endpoint, view in each.view_functions.items()}
    assert counted <= set(views), "a counted endpoint no longer exists"
    found = {rule.endpoint for each in apps for rule in each.url_map.iter_rules()
             if "GET" in rule.methods and rule.endpoint != "static"
             and lists_rows(views[rule.endpoint])}
    assert found - counted - set(NOT_LISTS) == set()
    assert {"backoffice.funding.queue", "operator.funding.show", "public.demo_mail.index"} <= found


def test_the_guard_finds_a_view_that_lists_rows():
    tomorrow = 'render("backoffice/new/queue.html", view=tables.read(TABLE, rows(), request.args))'
    assert lists(tomorrow) and lists('render("backoffice/enrolments/queue.html")')
    assert not lists('render("auth/sign_in.html", form=form)')


def shown(body: str) -> int:
    """How many rows a page shows: table rows, accordions (FAQ), cards (news), options, list
    items."""
    return sum(body.count(mark) for mark in ("<tr", "fr-accordion__title", "fr-card__title",
                                             "<option", "<li"))


def _measure(s, pages, n):
    """{(endpoint, url, fragment): (statements, rows shown)} once each page shows `n` rows."""
    return {key: (len(sql), shown(body)) for key, (sql, body, _) in measure(s, pages, n).items()}


def test_list_pages_run_as_many_queries_for_50_rows_as_for_1(demo):
    s = scene(demo)
    one, fifty = _measure(s, LIST_PAGES, 1), _measure(s, LIST_PAGES, 50)
    grew = {key: (one[key][0], fifty[key][0]) for key in one if fifty[key][0] != one[key][0]}
    assert grew == {}, "statements at 1 row and at 50"
    static = [key for key in one if not key[2] and fifty[key][1] <= one[key][1]]
    assert static == [], "these pages did not show more rows: the count proves nothing"


def test_pages_of_one_row_run_as_many_queries_for_a_long_history(demo):
    """The funding request's consultation (back-office and operator) and the other detail pages:
    the count does not grow with the history, documents and mails they list."""
    s = scene(demo)
    one, fifty = _measure(s, DETAIL_PAGES, 1), _measure(s, DETAIL_PAGES, 50)
    grew = {key: (one[key][0], fifty[key][0]) for key in one if fifty[key][0] > one[key][0]}
    assert grew == {}, "statements with 1 event, document and mail, and with 50"
    most = {page.endpoint: page.most for page in DETAIL_PAGES}
    over = {key: (fifty[key][0], most[key[0]]) for key in fifty if fifty[key][0] > most[key[0]]}
    assert over == {}, "statements, and at most (each thing shown read once)"
    static = [key for key in one if not key[2] and fifty[key][1] <= one[key][1]]
    assert static == [], "these pages did not show more of what they list"


def test_a_request_consultation_reads_its_history_once(demo):
    s = scene(demo)
    for page in DETAIL_PAGES:
        if page.endpoint in ("backoffice.funding.show", "operator.funding.show"):
            sql = statements(s.clients[page.who], page.url(s))
            reads = [q for q in sql if 'FROM "funding_event"' in q]
            assert len(reads) == 1, (page.endpoint, reads)
            assert len(set(sql)) == len(sql), f"{page.endpoint} runs a statement twice"
