"""News and FAQ edited by an admin (the CSV import of reference_import loads them in bulk)."""
from portal import formatting
from portal.models import FaqEntry, NewsItem
from portal.models.reference import DEFAULT_RUBRIC
from portal.services.content import publications as content
from portal.services.core.errors import Refused
from portal.services.reference import csv_import as reference_import


def news_items() -> list[NewsItem]:
    return list(NewsItem.select().order_by(NewsItem.published_on.desc(), NewsItem.id.desc()))


def faq_entries() -> list[FaqEntry]:
    return content.faq()


def new_news_defaults() -> dict:
    return {"published_on": formatting.today().isoformat()}


def new_faq_defaults() -> dict:
    """After the last question, in its rubric."""
    last = FaqEntry.select().order_by(FaqEntry.position.desc(), FaqEntry.id.desc()).first()
    return {"position": str(last.position + 1 if last else 1),
            "rubric": last.rubric if last else DEFAULT_RUBRIC}


def faq_rubrics() -> list[str]:
    return content.rubrics()


def _taken(kind: str, value: str, item) -> bool:
    """Whether another row has this key (the CSV import's key, whatever its case)."""
    dataset = reference_import.DATASETS[kind]
    row_id = reference_import.existing_ids(dataset, [value]).get(dataset.folded(value))
    return row_id is not None and (item is None or row_id != item.id)


def save_news(item: NewsItem | None, values: dict) -> NewsItem:
    """Create (item None) or update a news item; its title is its key for the CSV import, so two
    items may not share one. Raises Refused."""
    if _taken("news", values["title"], item):
        raise Refused({"title": "Une actualité porte déjà ce titre : choisissez-en un autre."})
    return _save(NewsItem, item, values)


def save_faq(entry: FaqEntry | None, values: dict) -> FaqEntry:
    """Likewise for a FAQ entry, keyed by its question. Raises Refused."""
    if _taken("faq", values["question"], entry):
        raise Refused({"question": "Cette question figure déjà dans la foire aux questions."})
    return _save(FaqEntry, entry, values)


def _save(model, item, values):
    if item is None:
        return model.create(**values)
    for name, value in values.items():
        setattr(item, name, value)
    item.save()
    return item


def delete(item) -> None:
    item.delete_instance()
