"""The call's tariff: the published values at first, edited by an admin with French amounts,
used by the amounts; wrong input said beside its field, nothing lost."""
import datetime
from decimal import Decimal

import pytest

from portal.models.accounts import ADMIN, MANAGER
from portal.services.funding import tariff as funding_call
from portal.services.funding.amounts import Mailboxes, balance
from tests.helpers.accounts import make_account, signed_in
from tests.helpers.pages import html
from tests.helpers.enrolment import HTMX, database

URL = "/gestion/administration/tarif"
GOOD = {"rate_applicative": "58,33", "rate_organisational": "20,83", "rate_personal": "5",
        "fixed_part": "6 666,67", "cap": "250000", "closing_date": "30/06/2023"}


@pytest.fixture
def admin(app):
    return signed_in(app.test_client(), make_account(app, ADMIN, first_name="Inès",
                                                     last_name="Admin"))


def token(client):
    return html(client.get(URL)).find("input", attrs={"name": "csrf_token"})["value"]


def test_the_published_tariff_at_first(app, admin):
    page = html(admin.get(URL))
    assert page.find(id="rate_applicative")["value"] == "58,33"
    assert page.find(id="fixed_part")["value"] == "6666,67"
    assert page.find(id="closing_date")["value"] == "2023-06-30"
    with database(app):
        assert balance(funding_call.tariff(), Mailboxes(3000, 10, 10)) == Decimal("175248.30")


def test_an_admin_changes_it_and_the_amounts_follow(app, admin):
    response = admin.post(URL, data=dict(GOOD, csrf_token=token(admin), rate_applicative="60"))
    assert response.status_code == 303
    page = html(admin.get(URL))
    assert "Le tarif de l'appel à financement est enregistré." in page.get_text()
    assert "par Inès Admin" in page.get_text()
    with database(app):
        tariff = funding_call.tariff()
        assert tariff.rate_applicative == Decimal("60.00")
        assert tariff.closing_date == datetime.date(2023, 6, 30)
        assert balance(tariff, Mailboxes(3000, 10, 10)) == Decimal("180258.30")


@pytest.mark.parametrize("field, typed, message", [
    ("rate_personal", "cinq", "Saisissez un montant en euros"),
    ("rate_personal", "-1", "Saisissez un montant en euros"),
    ("cap", "1,234", "Saisissez un montant en euros"),
    ("cap", "", "Saisissez le montant"),
    ("closing_date", "31/02/2023", "Saisissez une date valide"),
    ("fixed_part", "300000", "Le montant fixe ne peut pas dépasser le plafond."),
])
def test_wrong_input_is_said_beside_its_field_and_kept(app, admin, field, typed, message):
    response = admin.post(URL, data=dict(GOOD, csrf_token=token(admin), **{field: typed}),
                          headers=HTMX)
    assert response.status_code == 422
    page = html(response)
    assert message in page.find(id=f"{field}-messages").get_text()
    assert page.find(id="rate_applicative")["value"] == "58,33"
    with database(app):
        assert funding_call.tariff().cap == Decimal("250000.00")


def test_for_admins_only(app):
    manager = signed_in(app.test_client(), make_account(app, MANAGER))
    assert manager.get(URL).status_code == 403
    assert app.test_client().get(URL).status_code == 303
