"""Filterable, sortable, paginated tables: a table is a list of columns; `read()` turns the query
string into filters, a sort and a page, applied in SQL (one query for the rows, one COUNT, capped:
services/core/paging.py).

The query string says it all (bookmarks, back button, sharing): one parameter per filtered
column (its key; repeated for a MULTI filter; `<key>_du` and `<key>_au` for a RANGE of days),
`tri` for the sort (`key` ascending, `-key` descending; a sort button sends `trier`, which wins),
`page`. Above `Table.filter_above` rows, nothing is listed until a filter is set.

Every list of the portal is a table: the operator's own tables and the back-office queues alike.
A filter that is not a column of its own (the two bounds of a filing date, a search over several
fields) is a column that is not `shown`.
"""
import datetime
from dataclasses import dataclass, field
from typing import Callable

from portal.services.core import paging
from portal.services.core.paging import Page, page_number, paginate
from portal.formatting import PARIS

TEXT, CHOICE, DATE, MULTI, RANGE = "text", "choice", "date", "multi", "range"
SINCE, UNTIL = "since", "until"  # one bound of a range of days, each optional
INVALID_DATE = "Cette date n'est pas valide : saisissez-la au format JJ/MM/AAAA."
BOTH_DATES = "Saisissez les deux dates (du… au…) pour rechercher entre deux dates."
SEARCHED = "rechercher"  # sent by the « Rechercher » button, not by a keystroke
DATES_INVERTED = "La date de fin est antérieure à la date de début."
UNTIL_BEFORE_SINCE = "Cette date est antérieure à la date de début."
MAX_TEXT = 100


@dataclass(frozen=True)
class Column:
    key: str  # its name in the query string
    label: str
    expression: object = None  # what is filtered and sorted (a peewee field or expression)
    filter: str | None = TEXT  # TEXT, CHOICE, DATE, MULTI, RANGE, SINCE, UNTIL or None
    choices: tuple = ()  # (value, label) pairs of a CHOICE filter
    where: Callable | None = None  # where(value) → a condition, instead of the default one
    sortable: bool = True
    hint: str = ""
    suggest: str | None = None  # endpoint of a <datalist> of suggestions for a TEXT filter
    shown: bool = True  # False: a filter (or a sort) without a column of its own
    all_label: str = "Tous"  # the first option of a CHOICE filter: no filter
    filter_label: str = ""  # the filter's label when it is not the column's
    since: str | None = None  # an UNTIL filter: the key of the SINCE filter it may not precede


@dataclass(frozen=True)
class Table:
    name: str  # prefix of the html ids
    columns: tuple[Column, ...]
    default_sort: str  # "key" or "-key"
    per_page: int = 20
    tiebreak: object = None  # a unique expression ending every sort (stable pages)
    filter_above: int | None = None  # above this many rows, a filter must be set first
    id_prefix: str | None = None  # of the html ids; None: the name and a hyphen
    table_id: str | None = None  # the html id of the <table>'s frame; None: <prefix>table

    def column(self, key: str) -> Column | None:
        return next((c for c in self.columns if c.key == key), None)

    def html_id(self, part: str) -> str:
        """The html id of a part of the table (« filtres », « resultats », a filter's key…)."""
        return (f"{self.name}-" if self.id_prefix is None else self.id_prefix) + part

    @property
    def frame_id(self) -> str:
        return self.table_id or self.html_id("table")

    @property
    def shown(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.shown)


@dataclass
class View:
    """A table as read from the query string, with its page of rows."""
    table: Table
    values: dict  # key → the text of its filter (as typed, kept even when invalid)
    sort: str
    errors: dict = field(default_factory=dict)  # key → French message
    page: Page | None = None
    needs_filter: bool = False  # too many rows to list without a filter
    applied: set = field(default_factory=set)  # the keys whose filter is in the SQL

    @property
    def sort_key(self) -> str:
        return self.sort.lstrip("-")

    @property
    def descending(self) -> bool:
        return self.sort.startswith("-")

    def args(self, **changes) -> dict:
        """The query string of this view (filters and sort), changed by `changes`."""
        args = {}
        for key, value in self.values.items():
            column = self.table.column(key)
            if column is not None and column.filter == RANGE:
                args.update({f"{key}_du": value[0], f"{key}_au": value[1]})
            elif value:
                args[key] = value
        if self.sort != self.table.default_sort:
            args["tri"] = self.sort
        args.update(changes)
        return {key: value for key, value in args.items() if value not in ("", None)}

    def aria_sort(self, column: Column) -> str | None:
        if column.key != self.sort_key:
            return None
        return "descending" if self.descending else "ascending"

    def next_sort(self, column: Column) -> str:
        """What the sort button of `column` asks: ascending first, then the other way."""
        return ("-" if column.key == self.sort_key and not self.descending else "") + column.key

    @property
    def filtered(self) -> bool:
        """A filter narrows the rows (an unknown or wrong one does not)."""
        return bool(self.applied)

    @property
    def sorted_by_default(self) -> bool:
        return self.sort == self.table.default_sort


def paris_day(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The day in Paris as a range of the database's UTC times: [start, end)."""
    start = datetime.datetime.combine(day, datetime.time.min, tzinfo=PARIS)
    end = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min,
                                    tzinfo=PARIS)
    return tuple(moment.astimezone(datetime.timezone.utc).replace(tzinfo=None)
                 for moment in (start, end))


def _day(text: str) -> datetime.date:
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        raise ValueError(INVALID_DATE)
    if not 1900 <= day.year <= 2100:
        raise ValueError(INVALID_DATE)
    return day


def _condition(column: Column, value, days: dict):
    """The SQL condition of a filter, or raises ValueError with the French message. `days`:
    the SINCE bounds read so far, by key."""
    if column.filter == MULTI:
        known = [v for v in value if v in {choice for choice, _ in column.choices}]
        return column.expression.in_(known) if known else None
    if column.filter == RANGE:
        if not (value[0] and value[1]):
            raise ValueError(BOTH_DATES)
        first, last = _day(value[0]), _day(value[1])
        if last < first:
            raise ValueError(DATES_INVERTED)
        return (column.expression >= paris_day(first)[0]) & (column.expression < paris_day(last)[1])
    if column.filter == SINCE:
        days[column.key] = _day(value)
        return column.expression >= paris_day(days[column.key])[0]
    if column.filter == UNTIL:
        day = _day(value)
        if column.since in days and day < days[column.since]:
            raise ValueError(UNTIL_BEFORE_SINCE)
        return column.expression < paris_day(day)[1]
    if column.filter == DATE:
        day = _day(value)
        if column.where:
            return column.where(day)
        start, end = paris_day(day)
        return (column.expression >= start) & (column.expression < end)
    if column.filter == CHOICE and value not in {choice for choice, _ in column.choices}:
        return None  # an unknown choice (an old bookmark): no filter
    if column.where:
        return column.where(value)
    if column.filter == CHOICE:
        return column.expression == value
    return column.expression.contains(value)


def read(table: Table, query, args) -> View:
    """Apply the filters, the sort and the page of `args` (request.args) to `query`: one COUNT
    (capped, paging.count) serves both the guard of `filter_above` and the pager."""
    view, query = prepare(table, query, args)
    number = page_number(args)
    cap = max(paging.CAP, table.filter_above or 0)
    counted = paging.count(query, number, table.per_page, cap)
    if table.filter_above is not None and not view.filtered and counted[0] > table.filter_above:
        view.needs_filter = True
        view.page = Page([], 0, 1, table.per_page, view.args())
    else:
        view.page = paginate(query, number, table.per_page, view.args(), counted)
    return view


def prepare(table: Table, query, args) -> tuple[View, object]:
    """The view of `args` (its filters, errors and sort) and `query` filtered and sorted, not
    paged (an export reads it whole)."""
    values, errors, applied, days = {}, {}, set(), {}
    for column in table.columns:
        if column.filter is None:
            continue
        value = _typed(column, args)
        values[column.key] = value
        if not (any(value) if isinstance(value, tuple) else value):
            continue
        if column.filter == RANGE and not all(value) and SEARCHED not in args:
            continue  # one date typed so far: the pair is checked on « Rechercher » only
        try:
            condition = _condition(column, value, days)
        except ValueError as exc:
            errors[column.key] = str(exc)
            continue
        if condition is not None:
            query = query.where(condition)
            applied.add(column.key)
    sort = args.get("trier") or args.get("tri") or table.default_sort
    column = table.column(sort.lstrip("-"))
    if column is None or not column.sortable:
        sort, column = table.default_sort, table.column(table.default_sort.lstrip("-"))
    view = View(table, values, sort, errors, applied=applied)
    order = column.expression.desc() if view.descending else column.expression.asc()
    tiebreak = [table.tiebreak.desc() if view.descending else table.tiebreak] \
        if table.tiebreak is not None else []
    return view, query.order_by(order, *tiebreak)


def _typed(column: Column, args):
    """The filter's value as typed: a text, a list (MULTI), a pair of texts (RANGE)."""
    if column.filter == MULTI:
        getlist = getattr(args, "getlist", lambda key: [args[key]] if args.get(key) else [])
        return [v.strip()[:MAX_TEXT] for v in getlist(column.key) if v.strip()]
    if column.filter == RANGE:
        return tuple((args.get(f"{column.key}_{end}") or "").strip()[:MAX_TEXT]
                     for end in ("du", "au"))
    return (args.get(column.key) or "").strip()[:MAX_TEXT]
