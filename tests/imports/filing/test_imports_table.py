"""« Gérer mes importations JSONs » (003 §4.1): the 9 columns, the filters (« Numéro ANS »,
« Type », both dates required), the « Actions » block, one query for all the rows."""
import datetime

from portal.models import JsonImport
from tests.helpers.accounts import make_account, signed_in
from tests.helpers.enrolment import HTMX, database
from tests.helpers.json_reports import file, report
from tests.helpers.pages import html
from tests.helpers.queries import count

URL = "/espace/importations/"
COLUMNS = ["Identifiant", "Date d'importation", "Numéro ANS", "Type de demande", "Nom du fichier",
           "Nbre de demandes", "Nbre de demandes retenues", "Nombre de demandes rejetées",
           "Fichier JSON"]


def rows(response):
    return [[c.get_text(" ", strip=True) for c in tr.select("td")]
            for tr in html(response).select("#importations-table tbody tr")]


def two_imports(app, supplier):
    account, enrolment, corridor = supplier
    first = file(app, account, enrolment, corridor, filename="janvier.json")
    second = file(app, account, enrolment, corridor, report(enrolment, ("SO-1",), (),
                  kind="balance", advances={"SO-1": "FINDPI000001-M0"}), filename="solde.json")
    with database(app):
        JsonImport.update(created_at=datetime.datetime(2026, 1, 10, 9)).where(
            JsonImport.id == first.id).execute()
        JsonImport.update(created_at=datetime.datetime(2026, 3, 10, 9)).where(
            JsonImport.id == second.id).execute()
    return first, second


def test_the_table_has_its_nine_columns_and_the_actions(app, supplier, client):
    first, second = two_imports(app, supplier)
    response = client.get(URL)
    page = html(response)
    headers = [th.get_text(" ", strip=True).split(" Trier")[0]
               for th in page.select("#importations-table thead th")]
    assert headers == COLUMNS
    assert [r[:8] for r in rows(response)] == [
        [str(second.id), "10/03/2026", "DPI-2023-0101", "Solde", "solde.json", "1", "1", "0"],
        [str(first.id), "10/01/2026", "DPI-2023-0101", "Avance", "janvier.json", "3", "2", "1"]]
    link = page.select_one("#importations-table tbody a.fr-link--download")
    assert link["href"] == f"/espace/importations/{second.id}/json-de-sortie"
    actions = {a.get_text(strip=True): a["href"] for a in page.select("#actions-imports + ul a")}
    assert actions == {"Importer mes demandes": "/espace/importations/nouvelle",
                       "Accéder à la documentation des JSONs": "/documentation-des-jsons/"}


def test_filters_by_type_ans_number_and_dates(app, supplier, client):
    first, second = two_imports(app, supplier)
    assert [r[0] for r in rows(client.get(URL + "?type=advance"))] == [str(first.id)]
    assert len(rows(client.get(URL + "?ans=2023-0101"))) == 2
    assert rows(client.get(URL + "?ans=MSS")) == []
    dated = client.get(URL + "?date_du=2026-03-01&date_au=2026-03-31&rechercher=1", headers=HTMX)
    assert "<html" not in dated.get_data(as_text=True)
    assert [r[0] for r in rows(dated)] == [str(second.id)]


def test_both_dates_are_required(app, supplier, client):
    two_imports(app, supplier)
    page = html(client.get(URL + "?date_du=2026-03-01&rechercher=1"))
    assert page.select_one("#importations-date-messages").get_text(strip=True) == \
        "Saisissez les deux dates (du… au…) pour rechercher entre deux dates."


def test_vider_les_criteres_and_an_empty_table(app, supplier, client):
    page = html(client.get(URL + "?type=balance"))
    reset = next(a for a in page.select("a") if a.get_text(strip=True) == "Vider les critères")
    assert reset["href"] == URL
    page = html(client.get(URL))
    assert page.select_one("#importations-compte").get_text(strip=True) == \
        "Vous n'avez aucune importation JSON."
    two_imports(app, supplier)
    page = html(client.get(URL + "?type=balance&date_du=2026-01-01&date_au=2026-01-31"))
    assert page.select_one("#importations-compte").get_text(strip=True) == \
        "Aucune de vos importations JSON ne correspond à ces critères."


def test_never_another_accounts_imports(app, supplier, client):
    two_imports(app, supplier)
    other = signed_in(app.test_client(), make_account(app, email="autre@exemple.fr"))
    assert other.get(URL).status_code == 403


def test_one_query_for_the_rows_whatever_their_number(app, supplier, client):
    account, enrolment, corridor = supplier
    file(app, account, enrolment, corridor)
    one = count(client, URL, HTMX)
    with database(app):
        first = JsonImport.select().dicts().get()
        JsonImport.insert_many([{**{k: v for k, v in first.items() if k != "id"},
                                 "stored_name": f"copie-{i}.json"} for i in range(30)]).execute()
    assert count(client, URL, HTMX) == one
