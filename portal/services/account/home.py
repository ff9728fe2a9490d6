"""What the operator's private home shows: the news for operators and the account's statistics."""
from peewee import fn

from portal.models import Account, Enrolment, NewsItem
from portal.models.enrolment import STATUS_LABELS
from portal.services.content import publications as content

NEWS_LIMIT = 6


def operator_news(limit: int = NEWS_LIMIT) -> list[NewsItem]:
    """The news reserved to operators, published by today, newest first."""
    return content.news(True, limit)


def enrolment_statistics(account: Account) -> dict:
    """The account's own enrolments counted by status (one query), every status of the seeds
    listed in their order, with the total."""
    counts = dict(Enrolment.select(Enrolment.status, fn.COUNT(Enrolment.id))
                  .where(Enrolment.holder == account)
                  .group_by(Enrolment.status).tuples())
    rows = [(code, label, counts.get(code, 0)) for code, label in STATUS_LABELS.items()]
    return {"rows": rows, "total": sum(count for _, _, count in rows)}
