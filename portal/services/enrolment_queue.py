"""The managers' queue of enrolments: filtered, oldest first, paginated — in SQL, one query for
the rows and one for the count."""
import datetime
import math
from dataclasses import dataclass

from portal.models import Enrolment
from portal.models.enrolment import KIND_COMPLEMENTARY, KIND_INITIAL, STATUS_LABELS
from portal.templating import PARIS

PER_PAGE = 20
KIND_FILTERS = {  # the « Type d'enrôlement » filter: three kinds that do not overlap
    "initial": "Enrôlement initial",
    "complementaire": "Enrôlement complémentaire",
    "anticipe": "Enrôlement anticipé (initial ou complémentaire)",
}


@dataclass
class Filters:
    status: str = ""
    kind: str = ""
    filed_from: datetime.date | None = None
    filed_to: datetime.date | None = None

    def as_args(self) -> dict:
        """The filters as the query string of the queue says them."""
        args = {"statut": self.status, "type": self.kind,
                "du": self.filed_from.isoformat() if self.filed_from else "",
                "au": self.filed_to.isoformat() if self.filed_to else ""}
        return {name: value for name, value in args.items() if value}


@dataclass
class Page:
    rows: list
    total: int
    number: int
    filters: Filters
    per_page: int = PER_PAGE

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


def _utc_midnight(day: datetime.date) -> datetime.datetime:
    """Midnight in Paris (where the filing date is read) as the database's UTC time."""
    local = datetime.datetime.combine(day, datetime.time.min, tzinfo=PARIS)
    return local.astimezone(datetime.timezone.utc).replace(tzinfo=None)


def search(filters: Filters, page: int = 1) -> Page:
    query = Enrolment.select()
    if filters.status in STATUS_LABELS:
        query = query.where(Enrolment.status == filters.status)
    if filters.kind == "initial":
        query = query.where(Enrolment.kind == KIND_INITIAL, Enrolment.anticipated == False)  # noqa: E712
    elif filters.kind == "complementaire":
        query = query.where(Enrolment.kind == KIND_COMPLEMENTARY, Enrolment.anticipated == False)  # noqa: E712
    elif filters.kind == "anticipe":
        query = query.where(Enrolment.anticipated == True)  # noqa: E712
    if filters.filed_from:
        query = query.where(Enrolment.submitted_at >= _utc_midnight(filters.filed_from))
    if filters.filed_to:
        query = query.where(Enrolment.submitted_at <
                            _utc_midnight(filters.filed_to + datetime.timedelta(days=1)))
    total = query.count()
    pages = max(1, math.ceil(total / PER_PAGE))
    number = min(max(1, page or 1), pages)
    rows = list(query.order_by(Enrolment.submitted_at, Enrolment.id).paginate(number, PER_PAGE))
    return Page(rows, total, number, filters)
