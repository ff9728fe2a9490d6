"""One page of a query: the rows (one SQL query with LIMIT/OFFSET), the total (one COUNT, capped),
and what the pagination component needs. Every table of the portal pages through this helper.

The COUNT reads at most `cap` + 1 rows (beyond the page asked): above, « plus de 1 000 » says as
much as an exact figure would, at a fraction of the cost; the pager then offers the pages known
and « Page suivante » while there are more."""
import math
from dataclasses import dataclass, field

CAP = 1000  # rows counted at most (beyond the page asked)


@dataclass
class Page:
    rows: list
    total: int  # the rows counted: all of them, or the `known` first ones when `more`
    number: int
    per_page: int
    args: dict = field(default_factory=dict)  # the filters, as the query string says them
    more: bool = False  # there are more rows than `total`

    @property
    def pages(self) -> int:
        """The pages known (all of them unless `more`)."""
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_next(self) -> bool:
        return self.number < self.pages or self.more

    @property
    def first_row(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.total else 0

    @property
    def last_row(self) -> int:
        return min(self.number * self.per_page, self.total)

    def numbers(self) -> list[int | None]:
        """The page numbers to show: first, last known and those around the current one (None: a
        gap, also after the last known when there are more)."""
        shown = sorted({1, self.pages, *range(max(1, self.number - 2),
                                              min(self.pages, self.number + 2) + 1)})
        result = []
        for n in shown:
            if result and n - result[-1] > 1:
                result.append(None)
            result.append(n)
        return result + [None] if self.more else result


def page_number(args) -> int:
    """The page asked in the query string (1 when absent or not a number)."""
    try:
        return int(args.get("page") or 1)
    except ValueError:
        return 1


def count(query, number: int, per_page: int, cap: int = CAP) -> tuple[int, bool]:
    """(rows counted, more?): one COUNT over at most max(cap, the rows up to page `number`) + 1
    rows: SELECT COUNT(1) FROM (SELECT 1 … LIMIT n)."""
    known = max(cap, max(1, number) * per_page)
    counted = query.limit(known + 1).count()
    return min(counted, known), counted > known


def paginate(query, number: int, per_page: int, args: dict | None = None, counted=None) -> Page:
    """The page `number` of an ordered query; a number out of range gives the nearest page.
    `counted`: the (total, more) of `count()` when the caller counted already."""
    number = max(1, number or 1)
    total, more = counted or count(query, number, per_page)
    number = min(number, max(1, math.ceil(total / per_page)))
    return Page(list(query.paginate(number, per_page)), total, number, per_page, args or {}, more)
