"""CSV importers of the reference data (used by the CLI and the admin screens).

A file is read whole and checked line by line before anything is written: a wrong line refuses the
file with `ImportRefused`, whose French message says which line and why; a good file is upserted
on its key in one transaction. Columns are separated by commas or semicolons (Excel's French CSV),
the text is UTF-8 (with or without BOM).
"""
import csv
import datetime
import io
from dataclasses import dataclass
from typing import Callable

from peewee import chunked

from portal.extensions import db
from portal.models import AnsReferencing, Company, FaqEntry, NewsItem

YES = {"oui", "o", "yes", "y", "true", "1", "validé", "valide", "vrai"}
NO = {"non", "n", "no", "false", "0", "", "faux"}
UPLOAD_MAX_BYTES = 5 * 1024 * 1024  # through the admin screen; the CLI has no limit
BATCH = 200


class ImportRefused(ValueError):
    """The file is refused; the message (French) says why, and on which line."""


# Cell parsers: each returns the value to store or raises ValueError with the French reason.
def text(value: str, column: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValueError(f"la colonne « {column} » est vide.")
    return value


def optional_text(value: str, column: str) -> str:
    return (value or "").strip()


def yes_no(value: str, column: str) -> bool:
    cleaned = (value or "").strip().lower()
    if cleaned in YES:
        return True
    if cleaned in NO:
        return False
    raise ValueError(f"la colonne « {column} » vaut « {value.strip()} » : attendu oui ou non.")


def siret(value: str, column: str) -> str:
    digits = "".join((value or "").split()).replace(".", "")
    if not (digits.isdigit() and len(digits) == 14):
        raise ValueError(f"le SIRET « {(value or '').strip()} » (colonne « {column} ») doit "
                         "comporter 14 chiffres.")
    return digits


def postcode(value: str, column: str) -> str:
    cleaned = (value or "").strip()
    if not (cleaned.isdigit() and len(cleaned) == 5):
        raise ValueError(f"le code postal « {cleaned} » (colonne « {column} ») doit comporter "
                         "5 chiffres.")
    return cleaned


def date(value: str, column: str) -> datetime.date:
    cleaned = (value or "").strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(cleaned, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"la date « {cleaned} » (colonne « {column} ») doit être au format "
                     "AAAA-MM-JJ ou JJ/MM/AAAA.")


def integer(value: str, column: str) -> int:
    cleaned = (value or "").strip()
    try:
        return int(cleaned)
    except ValueError:
        raise ValueError(f"la colonne « {column} » vaut « {cleaned} » : attendu un nombre entier.")


@dataclass(frozen=True)
class Dataset:
    """One kind of reference data: its CSV columns (name → parser, model field of the same name),
    its key, and how the admin screen lists it (heading, field)."""
    kind: str
    label: str
    model: type
    key: str
    columns: dict[str, Callable]
    listed: tuple[tuple[str, str], ...]
    demo_file: str
    latest_first: tuple = ()

    def order(self):
        return self.latest_first or (self.model.id.desc(),)


DATASETS = {d.kind: d for d in (
    Dataset("ans", "Liste des référencements ANS", AnsReferencing, "number",
            {"number": text, "software_name": text, "software_version": text, "dsr": text,
             "profile": text, "validated": yes_no, "holder_siret": siret},
            (("Numéro de référencement ANS", "number"), ("Logiciel", "software_name"),
             ("Version", "software_version"), ("DSR", "dsr"), ("Profil", "profile"),
             ("Référencement validé", "validated"), ("SIRET du titulaire", "holder_siret")),
            "ans_referencing.csv"),
    Dataset("companies", "Répertoire des établissements", Company, "siret",
            {"siret": siret, "denomination": text, "street": optional_text,
             "postcode": postcode, "commune": text},
            (("SIRET", "siret"), ("Dénomination", "denomination"), ("Adresse", "street"),
             ("Code postal", "postcode"), ("Commune", "commune")),
            "companies.csv"),
    Dataset("news", "Actualités", NewsItem, "title",
            {"published_on": date, "for_operators": yes_no, "title": text, "body": text},
            (("Date de publication", "published_on"), ("Titre", "title"),
             ("Réservée aux opérateurs", "for_operators")),
            "news.csv", (NewsItem.published_on.desc(), NewsItem.id.desc())),
    Dataset("faq", "Foire aux questions", FaqEntry, "question",
            {"position": integer, "question": text, "answer": text},
            (("Position", "position"), ("Question", "question")),
            "faq.csv", (FaqEntry.position, FaqEntry.id)),
)}


def _decode(stream, max_bytes: int | None) -> str:
    content = stream.read() if max_bytes is None else stream.read(max_bytes + 1)
    if isinstance(content, str):
        return content.lstrip("\ufeff")
    if max_bytes is not None and len(content) > max_bytes:
        raise ImportRefused(f"Le fichier dépasse la taille maximale de {max_bytes // 1024 // 1024} Mo.")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefused("Le fichier n'est pas encodé en UTF-8 : enregistrez-le au format "
                            "« CSV UTF-8 » puis importez-le de nouveau.")


def read_rows(dataset: Dataset, stream, max_bytes: int | None = None) -> list[dict]:
    """The file's lines as model rows; ImportRefused at the first wrong line."""
    content = _decode(stream, max_bytes)
    first_line = content.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(content), delimiter=delimiter)
    header = [name.strip() for name in (reader.fieldnames or [])]
    if not header:
        raise ImportRefused("Le fichier est vide.")
    reader.fieldnames = header
    missing = [name for name in dataset.columns if name not in header]
    if missing:
        raise ImportRefused(f"Colonne{'s' if len(missing) > 1 else ''} manquante"
                            f"{'s' if len(missing) > 1 else ''} : {', '.join(missing)}. "
                            f"Colonnes attendues : {', '.join(dataset.columns)}.")
    rows, seen = [], {}
    for raw in reader:
        line = reader.line_num
        if not any((value or "").strip() for value in raw.values() if isinstance(value, str)):
            continue  # a blank line
        row = {}
        for name, parse in dataset.columns.items():
            try:
                row[name] = parse(raw.get(name) or "", name)
            except ValueError as exc:
                raise ImportRefused(f"Ligne {line} : {exc}")
        key = row[dataset.key]
        if key in seen:
            raise ImportRefused(f"Ligne {line} : « {key} » figure déjà ligne {seen[key]} "
                                f"(colonne « {dataset.key} »).")
        seen[key] = line
        rows.append(row)
    if not rows:
        raise ImportRefused("Le fichier ne contient aucune ligne de données.")
    return rows


def _upsert(dataset: Dataset, rows: list[dict]) -> int:
    model, key = dataset.model, dataset.key
    field = getattr(model, key)
    with db.database.atomic():
        existing = {}
        for batch in chunked([row[key] for row in rows], BATCH):
            existing.update({getattr(r, key): r.id for r in
                             model.select(model.id, field).where(field.in_(batch))})
        new = []
        for row in rows:
            if row[key] in existing:
                model.update(**row).where(model.id == existing[row[key]]).execute()
            else:
                new.append(row)
        for batch in chunked(new, BATCH):
            model.insert_many(batch).execute()
    return len(rows)


def import_csv(kind: str, stream, max_bytes: int | None = None) -> int:
    """Check then load a CSV of `kind` (refused above `max_bytes` if given); returns the number
    of lines imported."""
    dataset = DATASETS[kind]
    return _upsert(dataset, read_rows(dataset, stream, max_bytes))


def import_upload(kind: str, file_storage) -> tuple[int, str | None]:
    """A CSV sent through the admin screen: (lines imported, None) or (0, the French reason)."""
    if file_storage is None or not file_storage.filename:
        return 0, "Sélectionnez le fichier CSV à importer."
    if not file_storage.filename.lower().endswith(".csv"):
        return 0, "Le fichier doit être au format CSV (extension .csv)."
    try:
        return import_csv(kind, file_storage.stream, UPLOAD_MAX_BYTES), None
    except ImportRefused as exc:
        return 0, f"Fichier refusé, rien n'a été importé. {exc}"


def import_ans(stream) -> int:
    return import_csv("ans", stream)


def import_companies(stream) -> int:
    return import_csv("companies", stream)


def import_news(stream) -> int:
    return import_csv("news", stream)


def import_faq(stream) -> int:
    return import_csv("faq", stream)


IMPORTERS = {"ans": import_ans, "companies": import_companies, "news": import_news,
             "faq": import_faq}
DEMO_FILES = {kind: dataset.demo_file for kind, dataset in DATASETS.items()}


def cell(value) -> str:
    """A stored value as the admin tables show it."""
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if isinstance(value, datetime.date):
        return f"{value.day:02d}/{value.month:02d}/{value.year}"
    return str(value)


def counts() -> list[tuple[Dataset, int]]:
    """Each kind of reference data with its number of rows."""
    return [(dataset, dataset.model.select().count()) for dataset in DATASETS.values()]


def overview(kind: str, limit: int = 10) -> dict:
    """Row count and the latest rows of `kind` for the admin screen (two queries)."""
    dataset = DATASETS[kind]
    model = dataset.model
    latest = model.select().order_by(*dataset.order()).limit(limit)
    return {"dataset": dataset, "count": model.select().count(),
            "headings": [heading for heading, _ in dataset.listed],
            "rows": [[cell(getattr(row, name)) for _, name in dataset.listed] for row in latest]}
