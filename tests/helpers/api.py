"""The JSON channel's API as a supplier's software calls it: a token created (and revoked) in
« Mon compte › Gérer mes jetons d'API » by the signed-in account, then calls without any cookie."""
import json

from tests.helpers.accounts import signed_in
from tests.helpers.enrolment import FIXTURES
from tests.helpers.pages import html

API = "/api/v1"
TOKENS = "/mon-compte/jetons-api/"
PDF = (FIXTURES / "document.pdf").read_bytes()


def token_for(app, account, name="Logiciel de facturation") -> str:
    """A new token of the account, as its page shows it once."""
    browser = signed_in(app.test_client(), account)
    csrf = html(browser.get(TOKENS)).find("input", attrs={"name": "csrf_token"})["value"]
    page = html(browser.post(TOKENS, data={"csrf_token": csrf, "name": name}))
    return page.find(id="nouveau-jeton")["value"]


def revoke_all(app, account) -> None:
    """Every token of the account revoked through its confirmation page."""
    browser = signed_in(app.test_client(), account)
    for link in html(browser.get(TOKENS)).select("#jetons-api a[href$='/revoquer']"):
        form = html(browser.get(link["href"])).find("form", attrs={"action": link["href"]})
        assert browser.post(link["href"], data={"csrf_token": form.find("input")["value"]}) \
            .status_code == 303


class Software:
    """A test client that sends the token, never a cookie, and reads JSON answers."""

    def __init__(self, app, token: str | None):
        self.client, self.token = app.test_client(use_cookies=False), token

    def call(self, method: str, path: str, body: bytes | dict | None = None, name=None,
             content_type="application/json", headers=None):
        sent = {**({"Authorization": f"Bearer {self.token}"} if self.token else {}),
                **({"X-Nom-Fichier": name} if name else {}), **(headers or {})}
        data = json.dumps(body).encode() if isinstance(body, dict) else body
        response = self.client.open(API + path, method=method, data=data, headers=sent,
                                    content_type=content_type)
        assert response.headers["Content-Type"] == "application/json", response.data[:200]
        assert "Set-Cookie" not in response.headers
        return response
