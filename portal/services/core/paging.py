"""One page of a query: the rows (one SQL query with LIMIT/OFFSET), the total (one COUNT), and
what the pagination component needs. Every table of the portal pages through this helper."""
import math
from dataclasses import dataclass, field


@dataclass
class Page:
    rows: list
    total: int
    number: int
    per_page: int
    args: dict = field(default_factory=dict)  # the filters, as the query string says them

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def first_row(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.total else 0

    @property
    def last_row(self) -> int:
        return min(self.number * self.per_page, self.total)

    def numbers(self) -> list[int | None]:
        """The page numbers to show: first, last and those around the current one (None: a gap)."""
        shown = sorted({1, self.pages, *range(max(1, self.number - 2),
                                              min(self.pages, self.number + 2) + 1)})
        result = []
        for n in shown:
            if result and n - result[-1] > 1:
                result.append(None)
            result.append(n)
        return result


def page_number(args) -> int:
    """The page asked in the query string (1 when absent or not a number)."""
    try:
        return int(args.get("page") or 1)
    except ValueError:
        return 1


def paginate(query, number: int, per_page: int, args: dict | None = None) -> Page:
    """The page `number` of an ordered query; a number out of range gives the nearest page."""
    total = query.count()
    pages = max(1, math.ceil(total / per_page))
    number = min(max(1, number or 1), pages)
    return Page(list(query.paginate(number, per_page)), total, number, per_page, args or {})
