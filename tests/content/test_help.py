"""« Besoin d'aide ? »: the FAQ searched as one types (public and signed in alike), and the
support form filled in from the account."""
import pytest

from portal.models import FaqEntry, OutboxMessage, SupportMessage
from portal.models.accounts import OPERATOR
from tests.helpers.accounts import make_account, manager_client, signed_in
from tests.helpers.pages import html
from tests.helpers.enrolment import FIXTURES, HTMX, database, error, fixture_file
from tests.helpers.operator import own_filed
from tests.helpers.instruction import file_enrolment
from tests.helpers.support import GOOD, URL, form_data as support_form


@pytest.fixture
def questions(app):
    with database(app):
        FaqEntry.delete().execute()
        for position, (question, answer) in enumerate([
                ("Comment déposer ma demande d'avance ?", "Depuis « Ma demande de financement »."),
                ("J'ai perdu mon mot de passe", "Cliquez sur « J'ai oublié mon mot de passe »."),
                ("Quand serai-je payé ?", "Après la décision, le dépôt du RIB validé.")]):
            FaqEntry.create(question=question, answer=answer, position=position)


def questions_of(page):
    return [b.get_text(strip=True) for b in page.select("#faq-resultats .fr-accordion__btn")]


@pytest.mark.parametrize("url", ["/faq", "/espace/aide/questions-frequentes"])
def test_the_search_ignores_accents_and_case_and_needs_every_word(app, questions, url):
    client = signed_in(app.test_client(), make_account(app, OPERATOR))
    assert len(questions_of(html(client.get(url)))) == 3
    page = html(client.get(url + "?q=DEPOT"))  # « dépôt », in an answer
    assert questions_of(page) == ["Quand serai-je payé ?"]
    assert page.find(id="faq-compte").get_text(strip=True) == "1 question correspond à « DEPOT »."
    assert page.find(id="q")["value"] == "DEPOT"
    page = html(client.get(url + "?q=Déposer"))
    assert questions_of(page) == ["Comment déposer ma demande d'avance ?"]
    assert questions_of(html(client.get(url + "?q=mot+passe"))) == ["J'ai perdu mon mot de passe"]
    empty = html(client.get(url + "?q=facture"))
    assert questions_of(empty) == []
    assert "Aucune question ne correspond à votre recherche." in empty.find(id="faq-compte").get_text()


def test_a_keystroke_gets_the_results_alone(app, questions):
    response = app.test_client().get("/faq?q=pay", headers=HTMX)
    body = response.get_data(as_text=True)
    assert "<html" not in body and "<form" not in body
    part = html(response)
    assert [b.get_text(strip=True) for b in part.select(".fr-accordion__btn")] == [
        "Quand serai-je payé ?"]
    assert part.find(id="faq-compte")["hx-swap-oob"] == "true"
    form = html(app.test_client().get("/faq")).find("form", attrs={"role": "search"})
    assert form["method"] == "get" and "delay:400ms" in form["hx-trigger"]


def test_the_signed_in_contact_form_is_filled_from_the_account(app, demo):
    file_enrolment(app)
    operator = make_account(app, OPERATOR, email="claire.martin@medimail.fr",
                            last_name="Martin", first_name="Claire")
    filed = own_filed(app, operator)
    page = html(signed_in(app.test_client(), operator).get("/espace/aide/contacter-l-assistance"))
    assert page.find(id="last_name")["value"] == "Martin"
    assert page.find(id="email")["value"] == "claire.martin@medimail.fr"
    assert page.find(id="siret")["value"] == "73282932000074"
    assert page.find(id="enrolment_number")["value"] == filed.number
    assert page.find("form", attrs={"action": "/assistance"})


def test_help_pages_are_for_operators(app):
    for url in ("/espace/aide/questions-frequentes", "/espace/aide/contacter-l-assistance"):
        assert app.test_client().get(url).status_code == 303
    menu = html(signed_in(app.test_client(), make_account(app, OPERATOR)).get("/espace/"))
    links = {a.get_text(strip=True): a["href"] for a in menu.select("#navigation-principale a")}
    assert links["Consulter les questions fréquentes"] == "/espace/aide/questions-frequentes"
    assert links["Contacter l'assistance"] == "/espace/aide/contacter-l-assistance"


def test_a_signed_in_operator_may_attach_a_file_kept_while_the_form_is_corrected(app, demo):
    operator = make_account(app, OPERATOR, email="claire.martin@medimail.fr")
    client = signed_in(app.test_client(), operator)
    page = html(client.get("/espace/aide/contacter-l-assistance"))
    assert page.find("label", attrs={"for": "doc_support_attachment"})
    data = {**support_form(page), **GOOD, "message": "",
            "doc_support_attachment": fixture_file("rib.jpg", "capture.jpg")}
    first = client.post(URL, data=data, content_type="multipart/form-data")
    assert first.status_code == 422
    again = html(first)
    assert "capture.jpg" in again.find(id="doc_support_attachment-messages").get_text()
    sent = client.post(URL, data={**support_form(again), **GOOD},
                       content_type="multipart/form-data")
    assert sent.status_code == 303
    with database(app):
        message = SupportMessage.select().order_by(SupportMessage.id.desc()).first()
        assert message.attachment.original_name == "capture.jpg"
        to_support = OutboxMessage.get(OutboxMessage.related == f"support:{message.id}",
                                       OutboxMessage.reply_to != "")
        assert "Pièce jointe : capture.jpg" in to_support.body_text
    staff = manager_client(app)
    shown = html(staff.get(f"/gestion/assistance/{message.reference}"))
    link = shown.find("a", href=f"/gestion/assistance/{message.reference}/piece-jointe")
    assert "capture.jpg" in link.get_text()
    assert staff.get(link["href"]).data == (FIXTURES / "rib.jpg").read_bytes()
    assert client.get(link["href"]).status_code == 403


def test_a_wrong_attachment_is_refused_beside_the_field(app, demo):
    client = signed_in(app.test_client(), make_account(app, OPERATOR))
    page = html(client.get("/espace/aide/contacter-l-assistance"))
    data = {**support_form(page), **GOOD, "doc_support_attachment": fixture_file("notes.txt")}
    response = client.post(URL, data=data, content_type="multipart/form-data")
    assert response.status_code == 422
    assert error(html(response), "doc_support_attachment").startswith("Le format de ce fichier")
    with database(app):
        assert SupportMessage.select().count() == 0  # not sent without the file the sender chose


def test_anonymous_senders_attach_nothing(app, client):
    page = html(client.get(URL))
    assert page.find(id="doc_support_attachment") is None
    data = {**support_form(page), **GOOD, "doc_support_attachment": fixture_file("rib.jpg")}
    assert client.post(URL, data=data, content_type="multipart/form-data").status_code == 303
    with database(app):
        assert SupportMessage.get().attachment is None
