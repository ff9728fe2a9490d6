"""The one CSV writer of the exports: UTF-8 with BOM, « ; », CRLF, as a French spreadsheet opens
it, streamed line by line. Every cell is neutralised against formula injection as OWASP advises
(a cell starting with = + - @, a tab or a carriage return gets a leading single quote), and
cleaned of NUL and other control characters."""
import csv
import io
import re
from collections.abc import Iterable, Iterator

from portal.services.core.cleaning import clean_text

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")  # a plain number (formatting.plain) is left alone


def cell(value) -> str:
    text = "" if value is None else clean_text(str(value))
    if text.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(text):
        return "'" + text
    return text


def lines(header: Iterable, rows: Iterable[Iterable]) -> Iterator[str]:
    """The CSV text of `header` then `rows`, one line at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")

    def line(values) -> str:
        writer.writerow([cell(value) for value in values])
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    yield "\ufeff" + line(header)
    for row in rows:
        yield line(row)
