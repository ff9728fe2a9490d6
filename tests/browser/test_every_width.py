"""Every page of every role at 320, 768, 1280 and 1920 px: nothing wider than the viewport (a wide
table scrolls inside its own frame), every button shows its words. The pages are those a person
of that role reaches by following links from their home, with the demo data."""
import re

import pytest

from portal.models import Account, Enrolment, FundingRequest
from portal.models.accounts import ADMIN, MANAGER
from portal.models.roles import BUDGET_OWNER
from portal.services.account import accounts, demo_operator
from portal.services.payments import batches
from tests.helpers.auth import QUESTION
from tests.helpers.browser import open_sign_in, sign_in
from tests.helpers.enrolment import database
from tests.helpers.funding import seed
from tests.helpers.funding_states import decided
from tests.helpers.json_requests import dossier_of
from tests.helpers.widths import crawl, problems

STAFF_PASSWORDS = {MANAGER: "Gestion-Demo-2026!", ADMIN: "Admin-Demo-2026!",
                   BUDGET_OWNER: "Budget-Demo-2026!"}
UID_PREFIXES = {MANAGER: "GE", ADMIN: "AD", BUDGET_OWNER: "RB"}
# Pages a link does not reach as they are worth seeing: the header's search with its results, the
# dashboard filtered.
QUERIED = {MANAGER: ["/gestion/recherche/?q=FIN", "/gestion/tableau-de-bord/?couloir=mss"]}


def _ready(app, role):
    """The demo account of `role`, past its first sign-in; its identifiant and password."""
    with database(app):
        if role == "operator":
            account, password = demo_operator.ensure_demo_operator()  # as scripts/run.sh has it
        else:
            account = Account.get(Account.role == role,
                                  Account.uid.startswith(UID_PREFIXES[role]))
            password = STAFF_PASSWORDS[role]
        account.secret_question = QUESTION
        account.secret_answer_hash = accounts.hash_secret("saint etienne")
        account.must_change_password = False
        account.save()
        return account, password


def _a_batch(app, manager):
    """The demo operator's requests, decided, one of them put into a payment batch."""
    with database(app):
        operator, _ = demo_operator.ensure_demo_operator()
    numbers = seed(app, operator, 3, start=100, status="in_progress")  # after the 30 above
    decided(app, numbers, manager)
    with database(app):
        batches.create(manager, [FundingRequest.get(FundingRequest.number == numbers[0]).id])


@pytest.mark.parametrize("role, start", [("visitor", "/"), ("operator", "/espace/"),
                                         (MANAGER, "/gestion/enrolements"),
                                         (ADMIN, "/gestion/enrolements"),
                                         (BUDGET_OWNER, "/gestion/decisions-budgetaires/")])
def test_nothing_wider_than_the_screen_and_every_button_says_its_words(app, demo, page,
                                                                       live_server, role, start):
    if role != "visitor":
        account, password = _ready(app, role)
        if role in ("operator", MANAGER):  # the manager's dashboard and search show them too
            operator = account if role == "operator" else _ready(app, "operator")[0]
            seed(app, operator, 30, kind=lambda i: "balance" if i % 2 else "advance")
            with database(app):  # and a dossier filed from a JSON: its wide tables too
                enrolment = operator.enrolments.first().number
            dossier_of(app, operator, enrolment)
        if role == BUDGET_OWNER:  # validated requests awaiting its decision: its wide table
            with database(app):
                operator, _ = demo_operator.ensure_demo_operator()
            seed(app, operator, 5, status="validated")
        if role == MANAGER:  # a payment batch: its page and its transfers' table
            _a_batch(app, account)
        open_sign_in(page, live_server)
        sign_in(page, account.uid, password)
        page.wait_for_url(live_server + start)
    pages = crawl(app, page, live_server, start) + QUERIED.get(role, [])
    assert len(pages) > (3 if role in ("visitor", BUDGET_OWNER) else 8), pages
    assert role != "operator" or any("FINDPI" in path for path in pages), pages
    assert role != MANAGER or any("/gestion/paiements/MEP-" in path for path in pages), pages
    assert role != MANAGER or any(re.fullmatch(r"/gestion/importations/\d+", path)
                                  for path in pages), pages  # a JSON import's page
    assert role != "operator" or any(re.fullmatch(r"/espace/importations/\d+/pieces", path)
                                     for path in pages), pages
    found = []
    for path in pages:
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(live_server + path)
        found += problems(page, path)
    assert not found, "\n".join(found)


def test_the_instruction_tools_at_every_width(app, demo, page, live_server):
    """A dossier's thread, notes and follow-up, the inboxes, a queue's grouped actions and their
    summary (a state no link reaches), the thread's own page: for the manager, then the operator
    (the demo operator's in-progress enrolment has a thread, a note and a follower)."""
    operator, operator_password = _ready(app, "operator")
    manager, password = _ready(app, MANAGER)
    with database(app):
        enrolment = operator.enrolments.where(Enrolment.status == "in_progress").get()
    open_sign_in(page, live_server)
    sign_in(page, manager.uid, password)
    page.wait_for_url(live_server + "/gestion/enrolements")
    found = []
    for path in ("/gestion/enrolements", f"/gestion/enrolements/{enrolment.number}",
                 f"/gestion/dossiers/enrolement/{enrolment.id}/messages", "/gestion/messages",
                 "/gestion/financement/"):
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(live_server + path)
        found += problems(page, path)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server + "/gestion/enrolements")
    page.get_by_label(f"Sélectionner la demande {enrolment.number}").click(force=True)
    page.locator("#lot").get_by_role("radio", name="Envoyer le même message").click(force=True)
    page.locator("#lot").get_by_label("Message à l'opérateur").fill("Le portail sera fermé lundi.")
    page.get_by_role("button", name="Appliquer aux demandes sélectionnées").click()
    page.wait_for_selector("#resultat-lot")
    found += problems(page, "résultat d'une action groupée")
    page.context.clear_cookies()
    open_sign_in(page, live_server)
    sign_in(page, operator.uid, operator_password)
    page.wait_for_url(live_server + "/espace/")
    for path in (f"/espace/enrolements/{enrolment.number}", "/espace/messages",
                 f"/espace/dossiers/enrolement/{enrolment.id}/messages"):
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(live_server + path)
        found += problems(page, path)
    assert not found, "\n".join(found)
