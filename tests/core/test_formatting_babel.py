"""portal.formatting writes amounts, counts and days without calling Babel (a table formats one
of each per row): its text must be Babel's, byte for byte, rounding, signs and DST included."""
import datetime
import random
from decimal import Decimal, localcontext

import pytest
from babel import dates, numbers

from portal import formatting

EDGES = ["0", "-0", "0.005", "0.015", "0.025", "-0.005", "-0.015", "0.0049999", "999.995",
         "999999.995", "-1234.5", "175248.3", "6666.67", "1e3", "1E-7", "123456789012345678.125",
         "0.0149999999999999999999999999999", "12345678901234567890.125", "1e21", "-1e25",
         "100000000000000000000.5", "Infinity", "-Infinity", "NaN"]


def babel_euros(value) -> str:
    return numbers.format_currency(Decimal(value), formatting.CURRENCY, locale=formatting.LOCALE)


def amounts():
    draw = random.Random(13)
    for _ in range(3000):
        places = draw.choice((0, 1, 2, 3, 5))
        yield Decimal(draw.randint(-10 ** 9, 10 ** 9)).scaleb(-places)
    yield from (Decimal(value) for value in EDGES)
    yield from (0, 8000, -5, 10 ** 7, "8000", "42.5", 0.1, 2.675, 1e-3, -0.0)


def test_euros_is_what_babel_writes():
    differ = [(value, formatting.euros(value), babel_euros(value)) for value in amounts()
              if formatting.euros(value) != babel_euros(value)]
    assert not differ


def test_euros_rounds_in_the_current_decimal_context_as_babel_does():
    with localcontext() as context:
        context.rounding = "ROUND_HALF_UP"
        for value in ("0.005", "2.675", "-0.015"):
            assert formatting.euros(Decimal(value)) == babel_euros(value)


@pytest.mark.parametrize("value", [0, 7, -7, 999, 1000, -1000, 5008, 123456789, -10 ** 12,
                                   Decimal("42"), "17", True])
def test_count_is_what_babel_writes(value):
    assert formatting.count(value) == numbers.format_decimal(
        Decimal(int(value)), "#,##0", locale=formatting.LOCALE)


def moments():
    """Datetimes around every change of Paris time from 1970 to 2040 (UTC, naive as stored),
    midnights on both sides, and days far from now."""
    for year in range(1970, 2041):
        for month, day in ((3, 25), (10, 25)):
            start = datetime.datetime(year, month, day)
            for hours in range(0, 24 * 8, 1):
                yield start + datetime.timedelta(hours=hours, minutes=30)
    for year in (1, 999, 1000, 1900, 2000, 2100, 9999):
        yield datetime.datetime(year, 6, 15, 22, 30)
        yield datetime.date(year, 1, 2)
    yield datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.timezone.utc)
    yield datetime.datetime(2026, 3, 29, 0, 59, 59, 999999, tzinfo=formatting.PARIS)


def test_date_is_what_babel_writes_of_the_day_in_paris():
    checked = 0
    for moment in moments():
        shown = dates.format_date(formatting.calendar_day(moment), formatting.DATE,
                                  locale=formatting.LOCALE)
        assert formatting.date(moment) == shown, moment
        checked += 1
    assert checked > 20_000
    # 22:30 UTC on the last Saturday of October 2026 is 00:30 on Sunday in Paris (UTC+2).
    assert formatting.date(datetime.datetime(2026, 10, 24, 22, 30)) == "25/10/2026"
    assert formatting.date(datetime.datetime(2026, 10, 25, 22, 30)) == "25/10/2026"  # UTC+1 now
