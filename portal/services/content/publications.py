"""News and FAQ shown on the public site and in the private space."""
import unicodedata

from portal import formatting
from portal.models import FaqEntry, NewsItem


def news(for_operators: bool, limit: int):
    """The news of one audience published by today (Paris time), newest first: a news item
    dated later waits for its day."""
    today = formatting.today()
    return list(NewsItem.select().where(NewsItem.for_operators == for_operators,
                                        NewsItem.published_on <= today)
                .order_by(NewsItem.published_on.desc(), NewsItem.id.desc()).limit(limit))


def public_news(limit: int = 5):
    return news(False, limit)


def faq():
    return list(FaqEntry.select().order_by(FaqEntry.position, FaqEntry.id))


def by_rubric(entries) -> list[tuple[str, list]]:
    """The entries (in position order) under their rubrics: each rubric once, where its first
    question comes, with its questions in order."""
    groups: dict[str, list] = {}
    for entry in entries:
        groups.setdefault(entry.rubric, []).append(entry)
    return list(groups.items())


def rubrics() -> list[str]:
    """The rubrics in use, in the order the FAQ shows them (the admin form suggests them)."""
    return [rubric for rubric, _ in by_rubric(faq())]


def folded(text: str) -> str:
    """Lower case without accents: « Dépôt » and « depot » match."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def search_faq(query: str) -> list:
    """The questions whose rubric, question or answer holds every word of `query`, whatever the
    accents and the case (the FAQ is a few dozen entries: read once, filtered here)."""
    words = folded(query).split()
    return [entry for entry in faq()
            if all(word in folded(f"{entry.rubric} {entry.question} {entry.answer}")
                   for word in words)]
