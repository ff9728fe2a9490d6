"""Playwright journeys in Debian's Chromium against the app served on 127.0.0.1."""
import json
import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
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
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fr-FR")
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
    staff = context.new_page()
    errors = []
    staff.on("pageerror", lambda exc: errors.append(str(exc)))
    yield staff
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


def assert_accessible(page):
    """Run axe-core on the current page: 0 violations — once its transitions are over (an
    accordion still opening is half transparent) and with the mouse away (a hover state is not
    what the page shows)."""
    page.mouse.move(0, 0)
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => (await axe.run(document)).violations")
    summary = [{"id": v["id"], "help": v["help"],
                "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result]
    assert not result, json.dumps(summary, ensure_ascii=False, indent=1)


def menu(page, group, name):
    """Open the main menu's drop-down `group`, then its entry `name`, as a person does."""
    nav = page.locator("#navigation-principale")
    nav.get_by_role("button", name=group).click()
    nav.get_by_role("link", name=name, exact=True).click()
