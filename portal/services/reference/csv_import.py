"""CSV importers of the reference data (used by the CLI and the admin screens).

A file is read whole and checked line by line before anything is written: a wrong line refuses the
file with `ImportRefused`, whose French message says which line and why; a good file is upserted
on its key in one transaction (the CLI), or chunk by chunk by the worker (the admin screen,
services/reference/import_jobs.py). Columns are separated by commas or semicolons (Excel's French CSV),
the text is UTF-8 (with or without BOM).
"""
import csv
import datetime
import io
import time
from dataclasses import dataclass
from typing import Callable

from peewee import SqliteDatabase, chunked

from portal import formatting
from portal.extensions import db
from portal.models import AnsReferencing, Company, Corridor, FaqEntry, MailboxCount, NewsItem
from portal.services.core.errors import Refused
from portal.services.imports import corridors
from portal.services.reference import annuaire
from portal.services.reference.cells import (ImportRefused, date, long_text, optional_text,
                                             position, postcode, rubric, siret, text, title,
                                             yes_no)

UPLOAD_MAX_BYTES = 5 * 1024 * 1024  # through the admin screen; the CLI has no limit
BATCH = 200
CHUNK = 2000  # lines per transaction of an import by the worker…
PAUSE = 0.1  # …and seconds between two on SQLite: its busy handler retries every 100 ms at most


@dataclass(frozen=True)
class Dataset:
    """One kind of reference data: its CSV columns (name → parser, model field of the same name),
    its key, and how the admin screen lists it (heading, field). A key that people type (a title,
    a question) is the same whatever its case: `fold_key`."""
    kind: str
    label: str
    model: type
    key: str
    columns: dict[str, Callable]
    listed: tuple[tuple[str, str], ...]
    demo_file: str
    latest_first: tuple = ()
    fold_key: bool = False
    read: Callable | None = None  # its own reader (content → rows), for a file of another shape
    replace: bool = False  # the file replaces every row (a snapshot), instead of an upsert
    columns_hint: str = ""  # the columns, said in words, when `columns` does not say them
    optional: tuple = ()  # columns a file may lack: a row then keeps (or gets) the field's default
    fields: tuple = ()  # (column, model field) when a column is named otherwise than its field

    def field_of(self, column: str) -> str:
        return dict(self.fields).get(column, column)

    def order(self):
        return self.latest_first or (self.model.id.desc(),)

    def folded(self, key):
        return key.casefold() if self.fold_key else key


CORRIDOR_COLUMNS = {
    "code": text, "label": text, "software_type": text, "dsr": text,
    "dossier_prefix": corridors.prefix_cell, "identifier_kind": corridors.identifier_cell,
    "identifier_label": text, "cap_per_request": corridors.cap_cell,
    "cap_per_beneficiary": corridors.cap_cell, "advance_share": corridors.share_cell,
    "max_beneficiaries": corridors.count_cell, "active": yes_no,
    "scenario_layout": corridors.layout_cell, "scenarios": corridors.scenarios_cell}
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
            {"published_on": date, "for_operators": yes_no, "title": title, "body": long_text},
            (("Date de publication", "published_on"), ("Titre", "title"),
             ("Réservée aux opérateurs", "for_operators")),
            "news.csv", (NewsItem.published_on.desc(), NewsItem.id.desc()), fold_key=True),
    Dataset("faq", "Foire aux questions", FaqEntry, "question",
            {"position": position, "rubric": rubric, "question": title, "answer": long_text},
            (("Position", "position"), ("Rubrique", "rubric"), ("Question", "question")),
            "faq.csv", (FaqEntry.position, FaqEntry.id), fold_key=True, optional=("rubric",)),
    Dataset("annuaire", "Annuaire Santé : boîtes aux lettres MSS à la date de clôture",
            MailboxCount, "key", {}, (("SIRET de l'opérateur", "siret"), ("Type", "type_label"),
                                      ("Nombre", "count")),
            "annuaire_sante.csv", (MailboxCount.siret, MailboxCount.mailbox_type),
            read=annuaire.read, replace=True,
            columns_hint=("une ligne par boîte aux lettres (colonnes adresse, type, siret) ou "
                          "déjà comptées (colonnes siret, type, nombre) ; type : applicative, "
                          "organisationnelle ou personnelle")),
    Dataset("corridors", "Couloirs du Ségur Numérique", Corridor, "code", CORRIDOR_COLUMNS,
            (("Code", "code"), ("Libellé", "label"), ("DSR", "dsr"),
             ("Identifiant des bénéficiaires", "identifier_label"), ("Actif", "active")),
            "corridors.csv", (Corridor.code,), fields=(("scenarios", "scenarios_json"),),
            columns_hint=(", ".join(CORRIDOR_COLUMNS) + " (les plafonds vides : sans plafond ; "
                          "scenario_layout : liste ou tableau ; identifier_kind : "
                          + ", ".join(corridors.KINDS) + " ; scenarios : un par ligne ou séparés "
                          f"par « ; », de la forme « {corridors.SYNTAX} »)")),
)}


def _decode(stream, max_bytes: int | None) -> str:
    content = stream.read() if max_bytes is None else stream.read(max_bytes + 1)
    if isinstance(content, str):
        return content.lstrip("\ufeff")
    if max_bytes is not None and len(content) > max_bytes:
        raise ImportRefused("Le fichier dépasse la taille maximale de "
                            f"{max_bytes // 1024 // 1024} Mo.")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefused("Le fichier n'est pas encodé en UTF-8 : enregistrez-le au format "
                            "« CSV UTF-8 » puis importez-le de nouveau.")


def read_rows(dataset: Dataset, stream, max_bytes: int | None = None) -> list[dict]:
    """The file's lines as model rows; ImportRefused at the first wrong line."""
    try:
        content = _decode(stream, max_bytes)
        return dataset.read(content) if dataset.read else _read_rows(dataset, content)
    except csv.Error as exc:
        raise ImportRefused(f"Le fichier n'est pas un fichier CSV lisible ({exc}).")


def _read_rows(dataset: Dataset, content: str) -> list[dict]:
    first_line = content.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(content), delimiter=delimiter)
    header = [name.strip() for name in (reader.fieldnames or [])]
    if not header:
        raise ImportRefused("Le fichier est vide.")
    reader.fieldnames = header
    missing = [name for name in dataset.columns
               if name not in header and name not in dataset.optional]
    columns = {name: parse for name, parse in dataset.columns.items() if name in header}
    if missing:
        raise ImportRefused(f"Colonne{'s' if len(missing) > 1 else ''} manquante"
                            f"{'s' if len(missing) > 1 else ''} : {', '.join(missing)}. "
                            f"Colonnes attendues : {', '.join(dataset.columns)}"
                            + (f" ({', '.join(dataset.optional)} facultative)." if dataset.optional
                               else "."))
    rows, seen = [], {}
    for raw in reader:
        line = reader.line_num
        if not any((value or "").strip() for value in raw.values() if isinstance(value, str)):
            continue  # a blank line
        row = {}
        for name, parse in columns.items():
            try:
                row[dataset.field_of(name)] = parse(raw.get(name) or "", name)
            except ValueError as exc:
                raise ImportRefused(f"Ligne {line} : {exc}")
        key = dataset.folded(row[dataset.key])
        if key in seen:
            raise ImportRefused(f"Ligne {line} : « {row[dataset.key]} » figure déjà ligne "
                                f"{seen[key]} (colonne « {dataset.key} »).")
        seen[key] = line
        rows.append(row)
    if not rows:
        raise ImportRefused("Le fichier ne contient aucune ligne de données.")
    return rows


def existing_ids(dataset: Dataset, keys) -> dict:
    """The rows already stored under these keys: folded key → id. A folded key is compared in
    Python (SQL's LOWER leaves « É » alone in SQLite): the tables concerned are small."""
    model, field = dataset.model, getattr(dataset.model, dataset.key)
    if dataset.fold_key:
        wanted = {dataset.folded(key) for key in keys}
        return {folded: row_id for row_id, key in model.select(model.id, field).tuples()
                if (folded := dataset.folded(key)) in wanted}
    found = {}
    for batch in chunked(list(keys), BATCH):
        found.update({key: row_id for row_id, key in
                      model.select(model.id, field).where(field.in_(batch)).tuples()})
    return found


def _upsert(dataset: Dataset, rows: list[dict]) -> int:
    model, key = dataset.model, dataset.key
    if not (dataset.fold_key or dataset.replace):  # a key unique as typed: one statement a batch
        with db.database.atomic():
            for batch in chunked(rows, BATCH):
                model.insert_many(batch).on_conflict(
                    conflict_target=[getattr(model, key)],
                    preserve=[getattr(model, dataset.field_of(name))
                              for name in dataset.columns]).execute()
        return len(rows)
    with db.database.atomic():
        if dataset.replace:
            model.delete().execute()
        existing = existing_ids(dataset, [row[key] for row in rows])
        new = []
        for row in rows:
            row_id = existing.get(dataset.folded(row[key]))
            if row_id is None:
                new.append(row)
            else:
                model.update(**row).where(model.id == row_id).execute()
        for batch in chunked(new, BATCH):
            model.insert_many(batch).execute()
    return len(rows)


def write_in_chunks(dataset: Dataset, rows: list[dict], progress: Callable[[int], None]) -> int:
    """Upsert the rows CHUNK by CHUNK, one short transaction each, so that other writers take
    their turn in between (SQLite has one writer at a time); `progress(lines written)` is called
    inside each chunk's transaction. A snapshot (`replace`) stays one transaction: it is never
    seen half replaced (and its rows are few, counted by operator and type)."""
    if dataset.replace:
        with db.database.atomic():
            _upsert(dataset, rows)
            progress(len(rows))
        return len(rows)
    done = 0
    for chunk in chunked(rows, CHUNK):
        if done and isinstance(db.database.obj, SqliteDatabase):
            time.sleep(PAUSE)  # the writers waiting meanwhile get the lock
        with db.database.atomic():
            _upsert(dataset, chunk)
            done += len(chunk)
            progress(done)
    return done


def import_csv(kind: str, stream, max_bytes: int | None = None) -> int:
    """Check then load a CSV of `kind` (refused above `max_bytes` if given); returns the number
    of lines imported."""
    dataset = DATASETS[kind]
    return _upsert(dataset, read_rows(dataset, stream, max_bytes))


def checked_upload(kind: str, file_storage) -> tuple[bytes, list[dict]]:
    """A CSV sent through the admin screen, read and checked whole (no database write): its
    content and its rows. Raises Refused (beside `csv_file`)."""
    if file_storage is None or not file_storage.filename:
        raise Refused({"csv_file": "Sélectionnez le fichier CSV à importer."})
    if not file_storage.filename.lower().endswith(".csv"):
        raise Refused({"csv_file": "Le fichier doit être au format CSV (extension .csv)."})
    content = file_storage.stream.read(UPLOAD_MAX_BYTES + 1)
    try:
        return content, read_rows(DATASETS[kind], io.BytesIO(content), UPLOAD_MAX_BYTES)
    except ImportRefused as exc:
        raise Refused({"csv_file": f"Fichier refusé, rien n'a été importé. {exc}"})


def lines_imported(count: int, label: str) -> str:
    plural = "s" if count > 1 else ""
    return f"{count} ligne{plural} importée{plural} ({label})."


DEMO_FILES = {kind: dataset.demo_file for kind, dataset in DATASETS.items()}


def cell(value) -> str:
    """A stored value as the admin tables show it."""
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if isinstance(value, datetime.date):
        return formatting.date(value)
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
