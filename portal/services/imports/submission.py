"""Step 1 of « Importer mes demandes » (guide 003 §4.2): the JSON file sent with the type chosen,
checked whole (services/imports/validation.check), answered per request; nothing filed yet. The
file waits on disk, named by a token signed for this account, until « Continuer vers le dépôt des
pièces » checks it again and files its retained requests (services/imports/filing.py)."""
import os
import secrets
import time

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from portal.models import Corridor
from portal.models.funding import KIND_LABELS
from portal.services.core.cleaning import one_line
from portal.services.core.errors import ACTION, Refused
from portal.services.imports import access, filing, output, validation
from portal.services.imports.report import Problem

MAX_BYTES = validation.MAX_BYTES  # 200 requests stay far below
WAIT_SECONDS = 24 * 3600  # a checked file may be filed within a day
FILE_FIELD, KIND_FIELD = "fichier", "type"
CHOOSE_KIND = "Choisissez le type des demandes du fichier : avance ou solde."
CHOOSE_FILE = "Choisissez le fichier JSON de vos demandes."
NOT_JSON = "Le fichier doit être au format .json."
TOO_BIG = f"Le fichier dépasse la taille maximale de {validation.MAX_LABEL}."
KIND_MISMATCH = "Le type des demandes du fichier n'est pas celui choisi."
EXPIRED = ("Le fichier vérifié n'est plus disponible (plus de 24 heures ou déjà importé) : "
           "déposez-le de nouveau.")
NO_ENROLMENT = ("Aucun de vos enrôlements validés ne permet d'importer des demandes pour ce "
                "couloir et ce numéro de référencement ANS.")
PENDING = "attente-"


def read_upload(kind: str, sent) -> tuple[str, bytes]:
    """(file name, content) of the form, or raises Refused by field."""
    errors = {}
    if kind not in KIND_LABELS:
        errors[KIND_FIELD] = CHOOSE_KIND
    filename = one_line(os.path.basename((sent.filename if sent else "") or ""))
    raw = sent.read(MAX_BYTES + 1) if sent and filename else b""
    if not filename or not raw:
        errors[FILE_FIELD] = CHOOSE_FILE
    elif not filename.lower().endswith(".json"):
        errors[FILE_FIELD] = NOT_JSON
    elif len(raw) > MAX_BYTES:
        errors[FILE_FIELD] = TOO_BIG
    if errors:
        raise Refused(errors)
    return filename, raw


def check(account, raw: bytes, kind: str):
    """The check of the whole file (a Report), with a file-level problem when its type is not
    the one chosen."""
    report = validation.check(raw, account)
    if report.kind and report.kind != kind:
        report.problems.append(Problem("typeDemande", KIND_MISMATCH, KIND_LABELS[kind],
                                       KIND_LABELS.get(report.kind, report.kind)))
    return report


def _signer(account):
    return URLSafeTimedSerializer(current_app.secret_key, salt=f"json-import-{account.id}")


def keep(account, filename: str, raw: bytes, kind: str) -> str:
    """The checked file kept on disk; the token that names it (for this account only)."""
    stored = PENDING + secrets.token_hex(16) + ".json"
    with open(os.path.join(filing.folder(), stored), "wb") as out:
        out.write(raw)
    return _signer(account).dumps([stored, filename, kind])


def kept(account, token: str) -> tuple[str, str, bytes, str]:
    """(stored name, file name, content, kind) of a token, or raises Refused."""
    try:
        stored, filename, kind = _signer(account).loads(token or "", max_age=WAIT_SECONDS)
        with open(os.path.join(filing.folder(), stored), "rb") as kept_file:
            return stored, filename, kept_file.read(), kind
    except (BadSignature, ValueError, TypeError, OSError):
        raise Refused({ACTION: EXPIRED})


def purge_pending() -> int:
    """Delete the checked files never filed, once their token has expired (no folder made)."""
    removed, limit = 0, time.time() - WAIT_SECONDS
    try:
        entries = os.scandir(filing.folder(create=False))
    except FileNotFoundError:
        return 0
    with entries:
        for entry in entries:
            if entry.name.startswith(PENDING) and entry.stat().st_mtime < limit:
                os.remove(entry.path)
                removed += 1
    return removed


def file_kept(account, token: str):
    """« Continuer vers le dépôt des pièces »: the kept file checked again, its retained requests
    filed; the JsonImport. Raises Refused (with `report` when the file is no longer retained)."""
    stored, filename, raw, kind = kept(account, token)
    json_import = file_checked(account, check(account, raw, kind), filename, raw)
    os.remove(os.path.join(filing.folder(), stored))
    return json_import


def file_checked(account, report, filename: str, raw: bytes):
    """The retained requests of a checked file filed « Non complétée » (the browser's
    « Continuer », the API's POST); the JsonImport. Raises Refused, with `report`, when nothing
    is filed (no request retained, no enrolment of that ANS number, a publisher's number just
    taken)."""
    corridor = Corridor.get_or_none(Corridor.code == report.corridor_code)
    document = report.document if isinstance(report.document, dict) else {}
    enrolment = corridor and access.enrolment_for(account, corridor,
                                                  str(document.get("numeroReferencementANS", "")))
    if report.retained and enrolment is None:
        raise Refused({ACTION: NO_ENROLMENT}, report=report)
    try:
        return filing.file_import(
            report, account, enrolment, corridor, filename, raw,
            build_output=lambda filed: output.output(report, filed, False))
    except Refused as exc:
        raise Refused(exc.errors, report=report)
