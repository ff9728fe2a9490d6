"""MEDIMAIL's operator (the funding tests' own fixtures) with its advance and balance decided, a
manager, an admin who set the ASP's debtor account."""
import pytest

from portal.models.accounts import ADMIN
from tests.funding import conftest as funding
from tests.helpers.accounts import make_account
from tests.helpers.payments import filed_and_decided, set_debtor, staff


operator, client = funding.operator, funding.client  # the funding tests' operator, signed in


@pytest.fixture
def manager(app):
    return staff(app)


@pytest.fixture
def requests(app, client, manager):
    """The advance and the balance, both « Décidée »; the ASP's account set."""
    set_debtor(app, make_account(app, ADMIN))
    return filed_and_decided(app, client, manager[0])
