"""portal.formatting: the French way the portal writes amounts, counts, sizes and dates (stored
datetimes are UTC, shown in Paris), and the one parser of typed amounts and counts."""
import datetime
from decimal import Decimal

import pytest

from portal import formatting
from portal.services.funding.amounts import vat_label

NARROW = "\u202f"  # Babel's fr_FR thousands separator
NBSP = "\u00a0"  # before « € »
LATE_ON_31_MARCH = datetime.datetime(2026, 3, 31, 23, 30)  # UTC, naive as stored


@pytest.mark.parametrize("value, shown", [
    (Decimal("175248.3"), f"175{NARROW}248,30{NBSP}€"),
    (Decimal("6666.67"), f"6{NARROW}666,67{NBSP}€"),
    ("8000", f"8{NARROW}000,00{NBSP}€"),
    (0, f"0,00{NBSP}€"),
    (Decimal("-5"), f"-5,00{NBSP}€"),
    (Decimal("1234567.891"), f"1{NARROW}234{NARROW}567,89{NBSP}€"),
    (None, ""),
])
def test_euros(value, shown):
    assert formatting.euros(value) == shown


def test_numbers_counts_and_percentages():
    assert formatting.count(5008) == f"5{NARROW}008"
    assert formatting.count(999) == "999"
    assert formatting.number(Decimal("175248.3"), places=2) == f"175{NARROW}248,30"
    assert formatting.number(Decimal("8.5")) == "8,5"
    assert formatting.number(None) == ""
    assert formatting.percent("8.5") == "8,5 %" and formatting.percent("20") == "20 %"
    assert vat_label("5.5") == "5,5 %" and vat_label("HT") == "0 % (non assujetti)"


def test_plain_numbers_for_files_and_form_fields():
    """No grouping, a decimal comma: what a French spreadsheet, and the parser, read back."""
    assert formatting.plain(Decimal("175248.3")) == "175248,30"
    assert formatting.plain(Decimal("250000")) == "250000,00"
    assert formatting.plain(None) == ""
    assert formatting.parse_decimal(formatting.plain(Decimal("6666.67"))) == Decimal("6666.67")


def test_pdf_text_keeps_ordinary_spaces():
    assert formatting.ascii_spaces(formatting.euros(Decimal("8000"))) == "8 000,00 €"


@pytest.mark.parametrize("size, shown", [
    (12, "12 octets"), (1023, f"1{NARROW}023 octets"), (1536, "2 Ko"), (200 * 1024, "200 Ko"),
    (4 * 1024 * 1024, "4,0 Mo"), (1572864, "1,5 Mo"),
])
def test_file_sizes(size, shown):
    assert formatting.file_size(size) == shown


@pytest.mark.parametrize("typed, read", [
    ("8 000,00", Decimal("8000.00")),
    ("8000.5", Decimal("8000.5")),
    ("8 000,00 €", Decimal("8000.00")),
    ("8 000,00€", Decimal("8000.00")),
    (f"8{NBSP}000,00", Decimal("8000.00")),
    (f"8{NARROW}000,00{NBSP}€", Decimal("8000.00")),
    ("  58,33 ", Decimal("58.33")),
    ("5", Decimal("5")),
    ("-3", Decimal("-3")),  # a number: its caller says whether it may be negative
])
def test_parse_decimal_reads_what_people_type(typed, read):
    assert formatting.parse_decimal(typed) == read


@pytest.mark.parametrize("typed", ["", "   ", None, "€"])
def test_parse_decimal_of_nothing_is_none(typed):
    assert formatting.parse_decimal(typed) is None


@pytest.mark.parametrize("typed", ["abc", "1.000,50", "1,000.50", "3,", ",5", "1e5", "NaN",
                                   "Infinity", "١٢", "12 €50", "8 000,00 € €", "--3"])
def test_parse_decimal_refuses_what_is_not_a_number_in_french(typed):
    with pytest.raises(formatting.NotANumber) as refused:
        formatting.parse_decimal(typed)
    assert str(refused.value) == formatting.NOT_A_NUMBER


def test_parse_decimal_counts_the_decimals_allowed():
    assert formatting.parse_decimal("58,33", places=2) == Decimal("58.33")
    assert formatting.parse_decimal("1 250", places=0) == 1250
    for typed, places in (("58,333", 2), ("12,5", 0), ("3.0", 0)):
        with pytest.raises(formatting.NotANumber):
            formatting.parse_decimal(typed, places=places)


def test_a_stored_datetime_is_shown_as_its_time_in_paris():
    """23:30 UTC on 31 March is already 1 April in Paris (summer time, UTC+2)."""
    assert formatting.date(LATE_ON_31_MARCH) == "01/04/2026"
    assert formatting.date_time(LATE_ON_31_MARCH) == "01/04/2026 à 01:30"
    assert formatting.long_date(LATE_ON_31_MARCH) == "1 avril 2026"
    winter = datetime.datetime(2026, 1, 15, 12, 5)  # UTC+1
    assert formatting.date_time(winter) == "15/01/2026 à 13:05"
    aware = datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.timezone.utc)
    assert formatting.date(aware) == "01/01/2027"
    assert formatting.calendar_day(LATE_ON_31_MARCH) == datetime.date(2026, 4, 1)


def test_a_date_is_a_calendar_day_shown_as_it_is():
    day = datetime.date(2026, 3, 31)
    assert formatting.date(day) == "31/03/2026"
    assert formatting.long_date(datetime.date(2026, 4, 1)) == "1 avril 2026"
    assert formatting.long_date(datetime.date(2023, 8, 1)) == "1 août 2023"
    assert formatting.calendar_day(day) is day
    assert formatting.date(None) == formatting.date_time(None) == formatting.long_date(None) == ""


def test_today_is_the_day_in_paris():
    assert formatting.today() == datetime.datetime.now(formatting.PARIS).date()


def test_the_time_a_draft_was_kept_is_said_in_paris():
    assert formatting.clock(datetime.datetime(2026, 12, 2, 13, 32)) == "14 h 32"  # UTC+1
    assert formatting.clock(datetime.datetime(2026, 7, 1, 7, 5)) == "9 h 05"  # UTC+2
    assert formatting.clock(None) == ""
