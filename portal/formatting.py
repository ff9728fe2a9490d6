"""How the portal writes and reads numbers and dates, the French way, on Babel (fr_FR).

Stored datetimes are naive UTC (models.base.utcnow): they are shown in Paris time, so an event
of 23:30 UTC on 31 March is dated 1 April. A plain `date` is already a calendar day and is shown
as it is. Thousands are grouped with Babel's separator for fr_FR, the narrow no-break space
(U+202F); a no-break space (U+00A0) sits before « € ». A PDF drawn with core fonts, and a CSV a
spreadsheet reads, keep their own number format (`plain`, `ascii_spaces`).

One parser reads what a person types as an amount or a count (`parse_decimal`).

A table shows an amount and a date on every row: `euros`, `count` and `date` write Babel's
output without calling Babel (a tenth of its time), with the separators Babel gives for fr_FR
(tests/core/test_formatting_babel.py checks them against Babel, rounding and signs included).
"""
import datetime
import re
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from babel import Locale, dates, numbers

LOCALE = "fr_FR"
_LOCALE = Locale.parse(LOCALE)
_CURRENCY_PATTERN = _LOCALE.currency_formats["standard"]
PARIS = ZoneInfo("Europe/Paris")
CURRENCY = "EUR"
CENTS = Decimal("0.01")
GROUP = numbers.get_group_symbol(LOCALE)  # U+202F
DECIMAL_MARK = numbers.get_decimal_symbol(LOCALE)
EURO_SUFFIX = "\u00a0" + numbers.get_currency_symbol(CURRENCY, LOCALE)
DATE = "dd/MM/yyyy"
DATETIME = "dd/MM/yyyy 'à' HH:mm"
LONG_DATE = "d MMMM y"
NOT_A_NUMBER = "Saisissez un nombre, par exemple 8 000,00."
# What remains of a typed number once its spaces and « € » are gone: digits, then at most one
# decimal separator, a comma or a point (« 8.000 » is eight, never eight thousand).
TYPED_NUMBER = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?")


class NotANumber(ValueError):
    """What was typed is not a number; str() is a French message for the person who typed it."""


# Numbers ---------------------------------------------------------------------------------------

def euros(value) -> str:
    """175248.3 → « 175 248,30 € »; None → "". What numbers.format_currency writes (its
    pattern « #,##0.00 ¤ »: the sign apart, the absolute value normalised then rounded to the
    cent in the current decimal context), written directly; Babel itself beyond 10^20."""
    if value is None:
        return ""
    value = Decimal(value)
    if not value.is_finite() or value.adjusted() > 20:
        return _CURRENCY_PATTERN.apply(value, _LOCALE, currency=CURRENCY, currency_digits=True)
    return _grouped(f"{abs(value).normalize().quantize(CENTS):,f}", value.is_signed()) + EURO_SUFFIX


def _grouped(text: str, negative: bool) -> str:
    """Python's « 1,234.5 » written the French way: « 1 234,5 », after a minus if `negative`."""
    return ("-" if negative else "") + text.replace(",", GROUP).replace(".", DECIMAL_MARK)


def number(value, places: int | None = None) -> str:
    """8.5 → « 8,5 »; 175248.3 with places=2 → « 175 248,30 » (exactly `places` decimals, else
    Babel's up to three); None → ""."""
    if value is None:
        return ""
    pattern = None if places is None else "#,##0" + ("." + "0" * places if places else "")
    return numbers.format_decimal(Decimal(value), pattern, locale=LOCALE)


def count(value: int | None) -> str:
    """A whole number: 5123 → « 5 123 »; None → ""."""
    if value is None:
        return ""
    value = int(value)
    return _grouped(f"{abs(value):,d}", value < 0)


def plain(value, places: int = 2) -> str:
    """A number for a file or a form field: no grouping, a decimal comma, so that a French
    spreadsheet reads it as a number and the parser reads it back: 175248.3 → « 175248,30 »."""
    if value is None:
        return ""
    return numbers.format_decimal(Decimal(value), "0." + "0" * places if places else "0",
                                  locale=LOCALE, group_separator=False)


def percent(value) -> str:
    """A rate given in percent, as written in a VAT label: « 8.5 » → « 8,5 % »."""
    return f"{number(value)} %"


def file_size(size: int) -> str:
    """1536 → « 2 Ko », 1572864 → « 1,5 Mo »."""
    if size < 1024:
        return f"{count(size)} octets"
    if size < 1024 * 1024:
        return f"{number(Decimal(size) / 1024, places=0)} Ko"
    return f"{number(Decimal(size) / 1024 / 1024, places=1)} Mo"


def ascii_spaces(text: str) -> str:
    """The text with its no-break spaces made ordinary spaces (for a PDF's core fonts)."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def parse_decimal(text, places: int | None = None) -> Decimal | None:
    """What a person typed as an amount or a count: « 8 000,00 », « 8000.5 », « 8 000,00 € »
    (any space, no-break or narrow, between thousands; a comma or a point before the decimals).
    None when nothing was typed; NotANumber when it is not a number, or has more than `places`
    decimals. The caller checks the range and says it in its own words."""
    typed = "".join(str(text or "").split())
    if typed.endswith("€"):
        typed = typed[:-1]
    if not typed:
        return None
    if not TYPED_NUMBER.fullmatch(typed):
        raise NotANumber(NOT_A_NUMBER)
    try:
        # Babel reads the normalised text with the locale's decimal comma.
        value = numbers.parse_decimal(typed.replace(".", ","), locale=LOCALE, strict=True)
    except (numbers.NumberFormatError, InvalidOperation):
        raise NotANumber(NOT_A_NUMBER)
    if places is not None and value.as_tuple().exponent < -places:
        raise NotANumber(NOT_A_NUMBER)
    return value


# Dates -----------------------------------------------------------------------------------------

def in_paris(moment: datetime.datetime) -> datetime.datetime:
    """A stored datetime (naive UTC, or aware) as the time it was in Paris."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    return moment.astimezone(PARIS)


def calendar_day(value: datetime.date | datetime.datetime) -> datetime.date:
    """The day in Paris of a stored datetime; a date is already a day."""
    if isinstance(value, datetime.datetime):
        return in_paris(value).date()
    return value


def today() -> datetime.date:
    """Today in Paris."""
    return datetime.datetime.now(PARIS).date()


def date(value) -> str:
    """« 01/04/2026 »: a date as it is, a stored datetime its day in Paris; None → "". What
    Babel writes for dd/MM/yyyy, written directly."""
    if value is None:
        return ""
    day = calendar_day(value)
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def long_date(value) -> str:
    """« 1 avril 2026 » (a stored datetime: its day in Paris); None → ""."""
    if value is None:
        return ""
    return dates.format_date(calendar_day(value), LONG_DATE, locale=LOCALE)


def date_time(value: datetime.datetime | None) -> str:
    """A stored datetime in Paris time: « 01/04/2026 à 01:30 »; None → ""."""
    if value is None:
        return ""
    return dates.format_datetime(in_paris(value), DATETIME, tzinfo=PARIS, locale=LOCALE)


def clock(value: datetime.datetime | None) -> str:
    """A stored datetime's time of day in Paris, as one says it: « 14 h 32 »; None → ""."""
    if value is None:
        return ""
    moment = in_paris(value)
    return f"{moment.hour} h {moment.minute:02d}"
