"""The search of the back-office's header: each kind of number, the SIRET, the denomination and
the e-mail find their dossier, as one types (a fragment), at most 10; staff only; on indexes."""
import pytest
from peewee import SqliteDatabase

from portal.extensions import db
from portal.models import FundingRequest
from portal.models.funding import INCOMPLETE
from tests.helpers.accounts import signed_in
from tests.helpers.enrolment import HTMX, database
from tests.helpers.funding import seed
from tests.helpers.pages import html
from tests.helpers.queries import counting

URL = "/gestion/recherche/"


def found(staff, typed) -> list[str]:
    page = html(staff.get(URL, query_string={"q": typed}, headers=HTMX))
    return [a.get_text(" ", strip=True) for a in page.select("ul a")]


@pytest.mark.parametrize("typed, expected", [
    ("enr-", "Enrôlement {dpi_enrolment}"),  # the start of an enrolment number, any case
    ("{advance_tail}", "Demande de financement {advance}"),  # anywhere in a funding number
    ("{dossier}", "Demande de financement {balance}"),  # a dossier: its two requests
    ("ED-2026-0001-S", "Demande de financement {balance}"),  # the publisher's number
    ("{siret_start}", "Enrôlement {dpi_enrolment}"),
    ("{name_start}", "Enrôlement {dpi_enrolment}"),
    ("{email}", "Enrôlement {dpi_enrolment}"),
])
def test_each_kind_finds_its_dossier(known, staff, typed, expected):
    facts = {**known, "advance_tail": known["advance"][-9:], "dossier": known["advance"][:-3],
             "siret_start": known["dpi_siret"][:3] + " " + known["dpi_siret"][3:9],
             "name_start": known["dpi_denomination"][:5].lower(),
             "email": known["dpi_email"].upper()[:12]}
    assert expected.format(**facts) in found(staff, typed.format(**facts))


def test_as_one_types_at_most_ten_and_never_an_incomplete_request(app, known, staff):
    seed(app, known["operator"], 15, start=20)
    page = html(staff.get(URL, query_string={"q": "FINMSS"}, headers=HTMX))
    assert len(page.select("ul a")) == 10
    assert "Précisez votre saisie" in page.get_text()
    assert page.select_one("[role=status]").get_text().startswith("10 dossiers (les premiers)")
    with database(app):
        FundingRequest.update(status=INCOMPLETE).where(
            FundingRequest.number == known["balance"]).execute()
    assert found(staff, known["balance"]) == []
    assert "Saisissez au moins 2 caractères." in html(staff.get(URL + "?q=F")).get_text()


def test_the_header_box_is_for_staff_only(app, known, staff):
    box = html(staff.get("/gestion/enrolements")).select_one("#recherche-dossier-champ")
    assert box["hx-get"] == URL and "delay:300ms" in box["hx-trigger"]
    assert box.find_parent("form")["action"] == URL
    operator = signed_in(app.test_client(), known["operator"])
    assert html(operator.get("/espace/")).select_one("#recherche-dossier-champ") is None
    assert operator.get(URL + "?q=FINMSS").status_code == 403
    whole = html(staff.get(URL + "?q=" + known["advance"]))
    assert whole.select_one("h1").get_text() == "Rechercher un dossier"
    assert whole.select_one("#recherche-page-resultats ul a")["href"] == f"/gestion/financement/{known['advance']}"


def _plan(sql: str, params) -> str:
    """The query plan, one line per step. On PostgreSQL sequential scans are priced out (a table
    of a few rows would be scanned whatever its indexes): one left means no index serves."""
    if isinstance(db.database.obj, SqliteDatabase):
        return " | ".join(row[3] for row in db.database.execute_sql(
            "EXPLAIN QUERY PLAN " + sql, params))
    with db.database.atomic():
        db.database.execute_sql("SET LOCAL enable_seqscan = off")
        return " | ".join(row[0] for row in db.database.execute_sql("EXPLAIN " + sql, params))


def test_every_query_reads_an_index(app, known, staff):
    for typed in ("ENR-20", "000001", "sophie", "ED-2026", "123456789"):
        with counting() as queries:
            staff.get(URL, query_string={"q": typed}, headers=HTMX)
        searched = [sql for sql in queries.sql if "LIMIT" in sql and 'FROM "account"' not in sql]
        assert len(searched) == 2 and len(queries.sql) <= 4  # the account, the corridors' prefixes
        with app.app_context(), db.database.connection_context():
            for sql in searched:
                text, params = eval(sql)  # peewee logs (sql, params)
                plan = _plan(text, params)
                assert "SCAN funding_request" not in plan.replace("SCAN funding_request_number", "")
                assert "SCAN enrolment" not in plan and "TEMP B-TREE" not in plan, plan
                assert "Seq Scan" not in plan, (typed, plan)
