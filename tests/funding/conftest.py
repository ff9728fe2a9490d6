"""The operator most funding tests start from: MEDIMAIL's representative, its MSS enrolment
validated, and its browser signed in (a module needing more, e.g. the advance decided, says so in
its own `client`); and a DPI supplier's dossier filed from JSON files, with a manager."""
import pytest

from tests.helpers.accounts import manager_client, signed_in
from tests.helpers.funding import validated_operator
from tests.helpers.json_requests import dossier_of, dpi_supplier


@pytest.fixture
def operator(app, demo):
    return validated_operator(app)


@pytest.fixture
def client(app, operator):
    return signed_in(app.test_client(), operator)


@pytest.fixture
def dossier(app, demo):
    """The DPI supplier, its advance (decided) and balance (« En cours ») filed from JSONs."""
    account, enrolment = dpi_supplier(app)
    advance, balance = dossier_of(app, account, enrolment)
    return account, advance, balance


@pytest.fixture
def staff(app):
    return manager_client(app)
