"""The strict Content-Security-Policy breaks nothing: the main pages load, htmx swaps, and the
browser reports no violation (no console « Refused to… », no securitypolicyviolation event)."""
import re

import pytest
from playwright.sync_api import expect

from tests.helpers.accounts import PASSWORD
from tests.helpers.auth import ready_account
from tests.helpers.browser import open_sign_in, sign_in
from tests.helpers.instruction import file_enrolment
from tests.helpers.operator import own_filed
from tests.helpers.wizard_steps import referencing, settled, start

LISTEN = """document.addEventListener("securitypolicyviolation", function (e) {
  (window.__cspViolations = window.__cspViolations || []).push(e.violatedDirective + " " + e.blockedURI);
}, true);"""


@pytest.fixture
def watched(page):
    """The page, each HTML answer's CSP header and every violation the browser reports."""
    seen = {"policies": [], "console": []}
    page.add_init_script(LISTEN)
    page.on("console", lambda message: seen["console"].append(message.text)
            if re.search(r"Refused to|Content Security Policy", message.text) else None)
    page.on("response", lambda response: seen["policies"].append(
        response.headers.get("content-security-policy"))
        if "text/html" in response.headers.get("content-type", "") else None)
    return page, seen


def _no_violation(page, seen):
    settled(page)
    assert seen["policies"] and all(p and "script-src 'self'" in p for p in seen["policies"])
    assert page.evaluate("window.__cspViolations || []") == []
    assert seen["console"] == []


def test_main_pages_under_the_csp(app, demo, watched, live_server):
    page, seen = watched
    start(page, live_server)  # landing page, then wizard step 1
    _no_violation(page, seen)
    referencing(page, "MSS-2023-0001", "MediMail Pro")  # an htmx swap
    expect(page.get_by_text("MSS Opérateurs")).to_be_visible()
    _no_violation(page, seen)

    file_enrolment(app)
    operator = ready_account(app)
    own_filed(app, operator)
    open_sign_in(page, live_server)
    _no_violation(page, seen)
    sign_in(page, operator.uid, PASSWORD)
    expect(page).to_have_url(re.compile(r"/espace/?$"))
    _no_violation(page, seen)
    page.get_by_role("button", name="Enrôlement").click()
    page.get_by_role("link", name="Gérer mes demandes d'enrôlement").click()
    expect(page.locator("#enrolements-compte")).to_contain_text("1 demande")
    page.get_by_label("Numéro de demande").press_sequentially("ENR-0", delay=30)  # htmx filter
    expect(page.locator("#enrolements-compte")).to_contain_text("Aucune")
    _no_violation(page, seen)
