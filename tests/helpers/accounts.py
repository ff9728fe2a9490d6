"""Accounts for the tests: create one, open a session for it in a test client."""
import time

from portal.models.accounts import MANAGER, OPERATOR
from portal.services.account import accounts
from tests.helpers.enrolment import database

PASSWORD = "Segur-Numerique-2026!"


def make_account(app, role=OPERATOR, email=None, password=PASSWORD, must_change=False, **names):
    with database(app):
        account = accounts.create(email or f"{role}.{time.monotonic_ns()}@example.fr",
                                  names.get("last_name", "Martin"),
                                  names.get("first_name", "Claire"), role, password)
        account.must_change_password = must_change
        account.save()
        return account


def signed_in(client, account):
    """The client as if `account` had signed in (the sign-in page itself is tested on its own)."""
    with client.session_transaction() as session:
        session["account_id"] = account.id
        session["version"] = account.session_version  # as portal.auth.login stores it
        session["seen"] = int(time.time())
    return client


def manager_client(app):
    return signed_in(app.test_client(), make_account(app, MANAGER, last_name="Dupont",
                                                     first_name="Alice"))


def budget_owner_client(app):
    from portal.models.roles import BUDGET_OWNER
    return signed_in(app.test_client(), make_account(app, BUDGET_OWNER, last_name="Bernard",
                                                     first_name="Paul"))


def account_of(app, email):
    from portal.models import Account
    with database(app):
        return Account.get(Account.email == email)
