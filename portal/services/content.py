"""News and FAQ shown on the public site."""
from portal.models import FaqEntry, NewsItem


def public_news(limit: int = 5):
    return list(NewsItem.select().where(NewsItem.for_operators == False)  # noqa: E712
                .order_by(NewsItem.published_on.desc()).limit(limit))


def faq():
    return list(FaqEntry.select().order_by(FaqEntry.position, FaqEntry.id))
