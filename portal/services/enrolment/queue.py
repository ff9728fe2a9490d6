"""The managers' queue of enrolments: filtered, oldest first, paginated — in SQL, one query for
the rows and one for the count."""
import datetime
from dataclasses import dataclass

from portal.models import Enrolment
from portal.models.enrolment import KIND_COMPLEMENTARY, KIND_INITIAL, STATUS_LABELS
from portal.services.core.paging import Page, paginate
from portal.services.core.tables import paris_day

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


def search(filters: Filters, page: int = 1) -> Page:
    """The page `page` of the enrolments the filters keep, oldest first."""
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
        query = query.where(Enrolment.submitted_at >= paris_day(filters.filed_from)[0])
    if filters.filed_to:
        query = query.where(Enrolment.submitted_at < paris_day(filters.filed_to)[1])
    return paginate(query.order_by(Enrolment.submitted_at, Enrolment.id), page, PER_PAGE,
                    filters.as_args())
