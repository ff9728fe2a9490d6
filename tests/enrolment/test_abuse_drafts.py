"""The wizard's drafts cannot fill the disk: drafts started and bytes uploaded per IP address, the
bytes of one draft, each refused with a French message; the worker purges the files of abandoned
drafts."""
import datetime
import os
import threading


from portal.models import Document, EnrolmentDraft
from portal.models.base import utcnow
from tests.helpers.enrolment import (COOKIE, START, Wizard, database, fixture_file, form_data,
                                     step_url)
from tests.helpers.limits import enable_limits, from_address
from tests.helpers.pages import html

MB = 1024 * 1024
TOO_MANY = "Trop de demandes d'enrôlement ont été commencées depuis votre adresse en peu de temps."


def start(client):
    """A bare GET of the wizard's door, as the flooding script sent it (no cookie kept)."""
    client.delete_cookie(COOKIE)
    return client.get(START)


def new_draft(client) -> Wizard:
    client.delete_cookie(COOKIE)
    return Wizard(client)


def upload(wizard: Wizard, kind: str, content):
    data = {"csrf_token": form_data(wizard.page(1))["csrf_token"], "doc_" + kind: content}
    return wizard.post(f"{START}/document/{kind}", data, htmx=True)


def upload_error(response, kind: str) -> str:
    group = html(response).find(id=f"doc_{kind}-messages")
    found = group.select_one(".fr-message--error") if group else None
    return found.get_text(strip=True) if found else ""


def stored_bytes(app) -> int:
    folder = app.config["UPLOAD_DIR"]
    return sum(os.path.getsize(os.path.join(folder, n)) for n in os.listdir(folder))


def test_visiting_the_wizard_stores_nothing(demo):
    client = demo.test_client()
    for _ in range(25):  # the flooding script: a bare GET, its cookie dropped
        assert start(client).status_code == 303
    assert client.get(step_url(1)).status_code == 200
    with database(demo):
        assert EnrolmentDraft.select().count() == 0


def test_one_address_starts_20_drafts_an_hour_and_is_then_told_why(demo):
    client = enable_limits(demo).test_client()
    answers = [upload(new_draft(client), "referencing_certificate", fixture_file("document.pdf"))
               for _ in range(25)]  # each a draft's first action: it stores the draft
    assert [a.status_code for a in answers] == [200] * 20 + [429] * 5
    assert TOO_MANY in html(answers[-1]).get_text(" ", strip=True)  # htmx: the alert
    page = html(new_draft(client).search_referencing("MSS-2023-0001"))
    assert page.h1.get_text(strip=True) == "Trop de demandes commencées"
    assert TOO_MANY in page.get_text(" ", strip=True)
    with database(demo):
        assert EnrolmentDraft.select().count() == 20
    # another address is not held up; a draft already stored goes on from the address stopped
    other = Wizard(from_address(demo.test_client(), "10.0.0.2"))
    assert other.step1().status_code == 303
    from_address(other.client, "127.0.0.1")
    assert other.step2().status_code == 303


def test_one_address_uploads_its_quota_of_bytes_an_hour_then_is_refused(demo, pdf_of_size):
    app = enable_limits(demo, UPLOAD_MB_PER_IP_PER_HOUR=12, DRAFTS_PER_IP_LIMIT="100 per hour")
    client = app.test_client()
    answers = [upload(new_draft(client), "referencing_certificate", pdf_of_size(4 * MB))
               for _ in range(3)]  # a new draft each time, as the script did
    wizard = new_draft(client)
    refused = upload(wizard, "operator_contract", pdf_of_size(4 * MB))
    assert [a.status_code for a in answers] == [200, 200, 200]
    assert refused.status_code == 422
    assert upload_error(refused, "operator_contract") == (
        "Trop de fichiers ont été envoyés depuis votre adresse en une heure : "
        "réessayez plus tard.")
    assert stored_bytes(app) == 12 * MB
    other = Wizard(from_address(app.test_client(), "10.0.0.2"))
    assert upload(other, "operator_contract", pdf_of_size(4 * MB)).status_code == 200


def test_the_files_of_one_draft_are_capped_a_replacement_counting_once(demo, pdf_of_size):
    app = enable_limits(demo, DRAFT_MAX_MB=6)
    wizard = Wizard(app.test_client())
    assert upload(wizard, "referencing_certificate", pdf_of_size(4 * MB)).status_code == 200
    assert upload(wizard, "referencing_certificate", pdf_of_size(4 * MB)).status_code == 200
    refused = upload(wizard, "operator_contract", pdf_of_size(3 * MB))
    assert refused.status_code == 422
    assert upload_error(refused, "operator_contract") == (
        "Les pièces de cette demande dépassent 6 Mo au total : "
        "envoyez une version plus légère de ce fichier.")
    assert upload(wizard, "operator_contract", pdf_of_size(2 * MB)).status_code == 200
    assert stored_bytes(app) == 6 * MB


def aged(app, token: str, hours: float) -> None:
    with database(app):
        EnrolmentDraft.update(updated_at=utcnow() - datetime.timedelta(hours=hours)).where(
            EnrolmentDraft.token == token).execute()


def test_the_worker_purges_drafts_abandoned_at_step_1_with_their_files(demo, pdf_of_size):
    from portal import tasks
    abandoned, fresh, further = (Wizard(demo.test_client()) for _ in range(3))
    for wizard in (abandoned, fresh):
        assert upload(wizard, "referencing_certificate", pdf_of_size(4 * MB)).status_code == 200
    assert further.step1().status_code == 303
    aged(demo, abandoned.token, 49)
    aged(demo, further.token, 49)
    before = stored_bytes(demo)

    with database(demo):
        tasks.purge_abandoned_files()
        assert {d.token for d in EnrolmentDraft.select()} == {fresh.token, further.token}
        assert Document.select().count() == 3
    assert stored_bytes(demo) == before - 4 * MB


def test_two_first_uploads_sent_at_once_store_one_draft_with_both_files(demo):
    first = demo.test_client()
    token = form_data(html(first.get(START, follow_redirects=True)))["csrf_token"]
    second = demo.test_client()
    for name in (COOKIE, "session"):
        second.set_cookie(name, first.get_cookie(name).value)
    barrier = threading.Barrier(2)
    answers = {}

    def send(client, kind):
        barrier.wait()
        answers[kind] = client.post(f"{START}/document/{kind}", headers={"HX-Request": "true"},
                                    data={"csrf_token": token,
                                          "doc_" + kind: fixture_file("document.pdf")})

    threads = [threading.Thread(target=send, args=pair) for pair in
               ((first, "referencing_certificate"), (second, "operator_contract"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [a.status_code for a in answers.values()] == [200, 200]
    with database(demo):
        [draft] = EnrolmentDraft.select()
        assert draft.token == first.get_cookie(COOKIE).value
        assert {d.kind for d in draft.documents} == {"referencing_certificate", "operator_contract"}
