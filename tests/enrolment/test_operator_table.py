"""« Gérer mes demandes d'enrôlement »: the operator's own rows only, a filter on every column,
a sort on each, pages of 20, all in the URL; a page or the results fragment."""
from urllib.parse import parse_qs, urlsplit

import pytest

from portal.models import Account
from portal.models.accounts import OPERATOR
from portal.models.enrolment import KIND_COMPLEMENTARY, REJECTED, VALIDATED
from portal.services.enrolment import workflow as wf
from tests.helpers.accounts import make_account, signed_in
from tests.helpers.pages import html
from tests.helpers.enrolment import HTMX, database
from tests.helpers.instruction import ANTICIPATED_MSS, file_enrolment, move, upload_file
from tests.helpers.operator import own_filed, seed

URL = "/espace/enrolements/"
@pytest.fixture
def operator(app, demo):
    file_enrolment(app)
    return make_account(app, OPERATOR, email="claire.martin@medimail.fr")


@pytest.fixture
def client_of(app):
    return lambda account: signed_in(app.test_client(), account)


def numbers(page):
    return [row.find("td").get_text(strip=True) for row in page.select("#enrolements-table tbody tr")]


def test_sixty_enrolments_newest_first_twenty_a_page(app, operator, client_of):
    mine = seed(app, operator, 60)
    client = client_of(operator)
    page = html(client.get(URL))
    assert numbers(page) == mine[::-1][:20]
    assert page.find(id="enrolements-compte").get_text(strip=True) == \
        "60 demandes d'enrôlement — 1 à 20, page 1 sur 3"
    headers = [th.get_text(" ", strip=True) for th in page.select("#enrolements-table thead th")]
    assert [h.split(" Trier")[0] for h in headers] == [
        "Numéro de demande", "Date de dépôt", "Statut", "SIRET fournisseur",
        "Profil(s) référencé(s)", "Type d'enrôlement", "Action"]
    last = html(client.get(page.select_one(".fr-pagination a[title='Page 3']")["href"]))
    assert numbers(last) == mine[::-1][40:]


def test_never_another_holders_rows_whatever_the_filter(app, operator, client_of):
    seed(app, operator, 2)
    other = make_account(app, OPERATOR, email="autre@example.fr")
    theirs = seed(app, other, 3, prefix="ENR-2026-9")
    client = client_of(operator)
    for query in ("", "?numero=ENR-2026-9", "?statut=in_progress", "?page=2", "?tri=numero"):
        assert not set(numbers(html(client.get(URL + query)))) & set(theirs), query
    assert numbers(html(client_of(other).get(URL))) == theirs[::-1]


def test_each_filter(app, operator, client_of):
    mine = seed(app, operator, 6, status=lambda i: VALIDATED if i % 2 else REJECTED,
                siret=lambda i: "73282932000074" if i < 3 else "55208131766522",
                kind=lambda i: KIND_COMPLEMENTARY if i == 5 else "initial",
                anticipated=lambda i: i == 4, dsr=lambda i: "DPI" if i == 0 else "MSS Opérateurs")
    client = client_of(operator)
    get = lambda query: numbers(html(client.get(URL + query)))  # noqa: E731
    assert get("?numero=00003") == [mine[3]]
    assert get("?statut=validated") == [mine[5], mine[3], mine[1]]
    assert get("?siret=5520") == [mine[5], mine[4], mine[3]]
    assert get("?profil=dpi") == [mine[0]]
    assert get("?type=complementaire") == [mine[5]]
    assert get("?type=anticipe") == [mine[4]]
    assert get("?type=initial") == [mine[3], mine[2], mine[1], mine[0]]
    assert get("?depot=2026-01-07") == [mine[2]]
    assert get("?statut=validated&siret=5520") == [mine[5], mine[3]]


def test_sort_on_each_column_both_ways(app, operator, client_of):
    mine = seed(app, operator, 3, siret=lambda i: ["3", "1", "2"][i] * 14)
    client = client_of(operator)
    page = html(client.get(URL + "?trier=siret"))
    assert numbers(page) == [mine[1], mine[2], mine[0]]
    header = page.find("button", attrs={"name": "trier", "value": "-siret"}).find_parent("th")
    assert header["aria-sort"] == "ascending"
    assert page.find("input", attrs={"name": "tri"})["value"] == "siret"
    assert numbers(html(client.get(URL + "?tri=-siret"))) == [mine[0], mine[2], mine[1]]
    assert numbers(html(client.get(URL + "?tri=numero"))) == mine
    assert numbers(html(client.get(URL + "?tri=inconnu"))) == mine[::-1]
    for key in ("depot", "statut", "profil", "type"):
        assert client.get(URL + "?tri=-" + key).status_code == 200


def test_filters_and_sort_are_kept_by_the_pagination(app, operator, client_of):
    seed(app, operator, 45)
    page = html(client_of(operator).get(URL + "?statut=in_progress&tri=numero"))
    query = parse_qs(urlsplit(page.select_one(".fr-pagination a[title='Page 2']")["href"]).query)
    assert query == {"statut": ["in_progress"], "tri": ["numero"], "page": ["2"]}
    assert page.find(id="enrolements-statut").find("option", selected=True)["value"] == "in_progress"


def test_a_wrong_date_is_said_beside_the_field_and_ignored(app, operator, client_of):
    seed(app, operator, 2)
    page = html(client_of(operator).get(URL + "?depot=2026-02-31"))
    assert "Cette date n'est pas valide" in page.find(id="enrolements-depot-messages").get_text()
    assert page.find(id="enrolements-depot")["aria-invalid"] == "true"
    assert len(numbers(page)) == 2


def test_no_match_and_the_empty_table_say_so(app, operator, client_of):
    client = client_of(operator)
    assert "Vous n'avez aucune demande d'enrôlement." in html(client.get(URL)).get_text()
    seed(app, operator, 1)
    page = html(client.get(URL + "?numero=XYZ"))
    assert "Aucune de vos demandes d'enrôlement ne correspond à ces critères." in page.get_text()
    assert page.find("a", string="Vider les critères")["href"] == URL


def test_a_keystroke_gets_the_fragment_with_the_count_out_of_band(app, operator, client_of):
    mine = seed(app, operator, 3)
    response = client_of(operator).get(URL + "?numero=00001", headers=HTMX)
    body = response.get_data(as_text=True)
    assert "<html" not in body and 'id="enrolements-filtres"' not in body
    part = html(response)
    assert numbers(part) == [mine[1]]
    assert part.find(id="enrolements-compte")["hx-swap-oob"] == "true"
    full = html(client_of(operator).get(URL))
    form = full.find("form", id="enrolements-filtres")
    assert form["method"] == "get" and form["hx-target"] == "#enrolements-resultats"
    assert "delay:400ms" in form["hx-trigger"] and form["hx-push-url"] == "true"


def test_for_operators_only(app, operator):
    assert urlsplit(app.test_client().get(URL).headers["Location"]).path == "/connexion"
    manager = signed_in(app.test_client(), make_account(app, "manager"))
    assert manager.get(URL).status_code == 403


# Consulter

def test_consult_shows_the_recap_and_accordions_a_to_g(app, operator, client_of):
    number = own_filed(app, operator).number
    page = html(client_of(operator).get(f"{URL}{number}"))
    assert page.find("h1").get_text(strip=True) == f"Demande d'enrôlement n° {number}"
    assert page.select_one(".fr-badge").get_text(strip=True) == "En cours"
    assert "MEDIMAIL SOLUTIONS" in page.find(id="recapitulatif").parent.get_text()
    titles = [b.get_text(strip=True) for b in page.select(".fr-accordion__btn")]
    assert [t.split(" (")[0] for t in titles] == [
        "a. Logiciel", "b. Personne morale", "c. Personne(s) physique(s)",
        "d. Coordonnées bancaires", "e. Taux de TVA", "f. Pièces justificatives",
        "g. Historique de la demande"]
    text = page.get_text(" ", strip=True)
    for expected in ("MediMail Pro", "MSS Opérateurs — opérateur développeur", "73282932000074",
                     "Claire", "FR76 3000 6000 0112 3456 7890 189", "20 %"):
        assert expected in text, expected
    history = [td.get_text(strip=True) for td in page.select("#historique tbody td")]
    assert history[1:] == ["En cours", "Vous", "Dépôt de la demande d'enrôlement"]


def test_a_complementary_enrolment_hides_the_accounts_sections(app, operator, client_of):
    (number,) = seed(app, operator, 1, kind=KIND_COMPLEMENTARY)
    page = html(client_of(operator).get(f"{URL}{number}"))
    titles = [b.get_text(strip=True).split(" (")[0] for b in page.select(".fr-accordion__btn")]
    assert titles == ["a. Logiciel", "e. Taux de TVA", "f. Pièces justificatives",
                      "g. Historique de la demande"]


def test_documents_of_ones_own_enrolment_only(app, operator, client_of):
    filed = own_filed(app, operator)
    with database(app):
        document = filed.documents.first()
    client = client_of(operator)
    page = html(client.get(f"{URL}{filed.number}"))
    links = [a["href"] for a in page.select("#detail-f a.fr-link--download")]
    assert f"{URL}{filed.number}/documents/{document.id}" in links and len(links) == 4
    response = client.get(links[0])
    assert response.status_code == 200 and response.headers["Content-Disposition"].startswith("attachment")
    other = make_account(app, OPERATOR, email="autre@example.fr")
    (theirs,) = seed(app, other, 1, prefix="ENR-2026-9")
    intruder = client_of(other)
    assert intruder.get(f"{URL}{filed.number}").status_code == 404
    assert intruder.get(links[0]).status_code == 404
    assert intruder.get(f"{URL}{theirs}/documents/{document.id}").status_code == 404


# Deposits from the private space

def test_documents_asked_are_deposited_from_the_private_space(app, operator, client_of, mailbox):
    filed = own_filed(app, operator)
    move(app, filed.number, wf.REQUEST_DOCUMENTS, make_account(app, "manager"),
         "Le RIB est illisible.", kinds=["rib"])
    client = client_of(operator)
    row = html(client.get(URL)).select_one("#enrolements-table tbody tr")
    link = next(a for a in row.find_all("a") if "Déposer des pièces jointes" in a.get_text())
    assert link["href"] == f"{URL}{filed.number}/depot"
    page = html(client.get(link["href"]))
    assert "Le RIB est illisible." in page.find(class_="fr-callout").get_text()
    token = page.find("input", attrs={"name": "csrf_token"})["value"]
    refused = client.post(f"{URL}{filed.number}/depot/document/rib", headers=HTMX,
                          data={"csrf_token": token, "doc_rib": upload_file("notes.txt")})
    assert refused.status_code == 422 and "n'est pas accepté" in html(refused).get_text()
    missing = client.post(link["href"], data={"csrf_token": token})
    assert missing.status_code == 422
    assert "Déposez ce document" in html(missing).find(id="doc_rib-messages").get_text()
    done = client.post(link["href"], data={"csrf_token": token, "doc_rib": upload_file("rib.jpg")})
    assert done.status_code == 303
    assert "« En cours »" in html(client.get(done.headers["Location"])).get_text()
    assert html(client.get(f"{URL}{filed.number}")).select_one(".fr-badge").get_text() == "En cours"
    assert client.get(link["href"]).status_code == 404  # nothing is asked any more
    assert any("reçues" in m["Subject"] for m in mailbox.to("claire.martin@medimail.fr"))


def test_certificates_finalise_an_anticipated_enrolment(app, client_of, mailbox, demo):
    number = file_enrolment(app, ANTICIPATED_MSS, buyer=True)
    outcome = move(app, number, wf.VALIDATE_PARTIALLY, make_account(app, "manager"))
    with database(app):  # past its first sign-in
        Account.update(must_change_password=False).where(Account.id == outcome.account.id).execute()
    client = client_of(outcome.account)
    page = html(client.get(f"{URL}{number}"))
    link = next(a for a in page.find_all("a")
                if a.get_text(strip=True) == "Ajouter le certificat de référencement")
    form = html(client.get(link["href"]))
    callout = form.find(class_="fr-callout").get_text(" ", strip=True)
    assert "Certificat(s) à déposer" in callout
    assert "Pour la finaliser, déposez : Certificat de référencement." in callout
    token = form.find("input", attrs={"name": "csrf_token"})["value"]
    response = client.post(link["href"], data={
        "csrf_token": token, "doc_referencing_certificate": upload_file("document.pdf")})
    assert response.status_code == 303
    badge = html(client.get(f"{URL}{number}")).select_one(".fr-badge").get_text()
    assert badge == "Certificat(s) à valider"


def test_nobody_else_deposits_in_an_enrolment(app, operator, client_of):
    filed = own_filed(app, operator)
    move(app, filed.number, wf.REQUEST_DOCUMENTS, make_account(app, "manager"), "RIB ?",
         kinds=["rib"])
    other = client_of(make_account(app, OPERATOR, email="autre@example.fr"))
    assert other.get(f"{URL}{filed.number}/depot").status_code == 404
    page = html(other.get("/espace/"))
    token = page.body["hx-headers"].split('"')[3]
    response = other.post(f"{URL}{filed.number}/depot/document/rib",
                          data={"csrf_token": token, "doc_rib": upload_file("rib.jpg")})
    assert response.status_code == 404
