"""One enrolment per wizard draft, whatever the number of tabs that send it at once: the others
are told in French that it was already filed (never a 500), and one acknowledgement is mailed."""
from portal.models import Document, Enrolment
from portal.models.accounts import MANAGER, OPERATOR
from portal.services.enrolment import complementary, workflow as wf
from tests.helpers.accounts import make_account, signed_in
from tests.helpers.concurrency import alert_text, at_once, copy_cookies, statuses
from tests.helpers.constants import CAPTCHA
from tests.helpers.enrolment import (COOKIE, Wizard, database, fixture_file, form_data,
                                     step_url)
from tests.helpers.instruction import file_enrolment, move
from tests.helpers.pages import html

TABS = 6


class Tab:
    """Another tab of the same browser, showing the summary (with its own captcha token)."""

    def __init__(self, app, first):
        self.client = app.test_client()
        copy_cookies(first, self.client, [COOKIE, "session"])
        self.wizard = Wizard.__new__(Wizard)
        self.wizard.client = self.client
        self.data = {**form_data(self.wizard.page(5)), "accept_cgu": "y", "accept_penal": "y",
                     "accept_truth": "y", "captcha_answer": CAPTCHA}

    def send(self):
        return self.wizard.post(step_url(5), self.data)


def test_a_draft_sent_from_several_tabs_at_once_files_one_enrolment(app, demo, client, mailbox):
    Wizard(client).reach(5)
    tabs = [Tab(app, client) for _ in range(TABS)]

    results = at_once([tab.send for tab in tabs])

    codes = statuses(results)
    with database(app):
        filed = list(Enrolment.select())
    assert len(filed) == 1, (len(filed), codes)
    assert all(code in (303, 422) for code in codes), codes
    redirects = [r.headers["Location"] for r in results if r.status_code == 303]
    assert set(redirects) == {"/enrolement/confirmation"}, redirects  # never a new draft
    [enrolment] = filed
    with database(app):
        kinds = sorted(d.kind for d in Document.select().where(Document.enrolment == enrolment))
    assert kinds == ["operator_contract", "referencing_certificate", "representative_id", "rib"]
    for refused in (r for r in results if r.status_code == 422):
        assert f"déjà été déposée sous le n° {enrolment.number}" in alert_text(refused)
    for tab in (t for t, r in zip(tabs, results) if r.status_code == 422):
        # reloaded, a refused tab shows the one confirmation
        page = html(tab.client.get(step_url(5), follow_redirects=True))
        assert f"n° {enrolment.number} a bien été enregistrée" in page.get_text()
    assert len(mailbox.to("claire.martin@medimail.fr")) == 1


def test_a_tab_sending_a_draft_filed_meanwhile_sees_its_confirmation(app, demo, client):
    wizard = Wizard(client)
    wizard.reach(5)
    late = Tab(app, client)
    assert wizard.step5().status_code == 303

    response = late.send()

    assert response.headers["Location"] == "/enrolement/confirmation"
    with database(app):
        [enrolment] = Enrolment.select()
    page = html(late.client.get(response.headers["Location"]))
    assert f"n° {enrolment.number} a bien été enregistrée" in page.get_text()


# The complementary form: one enrolment per account and ANS number (unless rejected) ---------------
COMPLEMENTARY = "/espace/enrolements/complementaire"
DPI = "DPI-2023-0101"


def complementary_browser(app, operator):
    """A browser of the operator (its own session, so its own draft) with the form filled for
    the DPI, ready to send."""
    client = signed_in(app.test_client(), operator)
    data = {**form_data(html(client.get(COMPLEMENTARY)), COMPLEMENTARY), "ans_number": DPI}
    page = html(client.post(COMPLEMENTARY + "/rechercher", data=data,
                            content_type="multipart/form-data"))
    data = {**form_data(page, COMPLEMENTARY), "hds_host": "non", "is_distributor": "non",
            "vat_rate": "20"}

    def send():
        files = {"doc_referencing_certificate": fixture_file("document.pdf", "certificat.pdf"),
                 "doc_hds_statement": fixture_file("document.pdf", "attestation.pdf")}
        return client.post(COMPLEMENTARY, data={**data, **files},
                           content_type="multipart/form-data")
    return send


def test_browsers_sending_the_same_complementary_enrolment_at_once_file_one(app, demo, mailbox):
    number = file_enrolment(app)
    operator = make_account(app, OPERATOR, email="claire.martin@medimail.fr")
    move(app, number, wf.VALIDATE, make_account(app, MANAGER))
    mailbox.messages.clear()
    browsers = [complementary_browser(app, operator) for _ in range(TABS)]

    results = at_once(browsers)

    codes = statuses(results)
    with database(app):
        filed = list(Enrolment.select().where(Enrolment.ans_number == DPI))
    assert len(filed) == 1, (len(filed), codes)
    assert codes.count(303) == 1 and codes.count(422) == TABS - 1, codes
    for refused in (r for r in results if r.status_code == 422):
        assert complementary.ALREADY.format(filed[0].number) in alert_text(refused) + " ".join(
            m.get_text(strip=True) for m in html(refused).select(".fr-message--error"))
    received = [m for m in mailbox.to("claire.martin@medimail.fr") if filed[0].number in m["Subject"]]
    assert len(received) == 1
