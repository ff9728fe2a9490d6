"""A supplier of the DPI corridor (its DPI enrolment validated) and its signed-in browser."""
import pytest

from tests.helpers.accounts import signed_in
from tests.helpers.json_reports import supplier as make_supplier


@pytest.fixture
def supplier(app, demo):
    return make_supplier(app)


@pytest.fixture
def client(app, supplier):
    return signed_in(app.test_client(), supplier[0])
