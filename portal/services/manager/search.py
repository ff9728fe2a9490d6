"""The search box of the back-office's header: a dossier found by any of its numbers (enrolment,
funding request or dossier, publisher's number), its SIRET, its denomination or the e-mail of its
account holder, as one types — at most RESULTS, each query on an index (migration 0034; funding
numbers: the trigrams of 0022, through operator_table.number_contains). Staff only: the route is
under the back-office's guard."""
from dataclasses import dataclass

from peewee import PostgresqlDatabase

from portal.extensions import db
from portal.models import Enrolment, FundingRequest
from portal.models.funding import INCOMPLETE
from portal.services.funding.operator_table import number_contains

RESULTS = 10
AT_LEAST = 2  # characters typed before anything is looked for
MAX_TYPED = 100


@dataclass(frozen=True)
class Found:
    kind: str  # « Enrôlement », « Demande de financement »
    number: str
    name: str  # the operator's denomination
    status: str
    endpoint: str
    args: dict


def _starts(column, typed: str):
    """`column` starts with `typed`, on an index: a pattern index (PostgreSQL), a range of the
    column's own order (SQLite)."""
    if isinstance(db.database.obj, PostgresqlDatabase):
        escaped = typed.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return column % f"{escaped}%"
    return (column >= typed) & (column < typed + "\U0010ffff")


def _named(typed: str):
    """The denomination holds `typed`, any case: trigrams (PostgreSQL) or its start (SQLite's
    case-blind index)."""
    if isinstance(db.database.obj, PostgresqlDatabase):
        return Enrolment.denomination.contains(typed)  # ILIKE '%typed%'
    return Enrolment.denomination.startswith(typed)  # LIKE 'typed%', NOCASE index


def _enrolments(typed: str) -> list[Found]:
    digits = typed.replace(" ", "")
    found = _starts(Enrolment.number, typed.upper()) | _named(typed) | \
        _starts(Enrolment.holder_email, typed.lower())
    if digits.isdigit():
        found |= _starts(Enrolment.siret, digits)
    return [Found("Enrôlement", e.number, e.denomination, e.status_label,
                  "backoffice.enrolments.enrolment", {"number": e.number})
            for e in Enrolment.select(Enrolment.number, Enrolment.denomination, Enrolment.status)
            .where(found, ~Enrolment.number.startswith("provisoire-"))
            .limit(RESULTS + 1)]


def _requests(typed: str) -> list[Found]:
    found = number_contains(typed.replace(" ", "")) | _starts(FundingRequest.publisher_number,
                                                              typed)
    return [Found("Demande de financement", r.number, r.enrolment.denomination, r.status_label,
                  "backoffice.funding.show", {"funding_number": r.number})
            for r in FundingRequest.select(FundingRequest.number, FundingRequest.status,
                                           Enrolment.denomination).join(Enrolment)
            .where(found, FundingRequest.status != INCOMPLETE)
            .limit(RESULTS + 1)]


def search(typed: str | None) -> tuple[list[Found], bool]:
    """The dossiers `typed` finds (at most RESULTS, by number), and whether there are more.
    Each query stops at RESULTS + 1 rows, unsorted: a text most rows hold (« FIN ») costs no
    sort of them all."""
    typed = (typed or "").strip()[:MAX_TYPED]
    if len(typed) < AT_LEAST:
        return [], False
    found = sorted(_requests(typed), key=lambda f: f.number) + \
        sorted(_enrolments(typed), key=lambda f: f.number)
    return found[:RESULTS], len(found) > RESULTS
