"""MEDIMAIL's operator with its advance and balance decided, a manager, an admin who set the ASP's
debtor account."""
import pytest

from portal.models.accounts import ADMIN
from tests.helpers.accounts import make_account, signed_in
from tests.helpers.funding import validated_operator
from tests.helpers.payments import filed_and_decided, set_debtor, staff


@pytest.fixture
def operator(app, demo):
    return validated_operator(app)


@pytest.fixture
def client(app, operator):
    return signed_in(app.test_client(), operator)


@pytest.fixture
def manager(app):
    return staff(app)


@pytest.fixture
def requests(app, client, manager):
    """The advance and the balance, both « Décidée »; the ASP's account set."""
    set_debtor(app, make_account(app, ADMIN))
    return filed_and_decided(app, client, manager[0])
