"""Playwright journeys in Debian's Chromium against the app served on 127.0.0.1."""
import os
import shutil
import threading

import pytest
from playwright.sync_api import expect, sync_playwright
from werkzeug.serving import make_server

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# A state awaited (a swap settled, an accordion open) may take longer than Playwright's 5 s on a
# machine running the suite in parallel: wait for it up to 20 s, never for a fixed time.
from tests.helpers.browser import STATE_TIMEOUT_MS  # noqa: E402 (one value for every browser)
expect.set_options(timeout=STATE_TIMEOUT_MS)
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]


def pytest_collection_modifyitems(config, items):
    missing = not shutil.which(CHROMIUM)
    for item in items:
        item.add_marker(pytest.mark.browser)
        if missing:
            if os.environ.get("CI"):
                raise pytest.UsageError(f"Chromium introuvable ({CHROMIUM}) : CI exige les tests navigateur.")
            item.add_marker(pytest.mark.skip(reason="Chromium absent (apt-get install chromium)"))


@pytest.fixture
def live_server(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fr-FR")
    context.set_default_timeout(STATE_TIMEOUT_MS)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


@pytest.fixture
def staff_page(browser, app):
    """A second browser (its own cookies) for the manager, beside the operator's `page`."""
    context = browser.new_context(locale="fr-FR")
    context.set_default_timeout(STATE_TIMEOUT_MS)
    staff = context.new_page()
    errors = []
    staff.on("pageerror", lambda exc: errors.append(str(exc)))
    yield staff
    context.close()
    assert not errors, f"JavaScript errors: {errors}"
