"""With the set-up's static build (fingerprinted names, reduced icon CSS), the browser still draws
the icons: the header's « Se connecter » button shows its padlock, fetched under its hashed name."""
import pytest
from playwright.sync_api import expect

from portal import create_app, static_files

MASK = """element => getComputedStyle(element, '::before').getPropertyValue('mask-image')
  || getComputedStyle(element, '::before').getPropertyValue('-webkit-mask-image')"""


@pytest.fixture
def app(app, tmp_path):
    """The portal serving a build of its real static folder (live_server serves this one)."""
    static_files.build(static_files.PACKAGE_DIR / "static", tmp_path / "build", compress=False)
    return create_app({**app.config, "STATIC_BUILD_DIR": str(tmp_path / "build")})


def test_icons_are_drawn_from_the_built_css(page, live_server):
    failed = []
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    with page.expect_response(lambda response: "lock-line." in response.url) as padlock:
        page.goto(live_server + "/")
    button = page.get_by_role("link", name="Se connecter")
    expect(button).to_be_visible()
    mask = button.evaluate(MASK)
    assert "icons/system/lock-line." in mask and mask.endswith('.svg")'), mask
    assert padlock.value.status == 200
    assert "immutable" in padlock.value.headers["cache-control"]
    width = button.evaluate("element => getComputedStyle(element, '::before').width")
    assert width not in ("0px", "auto"), width
    assert failed == []
