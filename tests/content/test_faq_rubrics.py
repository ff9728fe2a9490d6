"""The FAQ under its rubrics, as the guides show it: on the FAQ page, in its search, on the
landing page; the rubric comes with the CSV (or not) and the admin form edits it."""
import importlib
import io

import pytest
from peewee import SqliteDatabase

from portal import migrations
from portal.models import FaqEntry
from portal.services.reference import csv_import as reference_import
from portal.models.accounts import ADMIN
from tests.content.test_admin import FAQ, notices, upload
from tests.helpers.accounts import make_account, signed_in
from tests.helpers.enrolment import HTMX, database, form_data
from tests.helpers.pages import html

ENTRIES = [  # position, rubric, question
    (1, "Enrôlement", "Qui peut s'enrôler ?"),
    (2, "Compte et connexion", "J'ai perdu mon mot de passe"),
    (3, "Enrôlement", "Quels documents préparer ?"),
    (4, "Demandes de financement", "Quand serai-je payé ?")]


@pytest.fixture
def admin(app):
    return signed_in(app.test_client(), make_account(app, ADMIN))


@pytest.fixture
def questions(app):
    with database(app):
        FaqEntry.delete().execute()
        for position, rubric, question in ENTRIES:
            FaqEntry.create(position=position, rubric=rubric, question=question,
                            answer=f"Réponse à « {question} »")


GROUPED = {"Enrôlement": ["Qui peut s'enrôler ?", "Quels documents préparer ?"],
           "Compte et connexion": ["J'ai perdu mon mot de passe"],
           "Demandes de financement": ["Quand serai-je payé ?"]}


@pytest.mark.parametrize("url", ["/faq", "/espace/aide/questions-frequentes"])
def test_the_faq_shows_each_rubric_as_a_heading_over_its_questions(app, questions, url):
    client = signed_in(app.test_client(), make_account(app))
    page = html(client.get(url))
    results = page.find(id="faq-resultats")
    headings = results.select("h2")
    assert [h.get_text(strip=True) for h in headings] == list(GROUPED)  # first question's order
    for heading in headings:
        section = heading.find_parent("section")
        assert section["aria-labelledby"] == heading["id"]
        assert [b.get_text(strip=True) for b in section.select("h3 .fr-accordion__btn")] == \
            GROUPED[heading.get_text(strip=True)]
        assert section.select_one(".fr-accordions-group")


def test_the_search_keeps_the_rubric_of_what_it_finds_and_searches_rubrics(client, questions):
    part = html(client.get("/faq?q=passe", headers=HTMX))
    assert [h.get_text(strip=True) for h in part.select("h2")] == ["Compte et connexion"]
    assert [b.get_text(strip=True) for b in part.select(".fr-accordion__btn")] == [
        "J'ai perdu mon mot de passe"]
    page = html(client.get("/faq?q=enrolement"))  # a rubric's word, without its accent
    assert [h.get_text(strip=True) for h in page.select("#faq-resultats h2")] == ["Enrôlement"]
    assert page.find(id="faq-compte").get_text(strip=True) == \
        "2 questions correspondent à « enrolement »."


def test_the_landing_page_shows_the_rubrics_under_its_heading(client, questions):
    section = html(client.get("/")).find(id="questions").find_parent("section")
    headings = section.select("h3")
    assert [h.get_text(strip=True) for h in headings if "fr-accordion__title" not in
            h.get("class", [])] == list(GROUPED)
    assert [b.get_text(strip=True) for b in section.select("h4 .fr-accordion__btn")] == [
        "Qui peut s'enrôler ?", "Quels documents préparer ?", "J'ai perdu mon mot de passe",
        "Quand serai-je payé ?"]


def test_a_csv_with_a_rubric_column_files_each_question_under_it(app, admin):
    content = ("position;rubric;question;answer\n"
               "1;Demandes de financement;Quand serai-je payé ?;Après la décision.\n"
               "2;;Qui contacter ?;L'assistance.\n")
    with app.app_context():
        assert reference_import.import_csv("faq", io.BytesIO(content.encode())) == 2
        assert {e.question: e.rubric for e in FaqEntry.select()} == {
            "Quand serai-je payé ?": "Demandes de financement",
            "Qui contacter ?": "Questions générales"}


def test_a_csv_without_the_rubric_column_still_loads_and_keeps_the_rubrics(app, admin):
    with database(app):
        FaqEntry.create(position=1, rubric="Compte et connexion", question="Mot de passe perdu ?",
                        answer="Ancienne réponse.")
    response = upload(admin, "faq", "position,question,answer\n"
                                    "1,Mot de passe perdu ?,Nouvelle réponse.\n"
                                    "2,Qui contacter ?,L'assistance.\n")
    assert response.status_code == 303
    with database(app):
        rows = {e.question: (e.rubric, e.answer) for e in FaqEntry.select()}
    assert rows == {"Mot de passe perdu ?": ("Compte et connexion", "Nouvelle réponse."),
                    "Qui contacter ?": ("Questions générales", "L'assistance.")}
    page = html(admin.get(f"{FAQ}"))
    assert "Questions générales" in page.select_one("table").get_text()


def test_the_demo_faq_comes_with_its_rubrics(client, demo):
    page = html(client.get("/faq"))
    assert [h.get_text(strip=True) for h in page.select("#faq-resultats h2")] == [
        "Enrôlement", "Compte et connexion", "Demandes de financement"]


def test_an_admin_moves_a_question_to_another_rubric(app, questions, admin):
    with database(app):
        entry = FaqEntry.get(FaqEntry.question == "Quand serai-je payé ?")
    url = f"{FAQ}/{entry.id}"
    page = html(admin.get(url))
    assert page.find(id="rubric")["value"] == "Demandes de financement"
    assert page.find(id="rubric")["list"] == "rubriques"
    assert [o["value"] for o in page.select("datalist#rubriques option")] == list(GROUPED)
    data = form_data(page, url)
    data["rubric"] = "Compte et connexion"
    assert notices(admin, admin.post(url, data=data)) == \
        "La question « Quand serai-je payé ? » a été modifiée."
    public = html(app.test_client().get("/faq"))
    section = public.find("h2", string="Compte et connexion").find_parent("section")
    assert [b.get_text(strip=True) for b in section.select(".fr-accordion__btn")] == [
        "J'ai perdu mon mot de passe", "Quand serai-je payé ?"]
    assert public.find("h2", string="Demandes de financement") is None

    data["rubric"] = " "
    response = admin.post(url, data=data)
    assert response.status_code == 422
    assert html(response).find(id="rubric-messages").get_text(strip=True) == \
        "Saisissez la rubrique de la question."


def test_a_new_question_is_proposed_in_the_rubric_of_the_last_one(questions, admin):
    page = html(admin.get(f"{FAQ}/nouvelle"))
    assert page.find(id="rubric")["value"] == "Demandes de financement"
    assert page.find(id="position")["value"] == "5"


def test_migration_0023_files_the_existing_questions_under_general_questions(tmp_path):
    database = SqliteDatabase(str(tmp_path / "old.sqlite3"))
    for name in [n for n in migrations.available() if n < "0023"]:
        importlib.import_module(f"portal.migrations.{name}").apply(database)
    database.execute_sql("INSERT INTO faq_entry (question, answer, position, created_at) "
                         "VALUES ('Qui ?', 'Vous.', 1, '2024-01-01')")
    importlib.import_module("portal.migrations.0023_faq_rubrics").apply(database)
    with database.bind_ctx([FaqEntry]):
        assert [(e.question, e.rubric) for e in FaqEntry.select()] == [
            ("Qui ?", "Questions générales")]
