"""Sign-in pages through the test client, as a browser without JavaScript posts them."""
import re
import time

from flask import url_for

from portal.models import Account
from portal.services.account import accounts
from portal.services.core import links
from tests.helpers.accounts import PASSWORD, make_account
from tests.helpers.pages import html
from tests.helpers.enrolment import database

NEW_PASSWORD = "Messagerie-Sante-2027?"
QUESTION = "Dans quelle ville êtes-vous né(e) ?"


def csrf(client) -> str:
    """A fresh CSRF token (signing in or out starts a new session, so ask each time)."""
    page = html(client.get("/mot-de-passe-oublie"))
    return page.find("input", attrs={"name": "csrf_token"})["value"]


def post(client, url, **data):
    return client.post(url, data={"csrf_token": csrf(client), **data})


def sign_in(client, uid, password=PASSWORD, url="/connexion"):
    return post(client, url, uid=uid, password=password)


def alert(response) -> str:
    found = html(response).select_one("#auth .fr-alert--error")
    return found.get_text(" ", strip=True) if found else ""


def notices(response) -> str:
    """The flashed messages of the page a redirect leads to (follow it first)."""
    return html(response).select_one("#messages").get_text(" ", strip=True)


def error_of(response, field_id):
    message = html(response).select_one(f"#{field_id}-messages .fr-message--error")
    return message.get_text(strip=True) if message else None


def ready_account(app, role="operator", **changes) -> Account:
    """An account past its first sign-in: own password, secret question « né(e) » → Saint-Étienne."""
    account = make_account(app, role)
    with database(app):
        account = Account.get_by_id(account.id)
        account.secret_question = QUESTION
        account.secret_answer_hash = accounts.hash_secret("saint etienne")
        for name, value in changes.items():
            setattr(account, name, value)
        account.save()
    return account


def reload(app, account) -> Account:
    with database(app):
        return Account.get_by_id(account.id)


def home_of(app, role="operator") -> str:
    """Where a signed-in account lands: its role's home once that blueprint exists, else "/"."""
    endpoint = "operator.home.home" if role == "operator" else "backoffice.enrolments.queue"
    with app.test_request_context():
        return url_for(endpoint) if endpoint in app.view_functions else "/"


def link_for(app, purpose, account) -> str:
    with app.test_request_context(), database(app):
        token = links.make(purpose, account=account)
    word = "creation" if purpose == links.SET_PASSWORD else "reinitialisation"
    return f"/mot-de-passe/{word}/{token}"


def received(mailbox, address, count=1, timeout=5.0):
    deadline = time.monotonic() + timeout
    while len(mailbox.to(address)) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    return mailbox.to(address)


def link_in(text: str) -> str:
    return re.search(r"https?://\S+(/mot-de-passe/\S+)", text).group(1)
