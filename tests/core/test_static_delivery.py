"""Static files as a browser receives them: compressed when asked, under fingerprinted URLs cached
for a year, without a session cookie or a database query; pages and fragments compressed; the CSV
export still streaming; the reduced icon CSS holding every icon the templates draw."""
import gzip
import re
from pathlib import Path

import brotli
import pytest
from flask.testing import FlaskClient

from portal import create_app, static_files
from portal.extensions import db
from portal.models.accounts import OPERATOR
from tests.helpers.accounts import make_account, signed_in
from tests.helpers.enrolment import HTMX
from tests.helpers.funding import seed
from tests.helpers.instruction import file_enrolment

PORTAL = Path(static_files.__file__).parent
REAL_ICONS = PORTAL / "static" / static_files.ICONS_CSS
DSFR_CSS = "@font-face{font-family:Marianne;src:url(fonts/Marianne-Regular.woff2) format(\"woff2\")}" \
           ".fr-btn{background:url('icons/system/add-line.svg#x')} .fr-note{color:#000091}" * 20


@pytest.fixture
def source(tmp_path):
    """A small static folder: DSFR-like CSS with url() references, the real icon CSS, a font."""
    folder = tmp_path / "static"
    files = {
        "css/portal.css": (PORTAL / "static/css/portal.css").read_bytes(),
        "vendor/dsfr/dsfr.min.css": DSFR_CSS.encode(),
        "vendor/dsfr/fonts/Marianne-Regular.woff2": b"wOF2" + bytes(600),
        "vendor/dsfr/icons/system/add-line.svg": b"<svg xmlns='http://www.w3.org/2000/svg'/>",
        static_files.ICONS_CSS: REAL_ICONS.read_bytes(),
        "vendor/dsfr/dsfr.min.css.map": b"{}",
    }
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder


@pytest.fixture
def built(app, source, tmp_path):
    """The portal serving a build of `source` (as after scripts/setup.sh)."""
    static_files.build(source, tmp_path / "build", dsfr_main=None)
    built_app = create_app({**app.config, "STATIC_BUILD_DIR": str(tmp_path / "build")})
    built_app.test_client_class = app.test_client_class
    return built_app


def _url(app, filename):
    with app.test_request_context():
        from flask import url_for
        return url_for("static", filename=filename)


def count_queries(monkeypatch) -> list:
    """Every connection opened and statement run on the portal's database from now on."""
    seen = []
    database = db.database.obj
    original_connect, original_execute = database.connect, database.execute_sql
    monkeypatch.setattr(database, "connect", lambda *a, **k: seen.append("connect") or original_connect(*a, **k))
    monkeypatch.setattr(database, "execute_sql", lambda sql, *a, **k: seen.append(sql) or original_execute(sql, *a, **k))
    return seen


def test_a_static_file_travels_compressed_when_the_browser_asks(built):
    client = built.test_client()
    url = _url(built, "vendor/dsfr/dsfr.min.css")
    plain = client.get(url)
    assert plain.headers.get("Content-Encoding") is None and plain.data.startswith(b"@font-face")
    as_br = client.get(url, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert as_br.headers["Content-Encoding"] == "br" and len(as_br.data) < len(plain.data) / 5
    assert brotli.decompress(as_br.data) == plain.data
    as_gzip = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert as_gzip.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(as_gzip.data) == plain.data
    assert "Accept-Encoding" in as_br.headers["Vary"]
    for response in (plain, as_br, as_gzip):
        response.close()


def test_pages_link_fingerprinted_urls_cached_for_a_year(built, source, tmp_path):
    page = built.test_client().get("/connexion").get_data(as_text=True)
    links = re.findall(r'href="(/static/[^"]+\.css)"', page)
    assert "/static/css/portal.css" not in links
    hashed = [link for link in links if re.search(r"/portal\.[0-9a-f]{12}\.css$", link)]
    assert hashed, links
    client = built.test_client()
    response = client.get(hashed[0])
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    plain = client.get("/static/css/portal.css")  # an old page or a bookmark: still served
    assert plain.status_code == 200 and "immutable" not in plain.headers["Cache-Control"]
    assert plain.data == response.data
    for answer in (response, plain):
        answer.close()
    # A change of the file gives it a new URL: a browser never keeps the old CSS.
    (source / "css/portal.css").write_text(".fr-portal-new{color:red}")
    again = static_files.build(source, tmp_path / "again", dsfr_main=None, compress=False)
    assert "/static/" + again["css/portal.css"] not in hashed


def test_css_references_follow_the_fingerprinted_names(built):
    client = built.test_client()
    css = client.get(_url(built, "vendor/dsfr/dsfr.min.css")).get_data(as_text=True)
    references = set(re.findall(r"url\(['\"]?([^'\")]+)", css))
    assert references == {re.search(r"fonts/Marianne-Regular\.[0-9a-f]{12}\.woff2", css).group(0),
                          re.search(r"icons/system/add-line\.[0-9a-f]{12}\.svg#x", css).group(0)}
    for reference in references:
        answer = client.get("/static/vendor/dsfr/" + reference.split("#")[0])
        assert answer.status_code == 200
        assert answer.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        answer.close()
    assert client.get("/static/vendor/dsfr/dsfr.min.css.map").status_code == 404


@pytest.mark.parametrize("with_build", [True, False])
def test_a_static_request_never_opens_the_session_nor_the_database(request, app, with_build,
                                                                   monkeypatch):
    served = request.getfixturevalue("built") if with_build else app
    client = signed_in(served.test_client(), make_account(served, OPERATOR))
    queries = count_queries(monkeypatch)
    for filename in ("css/portal.css", "vendor/dsfr/dsfr.min.css"):
        response = client.get(_url(served, filename), headers={"Accept-Encoding": "br"})
        assert response.status_code == 200
        assert "Set-Cookie" not in response.headers
        assert "Cookie" not in response.headers.get("Vary", "")
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        response.close()
    assert queries == []
    # ...whereas a page does read the account: the counter is live.
    client.get("/espace/")
    assert queries


def test_pages_and_fragments_are_compressed(app, client):
    browser = FlaskClient(app, app.response_class)  # PageClient reads bodies as text
    page = browser.get("/connexion", headers={"Accept-Encoding": "gzip, deflate, br"})
    assert page.headers["Content-Encoding"] == "br"
    assert "<html" in brotli.decompress(page.data).decode()
    plain = client.get("/connexion")  # no Accept-Encoding: as before, readable as text
    assert plain.headers.get("Content-Encoding") is None and "<html" in plain.get_data(as_text=True)
    assert len(page.data) < len(plain.data) / 2
    fragment = browser.get("/connexion", headers={**HTMX, "Accept-Encoding": "gzip"})
    assert fragment.headers["Content-Encoding"] == "gzip"
    assert "<html" not in gzip.decompress(fragment.data).decode()


@pytest.fixture
def operator(app, demo):
    file_enrolment(app)
    return make_account(app, OPERATOR, email="claire.martin@medimail.fr")


def test_the_csv_export_still_streams(app, operator):
    seed(app, operator, 40)
    client = signed_in(app.test_client(), operator)
    response = client.get("/espace/financement/export.csv",
                          headers={"Accept-Encoding": "gzip, deflate, br"}, buffered=False)
    assert response.is_streamed and response.headers.get("Content-Encoding") is None
    chunks = response.iter_encoded()
    first = next(chunks)  # the header line leaves before the rows are read
    assert first.decode("utf-8").startswith("\ufeffNuméro de dossier;")
    rest = b"".join(chunks).decode("utf-8")
    assert rest.count("\r\n") == 40 and first.count(b"\r\n") == 1
    response.close()


def test_the_reduced_icon_css_draws_every_icon_the_templates_use():
    written = set()
    for template in (PORTAL / "templates").rglob("*.html"):
        written.update(re.findall(r"fr-icon-[a-z0-9-]+[a-z0-9]", template.read_text(encoding="utf-8")))
    assert written
    full = REAL_ICONS.read_text(encoding="utf-8")
    reduced = static_files.reduce_icons_css(full, static_files.used_icons())
    for icon in written:
        rule = re.search(re.escape(icon) + r":before[^{]*\{([^}]*)\}", reduced)
        assert rule and "mask-image:url(" in rule.group(1), icon
    assert "fr-icon-zoom-in-line" in full and "fr-icon-zoom-in-line" not in reduced
    assert len(reduced) < len(full) / 20


def test_without_a_build_plain_urls_are_served(app, client):
    page = client.get("/connexion").get_data(as_text=True)
    assert 'href="/static/css/portal.css"' in page
    response = client.get("/static/css/portal.css")
    assert response.status_code == 200 and b"{" in response.data
    response.close()
