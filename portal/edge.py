"""Input cleaned once, where it enters the app (see DESIGN.md, security habits).

- Every value of the query string and of the posted form loses its NUL and other control
  characters (tab, line feed and carriage return are kept, for the text areas): PostgreSQL
  refuses NUL in text, and none of them means anything in a field. The views, the forms and the
  tables then never see them.
- So does every cookie; a path segment holding one matches no route (404).
- The `int` URL converter stops at 2^63 - 1, the largest id the databases store: a bigger
  number answers 404 instead of an overflow in the driver.
"""
from flask import Flask, Request
from werkzeug.datastructures import ImmutableMultiDict, MultiDict
from werkzeug.routing import IntegerConverter, UnicodeConverter

from portal.services.core.cleaning import clean_text

ID_MAX = 2 ** 63 - 1


def _clean(value):
    return clean_text(value) if isinstance(value, str) else value


class CleanMultiDict(ImmutableMultiDict):
    """The request's args, form and cookies: keys and text values cleaned (files untouched)."""

    def __init__(self, mapping=None):
        super().__init__(mapping)
        cleaned = [(_clean(key), _clean(value)) for key, value in self.items(multi=True)]
        if any(pair != original for pair, original in zip(cleaned, self.items(multi=True))):
            dict.clear(self)
            MultiDict.__init__(self, cleaned)


class CleanRequest(Request):
    parameter_storage_class = CleanMultiDict  # args and form
    dict_storage_class = CleanMultiDict  # cookies


def _digits_at_most(limit: int) -> str:
    """A regular expression of the decimal numbers from 0 to `limit`, leading zeros aside."""
    top = str(limit)
    longest = [top] + [top[:i] + f"[0-{int(digit) - 1}]" + rf"\d{{{len(top) - i - 1}}}"
                       for i, digit in enumerate(top) if digit != "0"]
    shorter = [rf"\d{{1,{len(top) - 1}}}"] if len(top) > 1 else []
    return "(?:" + "|".join(shorter + longest) + ")"


class IdConverter(IntegerConverter):
    """`<int:…>` for the whole app: a number a database id can be, else no route (404). The
    path itself does not match beyond 2^63 - 1, so every method answers 404 alike (werkzeug
    checks the method before the converter's maximum)."""
    regex = _digits_at_most(ID_MAX)

    def __init__(self, map, fixed_digits=0, min=None, max=ID_MAX, signed=False):
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


class TextConverter(UnicodeConverter):
    """`<name>` and `<string:name>`: a path segment holding a control character (« %00 »)
    matches no route (404)."""

    def __init__(self, map, minlength=1, maxlength=None, length=None):
        super().__init__(map, minlength=minlength, maxlength=maxlength, length=length)
        self.regex = self.regex.replace("[^/]", r"[^/\x00-\x1f\x7f]")


def install(app: Flask) -> None:
    """Before any blueprint is registered (their rules take the converters then)."""
    app.request_class = CleanRequest
    app.url_map.converters["int"] = IdConverter
    app.url_map.converters["default"] = app.url_map.converters["string"] = TextConverter
