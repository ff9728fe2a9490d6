"""Wizard drafts: saved after each valid step, found again from the cookie or a resume link,
dropped with their files after 30 days untouched."""
import datetime
import io
import os
import re

import pytest
from werkzeug.datastructures import FileStorage

from portal.extensions import db
from portal.models import Document, EnrolmentDraft
from portal.models.base import utcnow
from portal.services.enrolment import drafts
from portal.services.core import storage
from tests.helpers.pages import html
from tests.helpers.enrolment import COOKIE, FIXTURES, START, Wizard, database, form_data, step_url, value


def upload_of(name: str, as_name: str | None = None) -> FileStorage:
    return FileStorage(stream=io.BytesIO((FIXTURES / name).read_bytes()), filename=as_name or name)


def age(draft_token: str, days: float) -> None:
    """Pretend the draft was last touched `days` ago."""
    EnrolmentDraft.update(updated_at=utcnow() - datetime.timedelta(days=days)).where(
        EnrolmentDraft.token == draft_token).execute()


@pytest.fixture
def ctx(demo):
    with demo.test_request_context(), db.database.connection_context():
        yield demo


def test_each_valid_step_is_saved_and_found_again_by_another_client_with_the_cookie(demo):
    first = demo.test_client()
    wizard = Wizard(first)
    assert wizard.step1().status_code == 303
    assert wizard.step2().status_code == 303
    token = wizard.token

    other = demo.test_client()  # another browser (no session) with the same draft cookie
    other.set_cookie(COOKIE, token)
    start = other.get(START)
    assert start.status_code == 303 and start.headers["Location"].endswith(step_url(3))
    page = html(other.get(step_url(1)))
    assert value(page, "ans_number") == "MSS-2023-0001"
    assert "Fichier déposé : certificat.pdf" in page.get_text()
    page = html(other.get(step_url(2)))
    assert value(page, "siret") == "73282932000074"
    assert value(page, "rep_email") == "claire.martin@medimail.fr"
    assert value(page, "rep_phone") == "01 23 45 67 89"
    assert other.get(step_url(3)).status_code == 200
    assert other.get(step_url(4)).status_code == 303  # not reached yet

    # without the cookie, a new browser starts a new draft at step 1
    stranger = demo.test_client()
    assert stranger.get(START).headers["Location"].endswith(step_url(1))
    assert stranger.get_cookie(COOKIE).value != token


def test_an_invalid_step_is_not_saved(client, demo):
    wizard = Wizard(client)
    wizard.step1()
    response = wizard.step2(rep_email="claire.martin@")
    assert response.status_code == 422
    with database(demo):
        saved = drafts.find(wizard.token)
        assert saved.step == 2
        assert "rep_email" not in saved.values


def test_resume_token_round_trip(ctx):
    draft = drafts.create()
    drafts.save_step(draft, {"ans_number": "MSS-2023-0001"}, 2)
    signed = drafts.resume_token(draft)
    found = drafts.from_resume_token(signed)
    assert found.id == draft.id
    assert found.values == {"ans_number": "MSS-2023-0001"} and found.step == 2
    assert drafts.from_resume_token(signed[:-2] + ("AA" if signed[-2:] != "AA" else "BB")) is None
    assert drafts.from_resume_token("n-importe-quoi") is None


def test_resume_link_received_by_mail_opens_the_draft_in_another_browser(client, demo, mailbox):
    wizard = Wizard(client)
    wizard.step1()
    page = wizard.page(2)
    data = form_data(page, action="/enrolement/lien-de-reprise")
    data["email"] = "claire.martin@medimail.fr"
    response = wizard.post("/enrolement/lien-de-reprise", data, htmx=True)
    assert response.status_code == 200
    assert "Un lien de reprise a été envoyé à claire.martin@medimail.fr." in html(response).get_text()

    [mail] = mailbox.to("claire.martin@medimail.fr")
    assert mail["Subject"] == "Reprendre votre demande d'enrôlement"
    link = re.search(r"http://localhost(/enrolement/reprendre/\S+)", mailbox.text(mail)).group(1)

    other = demo.test_client()
    opened = other.get(link)
    assert opened.status_code == 303 and opened.headers["Location"].endswith(step_url(2))
    assert other.get_cookie(COOKIE).value == wizard.token
    assert value(html(other.get(step_url(1))), "ans_number") == "MSS-2023-0001"


def test_resume_link_with_a_wrong_address_is_refused(client, demo, mailbox):
    wizard = Wizard(client)
    data = {**form_data(wizard.page(1), action="/enrolement/lien-de-reprise"), "email": "claire@"}
    response = wizard.post("/enrolement/lien-de-reprise", data, htmx=True)
    assert response.status_code == 422
    assert ("Saisissez une adresse électronique valide, par exemple nom@domaine.fr."
            in html(response).find(id="email-messages").get_text())
    assert mailbox.messages == []


def test_draft_untouched_for_30_days_is_refused(client, demo):
    wizard = Wizard(client)
    wizard.step1()
    with demo.test_request_context(), db.database.connection_context():
        signed = drafts.resume_token(drafts.find(wizard.token))
        age(wizard.token, 29)
        assert drafts.find(wizard.token) is not None  # 29 days: still there
        age(wizard.token, 30.01)
    # the browser's cookie no longer opens it: back to a new draft at step 1
    response = client.get(step_url(2))
    assert response.status_code == 303 and response.headers["Location"].endswith(step_url(1))
    # nor does the resume link
    expired = client.get(f"/enrolement/reprendre/{signed}")
    assert expired.status_code == 410
    assert "Ce lien de reprise n'est plus valable" in html(expired).get_text()
    with database(demo):
        assert EnrolmentDraft.get_or_none(EnrolmentDraft.token == wizard.token) is None


def test_purge_expired_deletes_old_drafts_and_their_files(ctx):
    old, fresh = drafts.create(), drafts.create()
    old_doc = drafts.replace_document(old, "rib", upload_of("rib.jpg"))
    fresh_doc = drafts.replace_document(fresh, "rib", upload_of("rib.jpg"))
    old_path, fresh_path = storage.path_of(old_doc), storage.path_of(fresh_doc)
    assert os.path.exists(old_path) and os.path.exists(fresh_path)
    age(old.token, 31)
    age(fresh.token, 29)

    assert drafts.purge_expired() == 1

    assert EnrolmentDraft.get_or_none(EnrolmentDraft.id == old.id) is None
    assert Document.get_or_none(Document.id == old_doc.id) is None
    assert not os.path.exists(old_path)
    assert EnrolmentDraft.get_or_none(EnrolmentDraft.id == fresh.id) is not None
    assert os.path.exists(fresh_path)
    assert drafts.purge_expired() == 0


def test_purge_drafts_task_runs_the_purge(ctx):
    from portal.tasks import purge_drafts
    draft = drafts.create()
    age(draft.token, 40)
    purge_drafts()
    assert EnrolmentDraft.get_or_none(EnrolmentDraft.id == draft.id) is None


def test_replace_document_keeps_only_the_last_file(ctx):
    draft = drafts.create()
    first = drafts.replace_document(draft, "rib", upload_of("rib.jpg", "ancien-rib.jpg"))
    first_path = storage.path_of(first)
    assert os.path.exists(first_path)

    second = drafts.replace_document(draft, "rib", upload_of("document.pdf", "nouveau-rib.pdf"))

    kept = list(draft.documents.where(Document.kind == "rib"))
    assert [d.original_name for d in kept] == ["nouveau-rib.pdf"]
    assert drafts.documents(draft)["rib"].id == second.id
    assert not os.path.exists(first_path)
    with open(storage.path_of(second), "rb") as stored:
        assert stored.read() == (FIXTURES / "document.pdf").read_bytes()
    assert second.content_type == "application/pdf"
    assert os.listdir(os.path.dirname(first_path)) == [second.stored_name]


def test_a_refused_replacement_keeps_the_previous_file(ctx):
    draft = drafts.create()
    first = drafts.replace_document(draft, "rib", upload_of("rib.jpg"))
    with pytest.raises(storage.RefusedFile):
        drafts.replace_document(draft, "rib", upload_of("faux.pdf"))
    assert drafts.documents(draft)["rib"].id == first.id
    assert os.path.exists(storage.path_of(first))
    assert os.listdir(os.path.dirname(storage.path_of(first))) == [first.stored_name]


def test_replacing_one_document_leaves_the_others(ctx):
    draft = drafts.create()
    rib = drafts.replace_document(draft, "rib", upload_of("rib.jpg"))
    drafts.replace_document(draft, "referencing_certificate", upload_of("document.pdf"))
    drafts.replace_document(draft, "referencing_certificate", upload_of("document.pdf", "v2.pdf"))
    documents = drafts.documents(draft)
    assert documents["rib"].id == rib.id
    assert documents["referencing_certificate"].original_name == "v2.pdf"
    assert draft.documents.count() == 2
