"""The MSS call's formula: the seeds' worked amount, the cap, each VAT rate, rounding to the cent."""
from decimal import Decimal

import pytest

from portal.services.funding.amounts import (Mailboxes, Tariff, advance, balance, per_mailbox, total,
                                             vat_rate, with_vat)

TARIFF = Tariff()


def test_the_balance_guides_worked_amount():
    assert balance(TARIFF, Mailboxes(3000, 10, 10)) == Decimal("175248.30")


def test_the_advance_is_the_fixed_part():
    assert advance(TARIFF) == Decimal("6666.67")
    assert total(TARIFF, Mailboxes(0, 0, 0)) == Decimal("6666.67")


def test_advance_and_balance_never_pass_the_cap():
    boxes = Mailboxes(10_000, 0, 0)  # 583 300,00 € of mailboxes
    assert per_mailbox(TARIFF, boxes) == Decimal("583300.00")
    assert balance(TARIFF, boxes) == Decimal("243333.33")
    assert advance(TARIFF) + balance(TARIFF, boxes) == Decimal("250000.00")
    assert total(TARIFF, boxes) == Decimal("250000.00")
    just_under = Mailboxes(4000, 0, 0)  # 233 320,00 + 6 666,67 = 239 986,67
    assert balance(TARIFF, just_under) == Decimal("233320.00")


@pytest.mark.parametrize("code, rate, ttc", [
    ("20", Decimal("0.2"), Decimal("210297.96")),
    ("10", Decimal("0.1"), Decimal("192773.13")),
    ("8.5", Decimal("0.085"), Decimal("190144.41")),
    ("5.5", Decimal("0.055"), Decimal("184886.96")),
    ("2.1", Decimal("0.021"), Decimal("178928.51")),
    ("HT", Decimal("0"), Decimal("175248.30")),
])
def test_each_vat_rate(code, rate, ttc):
    assert vat_rate(code) == rate
    assert with_vat(Decimal("175248.30"), code) == ttc


def test_rounding_is_to_the_cent_half_up():
    assert with_vat(Decimal("0.05"), "10") == Decimal("0.06")  # 0.055 → 0.06
    assert with_vat(Decimal("6666.67"), "20") == Decimal("8000.00")  # 8000.004
    assert per_mailbox(Tariff(rate_personal=Decimal("0.005")), Mailboxes(0, 0, 1)) == Decimal("0.01")


def test_a_negative_count_is_refused():
    with pytest.raises(ValueError, match="négatif"):
        per_mailbox(TARIFF, Mailboxes(-1, 0, 0))
