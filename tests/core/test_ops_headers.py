"""Security headers on every answer; nothing of a signed-in user's pages or of a document kept
by the browser or a proxy."""
import re

from portal.models.accounts import OPERATOR
from tests.helpers.accounts import make_account, manager_client, signed_in
from tests.helpers.instruction import file_enrolment

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'")


def _secured(response):
    headers = response.headers
    assert headers["Content-Security-Policy"] == CSP
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "camera=()" in headers["Permissions-Policy"]
    assert headers["X-Frame-Options"] == "DENY"


def test_a_public_page_has_the_security_headers_and_may_be_cached(client):
    response = client.get("/")
    assert response.status_code == 200
    _secured(response)
    assert "no-store" not in response.headers.get("Cache-Control", "")
    assert "Strict-Transport-Security" not in response.headers  # plain http: no HSTS


def test_hsts_only_over_https(client):
    response = client.get("/", base_url="https://portail.example.fr")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_a_signed_in_page_is_never_stored(app):
    client = signed_in(app.test_client(), make_account(app, OPERATOR))
    response = client.get("/espace/")
    assert response.status_code == 200
    _secured(response)
    assert response.headers["Cache-Control"] == "no-store"


def test_static_files_stay_cacheable_for_a_signed_in_user(app):
    client = signed_in(app.test_client(), make_account(app, OPERATOR))
    response = client.get("/static/css/portal.css")
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")
    response.close()


def test_a_downloaded_document_is_never_stored(app, demo):
    """A RIB downloaded by a manager: attachment, nosniff, no-store."""
    number = file_enrolment(app)
    manager = manager_client(app)
    page = manager.get(f"/gestion/enrolements/{number}").get_data(as_text=True)
    link = re.search(r'href="(/gestion/documents/\d+)"', page).group(1)
    response = manager.get(link)
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    response.close()
