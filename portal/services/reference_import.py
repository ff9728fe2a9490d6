"""CSV importers of the reference data (used by the CLI and the admin screens)."""
import csv
import datetime
import io

from portal.extensions import db
from portal.models import AnsReferencing, Company, FaqEntry, NewsItem

YES = {"oui", "o", "yes", "y", "true", "1", "validé", "valide"}


def _rows(stream):
    text = stream.read()
    if isinstance(text, bytes):
        text = text.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def _upsert(model, key, rows):
    with db.database.atomic():
        for row in rows:
            existing = model.get_or_none(getattr(model, key) == row[key])
            if existing:
                model.update(**row).where(model.id == existing.id).execute()
            else:
                model.create(**row)
    return len(rows)


def import_ans(stream) -> int:
    rows = [{
        "number": r["number"].strip(), "software_name": r["software_name"].strip(),
        "software_version": r["software_version"].strip(), "dsr": r["dsr"].strip(),
        "profile": r["profile"].strip(), "validated": r["validated"].strip().lower() in YES,
        "holder_siret": r["holder_siret"].replace(" ", ""),
    } for r in _rows(stream)]
    return _upsert(AnsReferencing, "number", rows)


def import_companies(stream) -> int:
    rows = [{k: (v or "").strip() for k, v in r.items()} for r in _rows(stream)]
    for row in rows:
        row["siret"] = row["siret"].replace(" ", "")
    return _upsert(Company, "siret", rows)


def import_news(stream) -> int:
    rows = [{
        "title": r["title"].strip(), "body": r["body"].strip(),
        "published_on": datetime.date.fromisoformat(r["published_on"].strip()),
        "for_operators": r["for_operators"].strip().lower() in YES,
    } for r in _rows(stream)]
    return _upsert(NewsItem, "title", rows)


def import_faq(stream) -> int:
    rows = [{"question": r["question"].strip(), "answer": r["answer"].strip(),
             "position": int(r["position"])} for r in _rows(stream)]
    return _upsert(FaqEntry, "question", rows)


IMPORTERS = {"ans": import_ans, "companies": import_companies, "news": import_news,
             "faq": import_faq}
DEMO_FILES = {"ans": "ans_referencing.csv", "companies": "companies.csv", "news": "news.csv",
              "faq": "faq.csv"}
