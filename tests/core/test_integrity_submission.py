"""One enrolment per wizard draft, whatever the number of tabs that send it at once: the others
are told in French that it was already filed (never a 500), and one acknowledgement is mailed."""
from portal.models import Document, Enrolment
from tests.helpers.concurrency import alert_text, at_once, copy_cookies, statuses
from tests.helpers.constants import CAPTCHA
from tests.helpers.enrolment import COOKIE, Wizard, database, form_data, step_url
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
