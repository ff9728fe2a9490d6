"""The operator most funding tests start from: MEDIMAIL's representative, its MSS enrolment
validated, and its browser signed in (a module needing more, e.g. the advance decided, says so in
its own `client`)."""
import pytest

from tests.helpers.accounts import signed_in
from tests.helpers.funding import validated_operator


@pytest.fixture
def operator(app, demo):
    return validated_operator(app)


@pytest.fixture
def client(app, operator):
    return signed_in(app.test_client(), operator)
