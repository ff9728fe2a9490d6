"""Filterable, sortable, paginated tables: a table is a list of columns; `read()` turns the query
string into filters, a sort and a page, applied in SQL (one query for the rows, one COUNT).

The query string says it all (bookmarks, back button, sharing): one parameter per filtered
column (its key), `tri` for the sort (`key` ascending, `-key` descending; a sort button sends
`trier`, which wins), `page`.
"""
import datetime
from dataclasses import dataclass, field
from typing import Callable

from portal.services.paging import Page, page_number, paginate
from portal.templating import PARIS

TEXT, CHOICE, DATE = "text", "choice", "date"
INVALID_DATE = "Cette date n'est pas valide : saisissez-la au format JJ/MM/AAAA."
MAX_TEXT = 100


@dataclass(frozen=True)
class Column:
    key: str  # its name in the query string
    label: str
    expression: object = None  # what is filtered and sorted (a peewee field or expression)
    filter: str | None = TEXT  # TEXT, CHOICE, DATE or None (not filterable)
    choices: tuple = ()  # (value, label) pairs of a CHOICE filter
    where: Callable | None = None  # where(value) → a condition, instead of the default one
    sortable: bool = True
    hint: str = ""


@dataclass(frozen=True)
class Table:
    name: str  # prefix of the html ids
    columns: tuple[Column, ...]
    default_sort: str  # "key" or "-key"
    per_page: int = 20
    tiebreak: object = None  # a unique expression ending every sort (stable pages)

    def column(self, key: str) -> Column | None:
        return next((c for c in self.columns if c.key == key), None)


@dataclass
class View:
    """A table as read from the query string, with its page of rows."""
    table: Table
    values: dict  # key → the text of its filter (as typed, kept even when invalid)
    sort: str
    errors: dict = field(default_factory=dict)  # key → French message
    page: Page | None = None

    @property
    def sort_key(self) -> str:
        return self.sort.lstrip("-")

    @property
    def descending(self) -> bool:
        return self.sort.startswith("-")

    def args(self, **changes) -> dict:
        """The query string of this view (filters and sort), changed by `changes`."""
        args = {key: value for key, value in self.values.items() if value}
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
        return any(self.values.values())


def paris_day(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The day in Paris as a range of the database's UTC times: [start, end)."""
    start = datetime.datetime.combine(day, datetime.time.min, tzinfo=PARIS)
    end = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min,
                                    tzinfo=PARIS)
    return tuple(moment.astimezone(datetime.timezone.utc).replace(tzinfo=None)
                 for moment in (start, end))


def _condition(column: Column, value: str):
    """The SQL condition of a filter, or raises ValueError with the French message."""
    if column.filter == DATE:
        try:
            day = datetime.date.fromisoformat(value)
        except ValueError:
            raise ValueError(INVALID_DATE)
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
    """Apply the filters, the sort and the page of `args` (request.args) to `query`."""
    values, errors = {}, {}
    for column in table.columns:
        if column.filter is None:
            continue
        value = (args.get(column.key) or "").strip()[:MAX_TEXT]
        values[column.key] = value
        if not value:
            continue
        try:
            condition = _condition(column, value)
        except ValueError as exc:
            errors[column.key] = str(exc)
            continue
        if condition is not None:
            query = query.where(condition)
    sort = args.get("trier") or args.get("tri") or table.default_sort
    column = table.column(sort.lstrip("-"))
    if column is None or not column.sortable:
        sort, column = table.default_sort, table.column(table.default_sort.lstrip("-"))
    view = View(table, values, sort, errors)
    order = column.expression.desc() if view.descending else column.expression.asc()
    tiebreak = [table.tiebreak.desc() if view.descending else table.tiebreak] \
        if table.tiebreak is not None else []
    number = page_number(args)
    view.page = paginate(query.order_by(order, *tiebreak), number, table.per_page, view.args())
    return view
