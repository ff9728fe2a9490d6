"""News and FAQ edited by an admin (the CSV import of reference_import loads them in bulk)."""
import datetime

from peewee import fn

from portal.models import FaqEntry, NewsItem
from portal.services import content


def news_items() -> list[NewsItem]:
    return list(NewsItem.select().order_by(NewsItem.published_on.desc(), NewsItem.id.desc()))


def faq_entries() -> list[FaqEntry]:
    return content.faq()


def new_news_defaults() -> dict:
    return {"published_on": datetime.date.today().isoformat()}


def new_faq_defaults() -> dict:
    last = FaqEntry.select(fn.MAX(FaqEntry.position)).scalar() or 0
    return {"position": str(last + 1)}


def _taken(model, field, value, item) -> bool:
    query = model.select().where(fn.LOWER(field) == value.lower())
    if item is not None:
        query = query.where(model.id != item.id)
    return query.exists()


def save_news(item: NewsItem | None, values: dict) -> tuple[NewsItem | None, dict]:
    """Create (item None) or update a news item; its title is its key for the CSV import, so two
    items may not share one. Returns (item, errors)."""
    if _taken(NewsItem, NewsItem.title, values["title"], item):
        return item, {"title": "Une actualité porte déjà ce titre : choisissez-en un autre."}
    return _save(NewsItem, item, values), {}


def save_faq(entry: FaqEntry | None, values: dict) -> tuple[FaqEntry | None, dict]:
    if _taken(FaqEntry, FaqEntry.question, values["question"], entry):
        return entry, {"question": "Cette question figure déjà dans la foire aux questions."}
    return _save(FaqEntry, entry, values), {}


def _save(model, item, values):
    if item is None:
        return model.create(**values)
    for name, value in values.items():
        setattr(item, name, value)
    item.save()
    return item


def delete(item) -> None:
    item.delete_instance()
