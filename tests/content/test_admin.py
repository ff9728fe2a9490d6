"""The admin screens: reference data imported from CSV through the browser form, the news and the
FAQ created, edited and deleted — and doors closed to everyone but admins."""
import io
from urllib.parse import urlsplit

import pytest

from portal.models import AnsReferencing, Company, FaqEntry, NewsItem
from portal.models.accounts import ADMIN, MANAGER, OPERATOR
from tests.helpers.accounts import make_account, signed_in
from tests.helpers.pages import html
from tests.helpers.enrolment import HTMX, database, error, form_data

ADMIN_URL = "/gestion/administration"
REFERENCE = f"{ADMIN_URL}/donnees-de-reference"
NEWS = f"{ADMIN_URL}/actualites"
FAQ = f"{ADMIN_URL}/foire-aux-questions"
MODELS = {"ans": AnsReferencing, "companies": Company, "news": NewsItem, "faq": FaqEntry}


@pytest.fixture
def admin(app):
    return signed_in(app.test_client(), make_account(app, ADMIN, last_name="Leroy",
                                                     first_name="Sophie"))


def count(app, kind) -> int:
    with database(app):
        return MODELS[kind].select().count()


def csrf_of(client, url) -> str:
    return html(client.get(url)).find("input", attrs={"name": "csrf_token"})["value"]


def upload(client, kind, content, filename="donnees.csv", htmx=False, encoding="utf-8"):
    url = f"{REFERENCE}/{kind}"
    data = {"csrf_token": csrf_of(client, url)}
    if content is not None:
        raw = content.encode(encoding) if isinstance(content, str) else content
        data["csv_file"] = (io.BytesIO(raw), filename)
    return client.post(url, data=data, content_type="multipart/form-data",
                       headers=HTMX if htmx else {})


def notices(client, response) -> str:
    """The flashed messages on the page a 303 leads to."""
    assert response.status_code == 303, response.status_code
    return html(client.get(response.headers["Location"])).select_one("#messages").get_text(
        " ", strip=True)


def table_text(page) -> str:
    return page.select_one("#administration table").get_text(" ", strip=True)


# Reference data: one good file and one bad file of each kind --------------------------------------
GOOD = {
    "ans": ("number;software_name;software_version;dsr;profile;validated;holder_siret\n"
            "MSS-2024-0042;Messagerie Azur;1.0;MSS Opérateurs;Opérateur développeur;oui;"
            "732 829 320 00074\n"
            "MSS-2024-0043;Messagerie Azur Pro;1.1;MSS Opérateurs;Opérateur développeur;non;"
            "73282932000074\n", 2, "Messagerie Azur Pro", "Liste des référencements ANS"),
    "companies": ("siret,denomination,street,postcode,commune\n"
                  "41234567800019,AZUR SANTE,3 QUAI DU PORT,13002,MARSEILLE\n",
                  1, "AZUR SANTE", "Répertoire des établissements"),
    "news": ("published_on,for_operators,title,body\n"
             "01/12/2026,oui,Ouverture des demandes de solde,Déposez vos demandes de solde.\n"
             "2026-12-02,non,Nouvelle version du guide,Le guide est à jour.\n",
             2, "Ouverture des demandes de solde", "Actualités"),
    "faq": ("position,question,answer\n"
            "7,Quand serai-je payé ?,\"Après la décision, sous trente jours.\"\n",
            1, "Quand serai-je payé ?", "Foire aux questions"),
}
# The first line is good, the second is not: nothing at all is imported.
BAD = {
    "ans": ("number,software_name,software_version,dsr,profile,validated,holder_siret\n"
            "MSS-2024-0050,Bon Logiciel,1.0,MSS Opérateurs,Opérateur développeur,oui,"
            "73282932000074\n"
            "MSS-2024-0051,Mauvais Logiciel,1.0,MSS Opérateurs,Opérateur développeur,oui,"
            "7328293200007\n",
            "Ligne 3 : le SIRET « 7328293200007 » (colonne « holder_siret ») doit comporter "
            "14 chiffres."),
    "companies": ("siret,denomination,street,postcode,commune\n"
                  "41234567800019,AZUR SANTE,3 QUAI DU PORT,13002,MARSEILLE\n"
                  "41234567800027,AZUR NORD,,5900,LILLE\n",
                  "Ligne 3 : le code postal « 5900 » (colonne « postcode ») doit comporter "
                  "5 chiffres."),
    "news": ("published_on,for_operators,title,body\n"
             "2026-12-01,oui,Une bonne nouvelle,Texte.\n"
             "30/02/2026,oui,Une date impossible,Texte.\n",
             "Ligne 3 : la date « 30/02/2026 » (colonne « published_on ») doit être au format "
             "AAAA-MM-JJ ou JJ/MM/AAAA."),
    "faq": ("position,question\n7,Quand serai-je payé ?\n",
            "Colonne manquante : answer. Colonnes attendues : position, rubric, question, answer "
            "(rubric facultative)."),
}


@pytest.mark.parametrize("kind", list(GOOD))
def test_a_good_csv_is_imported_and_the_count_shown(app, demo, admin, kind):
    content, lines, shown, label = GOOD[kind]
    before = count(app, kind)
    response = upload(admin, kind, content)
    assert response.headers["Location"].endswith(f"{REFERENCE}/{kind}")
    page = html(admin.get(response.headers["Location"]))
    plural = "s" if lines > 1 else ""
    assert "accepté" in page.select_one("#messages").get_text(strip=True)
    assert f"{lines} ligne{plural} importée{plural} ({label})." in \
        page.select_one("#dernier-import").get_text(" ", strip=True)  # by the worker
    after = count(app, kind)
    assert after == before + lines
    assert page.select_one("#nombre-lignes").get_text(strip=True) == f"{after} lignes enregistrées."
    assert shown in table_text(page)


@pytest.mark.parametrize("kind", list(BAD))
def test_a_bad_csv_is_refused_whole_with_the_reason_beside_the_field(app, demo, admin, kind):
    content, reason = BAD[kind]
    before = count(app, kind)
    response = upload(admin, kind, content)
    assert response.status_code == 422
    page = html(response)
    assert error(page, "csv_file") == f"Fichier refusé, rien n'a été importé. {reason}"
    assert page.find(id="csv_file")["aria-invalid"] == "true"
    assert count(app, kind) == before
    assert "Une bonne nouvelle" not in table_text(page)


@pytest.mark.parametrize("content, filename, encoding, message", [
    (None, None, None, "Sélectionnez le fichier CSV à importer."),
    (GOOD["news"][0], "actualites.xlsx", "utf-8",
     "Le fichier doit être au format CSV (extension .csv)."),
    (GOOD["news"][0], "actualites.csv", "cp1252", "Fichier refusé, rien n'a été importé. Le "
     "fichier n'est pas encodé en UTF-8 : enregistrez-le au format « CSV UTF-8 » puis "
     "importez-le de nouveau."),
    ("published_on,for_operators,title,body\n", "actualites.csv", "utf-8",
     "Fichier refusé, rien n'a été importé. Le fichier ne contient aucune ligne de données."),
    ("published_on,for_operators,title,body\n2026-12-01,peut-être,Titre,Texte\n", "a.csv", "utf-8",
     "Fichier refusé, rien n'a été importé. Ligne 2 : la colonne « for_operators » vaut "
     "« peut-être » : attendu oui ou non."),
    ("published_on,for_operators,title,body\n2026-12-01,oui," + "T" * 201 + ",Texte\n", "a.csv",
     "utf-8", "Fichier refusé, rien n'a été importé. Ligne 2 : la colonne « title » dépasse "
     "200 caractères (201)."),
    ("published_on,for_operators,title,body\n2026-12-01,oui,Même titre,Texte\n"
     "2026-12-02,non,MÊME TITRE,Autre texte\n", "a.csv", "utf-8",
     "Fichier refusé, rien n'a été importé. Ligne 3 : « MÊME TITRE » figure déjà ligne 2 "
     "(colonne « title »)."),
])
def test_a_file_that_cannot_be_read_is_refused_in_french(app, admin, content, filename,
                                                         encoding, message):
    response = upload(admin, "news", content, filename, encoding=encoding)
    assert response.status_code == 422
    assert error(html(response), "csv_file") == message
    assert count(app, "news") == 0


def test_a_faq_position_too_large_is_refused(app, admin):
    response = upload(admin, "faq", "position,question,answer\n123456789012345678901,Q ?,R.\n")
    assert response.status_code == 422
    assert "attendu un nombre entier de 0 à 99999" in error(html(response), "csv_file")


def test_importing_again_updates_the_rows_of_the_same_key_whatever_its_case(app, demo, admin):
    before = count(app, "news")
    response = upload(admin, "news", "published_on;for_operators;title;body\n"
                                     "2026-11-10;oui;DÉPÔT DES DEMANDES D'AVANCE;Nouveau texte.\n")
    assert "accepté" in notices(admin, response)
    assert "1 ligne importée (Actualités)." in \
        html(admin.get(f"{REFERENCE}/news")).select_one("#dernier-import").get_text()
    assert count(app, "news") == before
    with database(app):
        [item] = NewsItem.select().where(NewsItem.body == "Nouveau texte.")
        assert item.title == "DÉPÔT DES DEMANDES D'AVANCE"


def test_the_import_through_htmx_swaps_the_form_or_goes_to_the_page(app, admin):
    refused = upload(admin, "faq", BAD["faq"][0], htmx=True)
    assert refused.status_code == 422
    assert b"<html" not in refused.data
    assert BAD["faq"][1] in error(html(refused), "csv_file")
    done = upload(admin, "faq", GOOD["faq"][0], htmx=True)
    assert done.status_code == 204
    assert f"{REFERENCE}/faq" in done.headers["HX-Location"]
    assert "#administration" in done.headers["HX-Location"]
    fragment = admin.get(f"{REFERENCE}/faq", headers=HTMX)
    assert b"<html" not in fragment.data
    assert "1 ligne importée (Foire aux questions)." in fragment.get_data(as_text=True)


def test_the_reference_page_lists_each_kind_with_its_count(app, demo, admin):
    page = html(admin.get(REFERENCE))
    rows = {row.th.get_text(strip=True): row.td.get_text(strip=True)
            for row in page.select("#administration tbody tr")}
    assert rows == {"Liste des référencements ANS": "6", "Répertoire des établissements": "5",
                    "Actualités": "3", "Foire aux questions": "9",
                    "Annuaire Santé : boîtes aux lettres MSS à la date de clôture": "6",
                    "Couloirs du Ségur Numérique": "2"}
    for link in page.select("#administration tbody a"):
        assert admin.get(link["href"]).status_code == 200
    assert admin.get(f"{REFERENCE}/inconnu").status_code == 404


# News --------------------------------------------------------------------------------------------
def news_form(client, url):
    page = html(client.get(url))
    return page, form_data(page, url)


def test_an_admin_adds_a_news_item_shown_to_operators(app, admin):
    page, data = news_form(admin, f"{NEWS}/nouvelle")
    assert data["published_on"]  # today, proposed
    data.update(title="Ouverture des demandes de solde", body="Déposez vos demandes de solde.",
                published_on="2026-11-01", for_operators="y")
    response = admin.post(f"{NEWS}/nouvelle", data=data)
    assert response.headers["Location"].endswith(NEWS)
    listing = html(admin.get(NEWS))
    assert listing.select_one("#messages").get_text(strip=True) == \
        "L'actualité « Ouverture des demandes de solde » a été ajoutée."
    row = listing.find("th", string="Ouverture des demandes de solde").parent
    assert [td.get_text(strip=True) for td in row.find_all("td")][:2] == ["01/11/2026", "Oui"]
    operator = signed_in(app.test_client(), make_account(app, OPERATOR))
    assert "Ouverture des demandes de solde" in operator.get("/espace/").get_data(as_text=True)


def test_a_wrong_news_form_says_why_beside_each_field_and_keeps_what_was_typed(app, admin):
    _, data = news_form(admin, f"{NEWS}/nouvelle")
    data.update(title="   ", body="Un texte déjà écrit.", published_on="31/02/2026",
                for_operators="y")
    response = admin.post(f"{NEWS}/nouvelle", data=data)
    assert response.status_code == 422
    page = html(response)
    assert error(page, "title") == "Saisissez le titre de l'actualité."
    assert error(page, "published_on") == "Saisissez une date valide, au format JJ/MM/AAAA."
    assert error(page, "body") == ""
    assert page.find(id="body").get_text(strip=True) == "Un texte déjà écrit."
    assert page.find(id="for_operators").has_attr("checked")
    summary = page.select_one("#administration [role=alert]").get_text(strip=True)
    assert summary == "Le formulaire contient 2 erreurs : corrigez les champs signalés."
    assert count(app, "news") == 0

    data.update(title="Titre", published_on="15/12/2026", body="")
    page = html(admin.post(f"{NEWS}/nouvelle", data=data))
    assert error(page, "body") == "Saisissez le texte de l'actualité."
    # a date typed JJ/MM/AAAA comes back as <input type="date"> can show it
    assert page.find(id="published_on")["value"] == "2026-12-15"


def test_two_news_items_may_not_share_a_title(app, demo, admin):
    _, data = news_form(admin, f"{NEWS}/nouvelle")
    data.update(title="dépôt des demandes d'avance", body="Doublon.")
    response = admin.post(f"{NEWS}/nouvelle", data=data, headers=HTMX)
    assert response.status_code == 422
    assert b"<html" not in response.data
    assert error(html(response), "title") == \
        "Une actualité porte déjà ce titre : choisissez-en un autre."
    assert count(app, "news") == 3


def test_an_admin_edits_then_deletes_a_news_item(app, demo, admin):
    with database(app):
        item = NewsItem.get(NewsItem.title == "Enrôlement anticipé")
    edit = f"{NEWS}/{item.id}"
    page, data = news_form(admin, edit)
    assert data["title"] == "Enrôlement anticipé" and data["published_on"] == "2026-10-15"
    assert "for_operators" not in data
    data.update(body="Texte revu.", for_operators="y")  # the same title: no conflict with itself
    response = admin.post(edit, data=data)
    assert notices(admin, response) == "L'actualité « Enrôlement anticipé » a été modifiée."
    with database(app):
        item = NewsItem.get_by_id(item.id)
        assert (item.body, item.for_operators) == ("Texte revu.", True)

    confirm = html(admin.get(f"{edit}/suppression"))
    assert "Voulez-vous vraiment supprimer l'actualité « Enrôlement anticipé » ?" in \
        confirm.get_text(" ", strip=True)
    data = form_data(confirm, f"{edit}/suppression")
    response = admin.post(f"{edit}/suppression", data=data)
    assert notices(admin, response) == "L'actualité « Enrôlement anticipé » a été supprimée."
    assert count(app, "news") == 2
    assert admin.get(edit).status_code == 404
    assert "Enrôlement anticipé" not in html(admin.get(NEWS)).get_text()


# FAQ ---------------------------------------------------------------------------------------------
def test_an_admin_adds_a_question_shown_in_the_public_faq_by_position(app, demo, admin):
    page, data = news_form(admin, f"{FAQ}/nouvelle")
    assert data["position"] == "10"  # after the last one
    data.update(question="Comment suivre ma demande ?", answer="Depuis votre espace.",
                position="0")
    response = admin.post(f"{FAQ}/nouvelle", data=data)
    assert notices(admin, response) == \
        "La question « Comment suivre ma demande ? » a été ajoutée."
    public = html(app.test_client().get("/faq"))
    questions = [b.get_text(strip=True) for b in public.select(".fr-accordion__btn")]
    assert questions[0] == "Comment suivre ma demande ?"


def test_a_wrong_question_is_refused_beside_its_fields(app, demo, admin):
    _, data = news_form(admin, f"{FAQ}/nouvelle")
    data.update(question="QUI PEUT S'ENRÔLER SUR LE PORTAIL ?", answer="", position="trois")
    response = admin.post(f"{FAQ}/nouvelle", data=data)
    assert response.status_code == 422
    page = html(response)
    assert error(page, "answer") == "Saisissez la réponse."
    assert error(page, "position") == "Saisissez un nombre entier de 0 à 99999, par exemple 3."
    assert page.find(id="position")["value"] == "trois"
    assert page.find(id="question")["value"] == "QUI PEUT S'ENRÔLER SUR LE PORTAIL ?"

    data.update(answer="Tout opérateur.", position="9")
    page = html(admin.post(f"{FAQ}/nouvelle", data=data))
    assert error(page, "question") == "Cette question figure déjà dans la foire aux questions."
    assert count(app, "faq") == 9


def test_an_admin_edits_then_deletes_a_question(app, demo, admin):
    with database(app):
        entry = FaqEntry.get(FaqEntry.position == 1)
    edit = f"{FAQ}/{entry.id}"
    _, data = news_form(admin, edit)
    data.update(question="Qui peut demander un financement ?")
    response = admin.post(edit, data=data, headers=HTMX)
    assert response.status_code == 204
    assert FAQ in response.headers["HX-Location"]
    listing = admin.get(FAQ, headers=HTMX).get_data(as_text=True)
    assert "La question « Qui peut demander un financement ? » a été modifiée." in listing

    confirm = html(admin.get(f"{edit}/suppression"))
    response = admin.post(f"{edit}/suppression", data=form_data(confirm, f"{edit}/suppression"))
    assert notices(admin, response) == \
        "La question « Qui peut demander un financement ? » a été supprimée."
    assert count(app, "faq") == 8


# Doors -------------------------------------------------------------------------------------------
ADMIN_PAGES = [f"{ADMIN_URL}/", REFERENCE, f"{REFERENCE}/news", NEWS, f"{NEWS}/nouvelle", FAQ,
               f"{FAQ}/nouvelle"]


@pytest.mark.parametrize("role", [MANAGER, OPERATOR])
def test_managers_and_operators_get_403_on_every_admin_screen(app, demo, role):
    client = signed_in(app.test_client(), make_account(app, role))
    for url in ADMIN_PAGES:
        assert client.get(url).status_code == 403, url
    token = csrf_of(client, "/assistance")
    response = client.post(f"{REFERENCE}/news", data={
        "csrf_token": token, "csv_file": (io.BytesIO(GOOD["news"][0].encode()), "a.csv")},
        content_type="multipart/form-data")
    assert response.status_code == 403
    response = client.post(f"{NEWS}/nouvelle", data={
        "csrf_token": token, "title": "Piratage", "body": "Texte", "published_on": "2026-12-01"})
    assert response.status_code == 403
    assert count(app, "news") == 3


def test_a_visitor_is_sent_to_sign_in(app):
    client = app.test_client()
    for url in ADMIN_PAGES:
        response = client.get(url)
        assert response.status_code == 303, url
        assert urlsplit(response.headers["Location"]).path == "/connexion"
    response = client.get(NEWS, headers=HTMX)
    assert urlsplit(response.headers["HX-Redirect"]).path == "/connexion"


def test_an_admin_who_must_change_the_password_does_that_first(app):
    client = signed_in(app.test_client(), make_account(app, ADMIN, must_change=True))
    response = client.get(NEWS)
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/changement-mot-de-passe")


def test_an_import_without_its_csrf_token_imports_nothing(app, admin):
    response = admin.post(f"{REFERENCE}/news", data={
        "csv_file": (io.BytesIO(GOOD["news"][0].encode()), "a.csv")},
        content_type="multipart/form-data")
    assert response.status_code == 400
    assert count(app, "news") == 0


def test_every_admin_page_is_a_page_or_a_fragment(app, demo, admin):
    with database(app):
        item, entry = NewsItem.select().first(), FaqEntry.select().first()
    for url in [*ADMIN_PAGES[1:], f"{NEWS}/{item.id}", f"{NEWS}/{item.id}/suppression",
                f"{FAQ}/{entry.id}", f"{FAQ}/{entry.id}/suppression"]:
        full = admin.get(url)
        assert full.status_code == 200 and b"<html" in full.data, url
        fragment = admin.get(url, headers=HTMX)
        assert b"<html" not in fragment.data and b"<h1" in fragment.data, url
        assert "HX-Request" in fragment.headers["Vary"]
