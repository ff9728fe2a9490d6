"""The operator's private home (news for operators, the account's statistics, shortcuts), the
header every signed-in page shows (UID, profile, « Se déconnecter ») and the role menus, which
never show a dead link."""
import datetime
from urllib.parse import urlsplit

import pytest

from portal.models import Enrolment, NewsItem
from portal.models.accounts import ADMIN, MANAGER, OPERATOR
from portal.models.enrolment import (AWAITING_DOCUMENTS, IN_PROGRESS, REJECTED, STATUS_LABELS,
                                     VALIDATED)
from portal.services.core import navigation
from tests.helpers.accounts import make_account, signed_in
from tests.helpers.pages import html
from tests.helpers.enrolment import HTMX, database
from tests.helpers.instruction import file_enrolment, load

HOME = "/espace/"


@pytest.fixture
def operator(app):
    return make_account(app, OPERATOR, last_name="Martin", first_name="Claire")


@pytest.fixture
def client_of(app):
    def open_as(account):
        return signed_in(app.test_client(), account)
    return open_as


def news(app, title, for_operators, day):
    """A news item of November 2026 (`day`), or of the date given."""
    published = day if isinstance(day, datetime.date) else datetime.date(2026, 11, day)
    with database(app):
        NewsItem.create(title=title, body=f"Texte de « {title} ».", for_operators=for_operators,
                        published_on=published)


def card_titles(page) -> list[str]:
    return [h.get_text(strip=True) for h in page.select("#contenu .fr-card__title")]


def statistics(page) -> dict:
    """Status label → the count the table shows, and the total."""
    table = page.select_one("#statistiques-enrolement table")
    return {row.th.get_text(strip=True): int(row.td.get_text(strip=True))
            for row in table.select("tbody tr, tfoot tr")}


def nav_links(page) -> dict:
    return {a.get_text(strip=True): a["href"] for a in page.select("#navigation-principale a")}


# The news ----------------------------------------------------------------------------------------
def test_the_home_shows_the_news_for_operators_newest_first_and_not_the_public_ones(
        app, client_of, operator):
    news(app, "Ouverture du dépôt des demandes de solde", True, 20)
    news(app, "Dépôt des demandes d'avance", True, 10)
    news(app, "Ouverture de la vague 2", False, 21)
    response = client_of(operator).get(HOME)
    assert response.status_code == 200
    page = html(response)
    assert card_titles(page) == ["Ouverture du dépôt des demandes de solde",
                                 "Dépôt des demandes d'avance"]
    assert "Publié le 20 novembre 2026" in page.select_one("#contenu .fr-card").get_text(" ")
    assert "Bienvenue Claire Martin" in page.get_text()
    public = html(app.test_client().get("/"))
    assert "Ouverture de la vague 2" in card_titles(public)
    assert "Dépôt des demandes d'avance" not in card_titles(public)


def test_a_news_item_dated_later_waits_for_its_day(app, client_of, operator):
    today = datetime.date.today()
    news(app, "Publiée aujourd'hui", True, today - datetime.timedelta(days=1))
    news(app, "Publiée demain", True, today + datetime.timedelta(days=2))
    news(app, "Publique demain", False, today + datetime.timedelta(days=2))
    assert card_titles(html(client_of(operator).get(HOME))) == ["Publiée aujourd'hui"]
    assert "Publique demain" not in card_titles(html(app.test_client().get("/")))


def test_without_news_for_operators_the_home_says_so(app, client_of, operator):
    news(app, "Ouverture de la vague 2", False, 21)
    page = html(client_of(operator).get(HOME))
    assert card_titles(page) == []
    assert "Aucune actualité pour le moment." in page.select_one("#contenu").get_text()


def test_the_private_home_is_for_operators_only(app, client_of):
    for role in (MANAGER, ADMIN):
        assert client_of(make_account(app, role)).get(HOME).status_code == 403
    response = app.test_client().get(HOME)
    assert response.status_code == 303
    assert urlsplit(response.headers["Location"]).path == "/connexion"


# The statistics ----------------------------------------------------------------------------------
def enrolments_of(app, number, holder, *statuses):
    """Enrolments like `number` (filed through the wizard), held by `holder`, in these statuses."""
    with database(app):
        original = {k: v for k, v in load(number).__data__.items() if k not in ("id", "number", "draft_token")}
        known = Enrolment.select().count()
        for index, status in enumerate(statuses):
            Enrolment.create(**{**original, "number": f"FINMSS{known + index + 1:06d}",
                                "holder": holder, "status": status})


def test_the_statistics_count_the_operators_own_enrolments_by_status(app, demo, client_of,
                                                                     operator):
    other = make_account(app, OPERATOR, last_name="Durand", first_name="Paul")
    filed = file_enrolment(app)  # filed, its holder has no account yet: nobody's
    enrolments_of(app, filed, operator, VALIDATED, VALIDATED, IN_PROGRESS, AWAITING_DOCUMENTS)
    enrolments_of(app, filed, other, REJECTED, IN_PROGRESS, IN_PROGRESS)

    counts = statistics(html(client_of(operator).get(HOME)))
    assert list(counts) == [*STATUS_LABELS.values(), "Total"]
    assert counts["Validée"] == 2
    assert counts["En cours"] == 1
    assert counts["En attente de pièce(s) jointe(s) complémentaire(s)"] == 1
    assert counts["Rejetée"] == 0
    assert counts["Total"] == 4

    theirs = statistics(html(client_of(other).get(HOME)))
    assert (theirs["Rejetée"], theirs["En cours"], theirs["Validée"]) == (1, 2, 0)
    assert theirs["Total"] == 3


def test_a_new_operator_sees_zero_everywhere(app, client_of, operator):
    counts = statistics(html(client_of(operator).get(HOME)))
    assert set(counts.values()) == {0}


def test_the_home_is_a_page_or_a_fragment(app, client_of, operator):
    client = client_of(operator)
    full = client.get(HOME)
    assert b"<html" in full.data and "HX-Request" in full.headers["Vary"]
    fragment = client.get(HOME, headers=HTMX)
    assert fragment.status_code == 200
    assert b"<html" not in fragment.data
    assert "Statistiques de mon compte" in fragment.get_data(as_text=True)


# The header --------------------------------------------------------------------------------------
def test_the_header_shows_uid_profile_and_signs_out(app, client_of, operator):
    client = client_of(operator)
    banner = html(client.get(HOME)).select_one("header[role=banner]")
    identity = banner.select_one(".portal-identity").get_text(" ", strip=True)
    assert f"UID : {operator.uid}" in identity
    assert "Profil : Opérateur MSS" in identity
    assert banner.select_one(".fr-header__service a")["href"] == HOME
    form = banner.find("button", string="Se déconnecter").find_parent("form")
    assert form["method"] == "post"
    response = client.post(form["action"], data={
        "csrf_token": form.find("input", attrs={"name": "csrf_token"})["value"]})
    assert response.status_code == 303
    after = client.get(HOME)
    assert after.status_code == 303
    assert urlsplit(after.headers["Location"]).path == "/connexion"


@pytest.mark.parametrize("role, profile", [(MANAGER, "Gestionnaire ASP"),
                                           (ADMIN, "Administrateur ASP")])
def test_staff_see_their_profile_in_the_header(app, client_of, role, profile):
    account = make_account(app, role)
    page = html(client_of(account).get("/gestion/enrolements"))
    identity = page.select_one("header .portal-identity").get_text(" ", strip=True)
    assert f"UID : {account.uid}" in identity and f"Profil : {profile}" in identity
    assert page.select_one("header").find("button", string="Se déconnecter")


def test_a_visitor_gets_se_connecter_and_no_menu(client):
    page = html(client.get("/"))
    assert page.select_one("header").find("a", string="Se connecter")
    assert page.select_one("header .portal-identity") is None
    assert page.select_one("#navigation-principale") is None


# The menus ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("role, start", [(OPERATOR, HOME), (MANAGER, "/gestion/enrolements"),
                                         (ADMIN, "/gestion/enrolements")])
def test_every_link_of_the_menu_and_the_shortcuts_answers(app, client_of, role, start):
    client = client_of(make_account(app, role))
    page = html(client.get(start))
    hrefs = [a["href"] for a in page.select("#navigation-principale a, #fonctionnalites a")]
    assert hrefs
    for href in hrefs:
        assert client.get(href).status_code == 200, href
    current = page.select("#navigation-principale [aria-current=page]")
    assert [a["href"] for a in current] == [start]


def test_each_role_has_its_own_menu(app, client_of, operator):
    mine = nav_links(html(client_of(operator).get(HOME)))
    assert mine["Accueil"] == HOME
    assert "Contacter l'assistance" in mine and "Consulter les questions fréquentes" in mine
    assert "Données de référence" not in mine and "Demandes d'enrôlement" not in mine
    assert mine["Messages"] == "/espace/messages"

    manager = nav_links(html(client_of(make_account(app, MANAGER)).get("/gestion/enrolements")))
    assert set(manager) == {"Demandes d'enrôlement", "Demandes de financement",
                            "Coordonnées bancaires à valider", "Modèles de pièces justificatives",
                            "Demandes de modification", "Importations JSON", "Mettre en paiement",
                            "Lots de paiement",
                            "Tableau de bord", "Messages des opérateurs", "Messages d'assistance",
                            "Courriels envoyés"}

    admin = nav_links(html(client_of(make_account(app, ADMIN)).get("/gestion/enrolements")))
    assert set(admin) == {"Demandes d'enrôlement", "Demandes de financement",
                          "Coordonnées bancaires à valider", "Modèles de pièces justificatives",
                          "Demandes de modification", "Messages des opérateurs",
                          "Messages d'assistance", "Courriels envoyés", "Données de référence",
                          "Actualités", "Foire aux questions", "Tarif de l'appel à financement",
                          "Couloirs", "Enveloppes budgétaires", "Compte de l'ASP", "Importations JSON",
                          "Mettre en paiement", "Lots de paiement", "Tableau de bord"}


def test_every_entry_names_a_screen_and_marks_its_section(app):
    named = [link.endpoint for entry in navigation.MAIN_MENU
             for link in (entry.items if isinstance(entry, navigation.Menu) else (entry,))]
    named += [link.endpoint for link in navigation.HOME_SHORTCUTS]
    named += [*navigation.HOME_ENDPOINTS.values(), navigation.PUBLIC_HOME]
    assert set(named) <= set(app.view_functions)
    menu = navigation.main_menu(OPERATOR, "operator.enrolments.detail")
    enrolment = next(entry for entry in menu if entry.label == "Enrôlement")
    assert [(i.label, i.current) for i in enrolment.items] == [
        ("Gérer mes demandes d'enrôlement", "true"), ("Faire une demande complémentaire", None)]
    assert enrolment.current == "true"
    assert navigation.main_menu(OPERATOR, "operator.home.home")[0].current == "page"
    assert navigation.main_menu(None) == []
