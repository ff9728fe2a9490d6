"""Fixtures of the API's tests (tests/imports/test_api*.py): a supplier of the DPI corridor (its
DPI enrolment validated) and its software, calling with a token of the supplier."""
import pytest

from tests.helpers import json_files as jf
from tests.helpers.api import Software, token_for


@pytest.fixture
def api_supplier(app, demo):
    """(account, enrolment, corridor)."""
    account, enrolment = jf.supplier(app)
    return account, enrolment, jf.corridor(app)


@pytest.fixture
def software(app, api_supplier):
    return Software(app, token_for(app, api_supplier[0]))
