"""A signed-in browser's activity keeps its session open, while the session cookie is signed and
sent again only when the last activity it records is a minute old (not on every answer)."""
import time

from tests.helpers.accounts import make_account, signed_in


def seen(client) -> int:
    with client.session_transaction() as session:
        return session["seen"]


def test_the_cookie_is_sent_again_only_when_the_activity_is_a_minute_old(app, client):
    signed_in(client, make_account(app))
    assert client.get("/").status_code == 200
    assert "Set-Cookie" not in client.get("/").headers
    with client.session_transaction() as session:
        session["seen"] = int(time.time()) - 25 * 60
    answer = client.get("/")
    assert answer.status_code == 200 and "session=" in answer.headers["Set-Cookie"]
    assert seen(client) >= int(time.time()) - 2

