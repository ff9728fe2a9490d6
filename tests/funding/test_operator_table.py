"""« Gérer mes demandes de financement » and its export: the operator's own requests only, every
filter of guide 003 §5.1, suggestions from 3 characters, nothing listed above 500 requests until a
filter is set, and a CSV a French spreadsheet opens. At scale: a keystroke reads no DISTINCT over
the account's rows and counts once; above 1 000 requests the count says « Plus de 1 000 » and the
pager still leads on; the number is found wherever the digits typed are; on PostgreSQL no filter
or sort of the table scans funding_request (EXPLAIN, on the statistics of a portal where the
operator is one of many)."""
import contextlib
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from portal.extensions import db
from portal.models.accounts import OPERATOR
from tests.helpers.accounts import make_account, signed_in
from tests.helpers.pages import html
from tests.helpers.enrolment import HTMX, database
from tests.helpers.funding import seed
from tests.helpers.instruction import file_enrolment

URL = "/espace/financement/"


@pytest.fixture
def operator(app, demo):
    file_enrolment(app)
    return make_account(app, OPERATOR, email="claire.martin@medimail.fr")


@pytest.fixture
def client(app, operator):
    return signed_in(app.test_client(), operator)


def numbers(page):
    return [row.td.get_text(strip=True) for row in page.select("#financements-table tbody tr")]


def test_ten_columns_and_own_rows_only(app, operator, client):
    mine = seed(app, operator, 3)
    other = make_account(app, OPERATOR, email="autre@example.fr")
    theirs = seed(app, other, 2, start=10)
    page = html(client.get(URL))
    headers = [th.get_text(" ", strip=True).split(" Trier")[0]
               for th in page.select("#financements-table thead th")]
    assert headers == ["Numéro de dossier", "Type", "Numéro éditeur", "N° de référencement ANS",
                       "Logiciel",
                       "Date de dépôt", "Statut de la demande", "Etat du dernier paiement",
                       "Montant Ségur déclaré HT", "Dénomination sociale", "Action"]
    assert numbers(page) == mine[::-1]
    for query in ("?numero=FINMSS", f"?numero={theirs[0]}", "?statut=decided", "?page=2"):
        assert not set(numbers(html(client.get(URL + query)))) & set(theirs), query


def test_each_filter(app, operator, client):
    seed(app, operator, 6, kind=lambda i: "advance" if i % 2 else "balance",
         status=lambda i: "decided" if i < 3 else "in_progress",
         payment_state=lambda i: "paid" if i == 0 else "none",
         software=lambda i: "DPI" if i == 5 else "MSS Opérateurs")

    def get(query):
        return len(numbers(html(client.get(URL + query))))
    assert get("?type=balance") == 3
    assert get("?statut=in_progress") == 3
    assert get("?paiement=paid") == 1
    assert get("?logiciel=DPI") == 1
    assert get("?logiciel=DPI&logiciel=MSS+Op%C3%A9rateurs") == 6
    assert get("?depot_du=2026-03-03&depot_au=2026-03-04") == 2
    assert get("?numero=0003") == 1


def test_dates_go_together(app, operator, client):
    seed(app, operator, 2)
    typing = html(client.get(URL + "?depot_du=2026-03-03", headers=HTMX))  # a keystroke
    assert typing.find(id="financements-depot-messages").get_text(strip=True) == ""
    assert len(numbers(typing)) == 2  # the half range waits for its other date
    page = html(client.get(URL + "?depot_du=2026-03-03&rechercher=1"))  # « Rechercher »
    assert "Saisissez les deux dates" in page.find(id="financements-depot-messages").get_text()
    assert page.find(id="financements-depot-du")["aria-invalid"] == "true"
    page = html(client.get(URL + "?depot_du=2026-03-05&depot_au=2026-03-01"))
    assert "antérieure" in page.find(id="financements-depot-messages").get_text()
    assert len(numbers(page)) == 2  # a wrong range filters nothing


def test_suggestions_from_three_characters(app, operator, client):
    mine = seed(app, operator, 3)
    seed(app, make_account(app, OPERATOR, email="autre@example.fr"), 2, start=10)
    assert html(client.get(URL + "suggestions?numero=FI")).find_all("option") == []
    options = [o["value"] for o in html(client.get(URL + "suggestions?numero=0001")).find_all("option")]
    assert options == [mine[1]]
    page = html(client.get(URL))
    assert page.find(id="financements-numero")["list"] == "financements-numero-liste"


def test_above_five_hundred_a_filter_comes_first(app, operator, client):
    seed(app, operator, 501, kind=lambda i: "balance" if i == 7 else "advance")
    page = html(client.get(URL))
    assert numbers(page) == []
    assert "plus de 500 demandes de financement" in page.find(id="financements-compte").get_text()
    assert len(numbers(html(client.get(URL + "?type=balance")))) == 1
    part = client.get(URL + "?type=advance", headers=HTMX)
    assert len(numbers(html(part))) == 20


def test_export_applies_the_filters_in_french(app, operator, client):
    seed(app, operator, 3, kind=lambda i: "balance" if i == 2 else "advance")
    seed(app, make_account(app, OPERATOR, email="autre@example.fr"), 2, start=10)
    response = client.get("/espace/financement/export.csv?type=advance")
    assert response.is_streamed and response.mimetype == "text/csv"
    text = response.get_data().decode("utf-8")
    assert text.startswith("\ufeffNuméro de dossier;Type;")
    lines = text.strip().split("\r\n")
    assert len(lines) == 3  # the header and the operator's two advances
    assert ";6666,67;6666,67;20 %;8000,00;" in lines[1] and ";02/03/2026;" in lines[2]
    assert html(client.get("/espace/financement/export")).find(
        "a", href="/espace/financement/export.csv")


def test_a_wrong_or_unknown_filter_does_not_open_the_five_hundred(app, operator, client):
    seed(app, operator, 501)
    for query in ("?logiciel=zzz", "?depot_du=2026-03-03&rechercher=1", "?statut=inconnu"):
        page = html(client.get(URL + query))
        assert numbers(page) == [], query
        assert "plus de 500" in page.find(id="financements-compte").get_text(), query
    refused = client.get("/espace/financement/export.csv?depot_du=2026-03-03&rechercher=1")
    assert refused.status_code == 303 and "/espace/financement/?" in refused.headers["Location"]


def count_line(page):
    text = page.find(id="financements-compte").get_text(" ", strip=True)
    return text.replace("\u202f", " ").replace("\xa0", " ")  # French grouping: 1 000


@contextlib.contextmanager
def statements():
    """The (sql, params) run meanwhile that read the requests table (peewee's query hooks)."""
    sent, hooks = [], db.database.obj.query_hooks
    hooks.append(record := lambda event: sent.append((event.sql, event.params)))
    try:
        yield sent
    finally:
        hooks.remove(record)
        sent[:] = [(sql, params) for sql, params in sent if "funding_request" in sql]


def next_page(page) -> str | None:
    """The page « Page suivante » leads to (None: disabled)."""
    link = page.find("nav", class_="fr-pagination").find("a", string="Page suivante")
    return parse_qs(urlsplit(link["href"]).query)["page"][0] if link.get("href") else None


def table_sql(client, url, headers=None):
    """The response and the SQL of one request that read the requests table."""
    with statements() as sent:
        response = client.get(url, headers=headers or {})
    assert response.status_code == 200, url
    return response, sent


def test_a_keystroke_checks_the_software_ticked_and_counts_once(app, operator, client):
    seed(app, operator, 30, software=lambda i: "DPI" if i % 3 == 0 else "MSS Opérateurs",
         status=lambda i: "decided" if i % 2 else "in_progress")
    response, sql = table_sql(client, URL + "?logiciel=DPI&statut=decided", HTMX)
    assert len(numbers(html(response))) == 5
    assert "5 demandes de financement" in count_line(html(response))
    assert not [s for s, _ in sql if "DISTINCT" in s.upper()]
    assert sum("COUNT(" in s for s, _ in sql) == 1
    response, sql = table_sql(client, URL + "?logiciel=zzz&statut=decided", HTMX)
    assert len(numbers(html(response))) == 15  # an unknown software filters nothing, as on the page
    page, sql = table_sql(client, URL)
    assert not [s for s, _ in sql if "DISTINCT" in s.upper()]
    assert sum("COUNT(" in s for s, _ in sql) == 1  # the 500-row guard and the pager share it
    boxes = [box.get_text(strip=True) for box in html(page).select("#financements-logiciel label")]
    assert boxes == ["DPI", "MSS Opérateurs"]


def test_above_a_thousand_the_count_is_capped_and_the_pager_leads_on(app, operator, client):
    seed(app, operator, 1030)
    response, sql = table_sql(client, URL + "?type=advance", HTMX)
    page = html(response)
    assert count_line(page).startswith("Plus de 1 000 demandes de financement — 1 à 20, page 1")
    assert [p for s, p in sql if "COUNT(" in s][0][-2] == 1001  # counts 1 001 rows at most
    assert next_page(page) == "2"
    last = page.find("nav", class_="fr-pagination").find("a", string="Dernière page")
    assert last.get("aria-disabled") == "true"  # not known
    page = html(client.get(URL + "?type=advance&page=50"))
    assert len(numbers(page)) == 20
    assert next_page(page) == "51"
    page = html(client.get(URL + "?type=advance&page=51"))
    assert "1 001 à 1 020" in count_line(page)
    last = html(client.get(URL + "?type=advance&page=52"))
    assert count_line(last) == "1 030 demandes de financement — 1 021 à 1 030, page 52 sur 52"
    assert next_page(last) is None


def test_the_number_is_found_wherever_the_digits_typed_are(app, operator, client):
    mine = seed(app, operator, 12)  # FINMSS<account><0000…0011>-M0
    seed(app, make_account(app, OPERATOR, email="autre@example.fr"), 3, start=3)

    def found(typed):
        return sorted(numbers(html(client.get(URL, query_string={"numero": typed}))))
    assert found("0003") == [mine[3]]
    assert found("001") == [mine[1], mine[10], mine[11]]
    assert found(mine[3][-9:].lower()) == [mine[3]]  # the end of a number, in lower case
    assert found("finmss") == sorted(mine) and found(mine[0][:9]) == sorted(mine)
    assert found("-M0") == sorted(mine)
    for nothing in ("00_3", "%", "00 03", "0003-M1", "FINMSS99"):
        assert found(nothing) == [], nothing
    with database(app):  # a number changed is found under its new number only
        db.database.execute_sql("UPDATE funding_request SET number = 'FINMSS777777-M1' "
                                f"WHERE number = {db.database.param}", (mine[5],))
    assert found("7777") == ["FINMSS777777-M1"] and found(mine[5][-7:]) == []
    options = html(client.get(URL + "suggestions?numero=7777")).find_all("option")
    assert [o["value"] for o in options] == ["FINMSS777777-M1"]


FILTERS = ("", "numero=0003", "numero=FINMSS0", "type=balance", "logiciel=DPI",
           "depot_du=2026-03-03&depot_au=2026-04-30", "statut=in_progress", "paiement=paid",
           "type=advance&statut=decided&paiement=none")
OWN_SORTS = ("numero", "type", "logiciel", "depot", "statut", "paiement", "montant")
JOINED_SORTS = ("ans", "denomination")  # the enrolment's: sorted after the join


def plans(app, client, url):
    """The EXPLAIN of each statement of a page and of its fragment reading funding_request."""
    for headers in ({}, HTMX):
        with statements() as sent:
            assert client.get(url, headers=headers).status_code == 200
        for sql, params in sent:
            with database(app):
                rows = db.database.execute_sql("EXPLAIN " + sql, params).fetchall()
            yield sql, "\n".join(row[0] for row in rows)


def test_no_filter_or_sort_scans_the_requests_on_postgresql(app, operator, client, postgres_url):
    """The operator is one of many: 450 requests among 30 000; statistics as autovacuum keeps
    them. Every statement reads an index; sorting by a column of the request reads it in the
    order of an index (no Sort of the operator's rows)."""
    if not postgres_url:
        pytest.skip("PostgreSQL's planner only (TEST_DATABASE_URL)")
    seed(app, operator, 450, kind=lambda i: "balance" if i % 2 else "advance",
         status=lambda i: ("decided", "in_progress", "rejected")[i % 3],
         payment_state=lambda i: "paid" if i % 5 == 0 else "none",
         software=lambda i: "DPI" if i % 7 == 0 else "MSS Opérateurs")
    others = make_account(app, OPERATOR, email="autre@example.fr")
    for start in range(0, 30_000, 3000):
        seed(app, others, 3000, start=start)
    with database(app):
        db.database.execute_sql("VACUUM ANALYZE funding_request")
    urls = [URL + "?" + f for f in FILTERS] + [
        f"{URL}?tri={sign}{key}" for key in OWN_SORTS + JOINED_SORTS for sign in ("", "-")] + [
        f"{URL}?statut=decided&tri=-{key}" for key in OWN_SORTS]
    checked = 0
    for url in urls:
        for sql, plan in plans(app, client, url):
            assert not re.search(r"Seq Scan on funding_request\b", plan), (url, sql, plan)
            own_sort = "tri=" in url and "statut" not in url and not any(
                url.endswith(key) for key in JOINED_SORTS)
            if own_sort and "ORDER BY" in sql:
                assert not re.search(r"\bSort\b", plan), (url, sql, plan)
            checked += 1
    assert checked >= 2 * len(urls) * 2  # a count and the rows, at least, for each


def test_sort_buttons_name_their_column_as_written(app, operator, client):
    """« Trier par « N° de référencement ANS » », not « … ans »: case and accents kept."""
    seed(app, operator, 2)
    page = html(client.get(URL))
    names = [b.get_text(strip=True) for b in page.select("button.fr-btn--sort")]
    assert "Trier par « N° de référencement ANS »" in names
    assert "Trier par « Montant Ségur déclaré HT »" in names
