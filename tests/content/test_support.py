"""« Contacter l'assistance »: the page and its fragment, French errors beside the fields, the
captcha, the stored message and its two mails."""
import importlib
import re

import pytest
from peewee import IntegrityError

from portal.extensions import db, open_database
from portal.models import OutboxMessage, SupportMessage
from portal.services.core import captcha
from tests.helpers.constants import CAPTCHA
from tests.helpers.support import GOOD, URL, form_data
from tests.helpers.pages import html

SENT_URL = "/assistance/message-envoye"
HTMX = {"HX-Request": "true"}
SUPPORT = "assistance@segur-mss.localhost"


@pytest.fixture
def read(app):
    """Run a query (or a captcha check) against the app, outside of any request."""
    def run(function):
        with app.app_context(), db.database.connection_context():
            return function()
    return run


def post(client, changes, headers=HTMX, page=None):
    data = {**form_data(page or html(client.get(URL))), **changes}
    return client.post(URL, data=data, headers=headers)


def error_of(page, field_id):
    message = page.select_one(f"#{field_id}-messages .fr-message--error")
    return message.get_text(strip=True) if message else None


def stored():
    return list(SupportMessage.select().order_by(SupportMessage.id))


def outbox():
    return list(OutboxMessage.select().order_by(OutboxMessage.id))


def test_page_and_fragment_shapes(client):
    full = client.get(URL)
    assert full.status_code == 200
    assert "HX-Request" in full.headers["Vary"]
    page = html(full)
    assert page.find("html") and page.find("h1").get_text(strip=True) == "Contacter l'assistance"
    labels = [label.get_text(" ", strip=True) for label in page.select("form label.fr-label")]
    for expected in ("Nom", "Prénom", "Adresse électronique", "Numéro SIRET (facultatif)",
                     "Numéro de demande d'enrôlement (facultatif)", "Catégorie", "Message",
                     "Code de sécurité"):
        assert any(label.startswith(expected) for label in labels), expected
    options = [o.get_text() for o in page.select("select#category option") if o["value"]]
    assert options == ["Demande d'enrôlement", "Pièces justificatives", "Identifiant et mot de passe",
                       "Demande de financement", "Autre"]
    assert page.select_one("form")["hx-post"] == URL
    assert page.select_one("form button[type=submit]").get_text(strip=True) == "Envoyer"
    assert page.select_one("img[src^='/captcha/']")
    assert page.select_one("#assistance-statut[aria-live=polite]")

    fragment = client.get(URL, headers=HTMX)
    assert b"<html" not in fragment.data
    assert html(fragment).find("form", action=URL)
    assert b"<html" in client.get(URL, headers={**HTMX, "HX-Boosted": "true"}).data


def test_landing_page_and_footer_link_to_the_form(client):
    page = html(client.get("/"))
    links = page.find_all("a", string=re.compile("Contacter l'assistance"))
    assert [a["href"] for a in links] == [URL, URL]
    assert links[0].find_parent("section", attrs={"aria-labelledby": "questions"})
    assert links[1].find_parent("footer")


def test_errors_are_shown_beside_the_fields_and_what_was_typed_is_kept(client, read):
    page = html(client.get(URL))
    token = form_data(page)["captcha_token"]
    response = post(client, {"last_name": "Martin", "first_name": "", "email": "claire.martin@",
                             "siret": "732 829 320 00075", "enrolment_number": "12",
                             "category": "", "message": "Bonjour\n" + "x" * 5000,
                             "captcha_answer": CAPTCHA}, page=page)
    assert response.status_code == 422
    assert b"<html" not in response.data
    result = html(response)
    assert error_of(result, "first_name") == "Saisissez votre prénom."
    assert error_of(result, "email").startswith("Saisissez une adresse électronique valide")
    assert error_of(result, "siret").startswith("Ce numéro SIRET n'est pas valide")
    assert error_of(result, "enrolment_number").startswith(
        "Le numéro de demande d'enrôlement a la forme ENR-2026-000123")
    assert error_of(result, "category") == "Sélectionnez la catégorie de votre demande."
    assert error_of(result, "message") == ("Votre message compte 5\u202f008 caractères : "
                                           "raccourcissez-le à 5\u202f000 caractères au plus.")
    assert error_of(result, "last_name") is None
    assert "fr-input-group--error" in result.select_one("#email-group")["class"]
    assert result.select_one("#email")["aria-invalid"] == "true"
    assert "6 erreurs" in result.select_one("[role=alert]").get_text()
    kept = form_data(result)
    assert kept["last_name"] == "Martin"
    assert kept["email"] == "claire.martin@"
    assert kept["siret"] == "732 829 320 00075"
    assert kept["message"] == "Bonjour\n" + "x" * 5000
    assert kept["captcha_answer"] == "" and kept["captcha_token"] != token
    assert read(lambda: captcha.answer_of(kept["captcha_token"]))  # a fresh, valid code
    assert read(stored) == [] and read(outbox) == []


def test_without_javascript_errors_come_in_the_whole_page(client):
    response = post(client, {"email": ""}, headers={})
    assert response.status_code == 422
    page = html(response)
    assert page.find("html")
    assert error_of(page, "email") == "Saisissez votre adresse électronique."


def test_a_wrong_code_is_refused_and_a_code_cannot_be_replayed(client, mailbox, read):
    response = post(client, {**GOOD, "captcha_answer": "000000"})
    assert response.status_code == 422
    assert error_of(html(response), "captcha_answer") == (
        "Le code de sécurité saisi est incorrect : recopiez le nouveau code affiché.")
    assert error_of(html(post(client, {**GOOD, "captcha_answer": ""})), "captcha_answer") == (
        "Saisissez le code de sécurité affiché.")
    assert read(stored) == []

    page = html(client.get(URL))
    assert post(client, GOOD, page=page).status_code == 204
    replay = post(client, GOOD, page=page)
    assert replay.status_code == 422
    assert error_of(html(replay), "captcha_answer").startswith("Le code de sécurité saisi est incorrect")
    assert len(read(stored)) == 1
    assert len(mailbox.messages) == 2


def test_message_is_stored_and_mailed_to_the_support_desk_and_the_sender(client, mailbox, read):
    response = post(client, GOOD)
    assert response.status_code == 204
    assert '"path": "/assistance/message-envoye"' in response.headers["HX-Location"]
    [message] = read(stored)
    assert re.fullmatch(r"AST-\d{4}-000001", message.reference)
    assert (message.last_name, message.first_name, message.email) == (
        "Martin", "Claire", "claire.martin@medimail.fr")
    assert (message.siret, message.enrolment_number, message.category) == (
        "73282932000074", "ENR-2026-000012", "documents")
    assert message.message == "Bonjour,\n\nLe RIB déposé à l'étape 3 est refusé : que faire ?\nMerci."

    [to_desk] = mailbox.to(SUPPORT)
    assert to_desk["Reply-To"] == "claire.martin@medimail.fr"
    assert to_desk["Subject"] == f"[{message.reference}] Pièces justificatives — Claire Martin"
    text = mailbox.text(to_desk)
    assert "Le RIB déposé à l'étape 3 est refusé : que faire ?" in text
    assert "Adresse électronique : claire.martin@medimail.fr" in text
    assert "Numéro SIRET : 73282932000074" in text
    assert "Numéro de demande d'enrôlement : ENR-2026-000012" in text

    [receipt] = mailbox.to("claire.martin@medimail.fr")
    assert message.reference in receipt["Subject"]
    receipt_text = mailbox.text(receipt)
    assert f"Sa référence est {message.reference}" in receipt_text
    assert "« Pièces justificatives »" in receipt_text
    assert "RIB déposé" not in receipt_text  # the typed text is not relayed to any address typed
    assert len(mailbox.messages) == 2
    assert [m.related for m in read(outbox)] == [f"support:{message.id}"] * 2

    confirmation = client.get(SENT_URL, headers=HTMX)
    assert b"<html" not in confirmation.data
    page = html(confirmation)
    assert page.find("form") is None
    oob = page.select_one("[hx-swap-oob='innerHTML:#assistance-statut']")
    assert "Votre message a bien été envoyé" in oob.get_text()
    assert message.reference in oob.get_text()


def test_without_javascript_success_redirects_to_the_confirmation_page(client, mailbox):
    response = post(client, {**GOOD, "siret": "", "enrolment_number": ""}, headers={})
    assert response.status_code == 303
    assert response.headers["Location"] == SENT_URL
    page = html(client.get(SENT_URL))
    assert page.find("html") and page.find("form", action=URL) is None
    alert = page.select_one("#assistance-statut .fr-alert--success")
    assert "Votre message a bien été envoyé" in alert.get_text()
    assert "AST-" in alert.get_text()
    assert not page.select("[hx-swap-oob]")
    assert "Numéro SIRET : non renseigné" in mailbox.text(mailbox.to(SUPPORT)[0])


def test_confirmation_without_a_sent_message_goes_back_to_the_form(client):
    response = client.get(SENT_URL)
    assert response.status_code == 303
    assert response.headers["Location"] == URL


def test_missing_csrf_token_is_refused(client, mailbox, read):
    data = {**form_data(html(client.get(URL))), **GOOD}
    del data["csrf_token"]
    assert client.post(URL, data=data).status_code == 400
    assert client.post(URL, data=data, headers=HTMX).status_code == 400
    assert read(stored) == [] and mailbox.messages == []


def test_typed_text_cannot_forge_mail_headers_or_html(client, mailbox, read):
    post(client, {**GOOD, "last_name": "Martin\r\nBcc: victime@example.org",
                  "message": "<b>gras</b> <script>alert(1)</script>"})
    [message] = read(stored)
    assert message.last_name == "Martin Bcc: victime@example.org"
    [desk, _] = read(outbox)
    assert "\n" not in desk.subject
    assert "<script>" not in desk.body_html and "&lt;script&gt;" in desk.body_html
    assert all("victime@example.org" not in (m["To"] + (m["Cc"] or "") + (m["Bcc"] or ""))
               for m in mailbox.messages)


def test_an_unknown_category_is_refused(client):
    response = post(client, {**GOOD, "category": "urgent"})
    assert response.status_code == 422
    assert error_of(html(response), "category") == "Sélectionnez la catégorie de votre demande."


def test_migration_gives_a_reference_to_messages_written_before_it(tmp_path):
    """0003 renames subject to category and backfills references before making them unique."""
    database = open_database(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    for name in ("0001_reference", "0002_enrolment"):
        importlib.import_module(f"portal.migrations.{name}").apply(database)
    for subject in ("Question", "Autre question"):
        database.execute_sql("INSERT INTO support_message (created_at, last_name, first_name, "
                             "email, subject, message) VALUES ('2025-03-04 10:00:00', 'Martin', "
                             "'Claire', 'c@m.fr', ?, 'Bonjour')", (subject,))
    importlib.import_module("portal.migrations.0003_support_details").apply(database)
    rows = database.execute_sql("SELECT reference, category FROM support_message ORDER BY id").fetchall()
    assert rows == [("AST-2025-000001", "Question"), ("AST-2025-000002", "Autre question")]
    with pytest.raises(IntegrityError):
        database.execute_sql("UPDATE support_message SET reference = 'AST-2025-000001'")
    database.close_all()
