"""The outbox in the back-office: listed, filtered, read with single-use links masked, a failed
mail sent again — for staff only."""
from urllib.parse import urlsplit

import pytest

from portal.models import OutboxMessage
from portal.models.accounts import OPERATOR
from portal.models.mail import FAILED, PENDING, SENT
from portal.services.enrolment import workflow as wf
from tests.helpers.accounts import make_account, manager_client, signed_in
from tests.helpers.pages import html
from tests.helpers.enrolment import HTMX, database
from tests.helpers.instruction import file_enrolment, move

OUTBOX = "/gestion/courriels/"


@pytest.fixture
def manager(app):
    return manager_client(app)


def subjects(page):
    return [row.find_all("td")[2].get_text(strip=True) for row in page.select("#table-courriels tbody tr")]


def make_mails(app, count, **fields):
    with database(app):
        return [OutboxMessage.create(recipient=fields.get("recipient", f"dest{i}@example.fr"),
                                     subject=fields.get("subject", f"Message {i:03d}"),
                                     body_text="Bonjour.", status=fields.get("status", SENT)).id
                for i in range(count)]


def test_the_outbox_lists_newest_first_and_pages_50_by_50(app, manager):
    make_mails(app, 60)
    page = html(manager.get(OUTBOX))
    assert subjects(page)[:2] == ["Message 059", "Message 058"] and len(subjects(page)) == 50
    assert "60 courriels — 1 à 50 affichés, page 1 sur 2" in page.get_text()
    assert "les courriels sont écrits ici mais ne partent pas" not in page.get_text()  # tests have SMTP
    second = html(manager.get(page.select_one(".fr-pagination a[title='Page 2']")["href"]))
    assert subjects(second)[-1] == "Message 000"


def test_filters_by_status_and_by_text_with_the_filters_in_the_links(app, manager):
    make_mails(app, 2, status=FAILED, subject="Échec")
    make_mails(app, 55, recipient="claire@medimail.fr")
    page = html(manager.get(OUTBOX + "?statut=failed"))
    assert subjects(page) == ["Échec", "Échec"]
    page = html(manager.get(OUTBOX + "?q=medimail"))
    assert len(subjects(page)) == 50
    query = urlsplit(page.select_one(".fr-pagination a[title='Page 2']")["href"]).query
    assert "q=medimail" in query and "page=2" in query
    empty = html(manager.get(OUTBOX + "?q=personne"))
    assert "Aucun courriel ne correspond à ces critères." in empty.get_text()


def test_a_filter_keystroke_gets_the_results_fragment_only(app, manager):
    make_mails(app, 3)
    response = manager.get(OUTBOX + "?q=Message 001", headers=HTMX)
    body = response.get_data(as_text=True)
    assert "<html" not in body and "<form" not in body
    assert subjects(html(response)) == ["Message 001"]


def test_single_use_links_are_masked_for_staff(app, demo, manager, mailbox):
    number = file_enrolment(app)
    move(app, number, wf.VALIDATE, make_account(app, "manager"), "")
    with database(app):
        message = OutboxMessage.get(OutboxMessage.subject.contains("mot de passe"))
    assert "/mot-de-passe/creation/" in message.body_text
    page = html(manager.get(f"{OUTBOX}{message.id}"))
    body = page.select_one(".portal-mail-body").get_text()
    assert "/mot-de-passe/creation/" not in body and "lien personnel à usage unique, masqué" in body
    assert page.find("a", string=f"Demande d'enrôlement n° {number}")
    consultation = manager.get(f"/gestion/enrolements/{number}").get_data(as_text=True)
    assert "/mot-de-passe/creation/" not in consultation


def test_a_failed_mail_is_sent_again(app, manager, mailbox):
    (failed,) = make_mails(app, 1, status=FAILED, recipient="claire@medimail.fr")
    page = html(manager.get(f"{OUTBOX}{failed}"))
    form = page.find("form", action=f"{OUTBOX}{failed}/renvoyer")
    response = manager.post(form["action"], data={"csrf_token": form.find("input")["value"]})
    assert response.status_code == 303
    after = html(manager.get(response.headers["Location"]))
    assert "Le courriel est de nouveau en attente d'envoi." in after.get_text()
    assert [m["Subject"] for m in mailbox.to("claire@medimail.fr")] == ["Message 000"]
    with database(app):
        assert OutboxMessage.get_by_id(failed).status == SENT
    assert after.find("form", action=f"{OUTBOX}{failed}/renvoyer") is None


def test_a_mail_that_did_not_fail_is_not_sent_again(app, manager, mailbox):
    (pending,) = make_mails(app, 1, status=PENDING)
    page = html(manager.get(OUTBOX))
    token = page.find("input", attrs={"name": "csrf_token"})
    token = token["value"] if token else page.body["hx-headers"].split('"')[3]
    response = manager.post(f"{OUTBOX}{pending}/renvoyer", data={"csrf_token": token})
    assert "n'est pas en échec" in html(manager.get(response.headers["Location"])).get_text()
    assert mailbox.messages == []


def test_the_outbox_is_for_staff_only(app):
    (message,) = make_mails(app, 1)
    operator = signed_in(app.test_client(), make_account(app, OPERATOR))
    for url in (OUTBOX, f"{OUTBOX}{message}"):
        assert operator.get(url).status_code == 403
        assert urlsplit(app.test_client().get(url).headers["Location"]).path == "/connexion"
    assert manager_client(app).get(f"{OUTBOX}999").status_code == 404
