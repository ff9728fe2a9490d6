"""Uploads: whitelist per document type, 4 Mo, magic bytes, random name outside static/, sha256."""
import hashlib
import os
import secrets

import filetype
from flask import current_app

from portal.models import Document
from portal.services.core import antivirus
from portal.services.core.cleaning import one_line
from portal.services.core.document_types import MAX_BYTES, TYPES
from portal.services.core import quotas
from portal.services.core.errors import Refused

MAGIC_FOR = {".pdf": {"application/pdf"}, ".png": {"image/png"}, ".jpg": {"image/jpeg"},
             ".jpeg": {"image/jpeg"}}
CONTENT_TYPES = {".pdf": "application/pdf", ".png": "image/png", ".jpg": "image/jpeg",
                 ".jpeg": "image/jpeg", ".txt": "text/plain"}


class RefusedFile(ValueError):
    """Raised with the French message to show beside the upload field; the services that keep
    a file turn it into Refused({"doc_<type>": message})."""


def _extension(filename: str) -> str:
    return os.path.splitext(filename or "")[1].lower()


def check(kind: str, filename: str, content: bytes) -> str:
    """Return the file's extension, or raise RefusedFile with the reason."""
    doc_type = TYPES[kind]
    if not filename or not content:
        raise RefusedFile("Le fichier est vide : choisissez un autre fichier.")
    ext = _extension(filename)
    if ext not in doc_type.extensions:
        names = ", ".join(e.lstrip(".") for e in doc_type.extensions)
        raise RefusedFile(f"Le format de ce fichier n'est pas accepté. Formats acceptés : {names}.")
    if len(content) > MAX_BYTES:
        raise RefusedFile("Le fichier dépasse la taille maximale de 4 Mo.")
    if ext == ".txt":
        try:
            content.decode("utf-8")
        except UnicodeDecodeError:
            raise RefusedFile("Ce fichier texte n'est pas lisible (encodage UTF-8 attendu).")
    else:
        guessed = filetype.guess_mime(content)
        if guessed not in MAGIC_FOR[ext]:
            raise RefusedFile("Le contenu de ce fichier ne correspond pas à son extension : "
                              "il est peut-être endommagé.")
    return ext


def _upload_dir() -> str:
    path = current_app.config["UPLOAD_DIR"]
    os.makedirs(path, exist_ok=True)
    return path


def save(kind: str, file_storage, **owner) -> Document:
    """Check and store an uploaded file, within the bytes an IP address may upload in an hour
    (UPLOAD_MB_PER_IP_PER_HOUR); `owner` is draft=… or enrolment=…"""
    content = file_storage.read(MAX_BYTES + 1)
    # a name sent as RFC 2231 `filename*` may hold a line break, which no download header takes
    filename = one_line(os.path.basename(file_storage.filename or ""))
    ext = check(kind, filename, content)
    refused = antivirus.refusal(content)  # clamd, when CLAMD_ADDRESS is set
    if refused:
        raise RefusedFile(refused)
    if not quotas.take((quotas.megabytes_per_hour("UPLOAD_MB_PER_IP_PER_HOUR"), "upload-bytes",
                        quotas.visitor()), cost=len(content)):
        raise RefusedFile("Trop de fichiers ont été envoyés depuis votre adresse en une heure : "
                          "réessayez plus tard.")
    stored_name, sha256 = write(content, ext)
    return Document.create(kind=kind, original_name=filename[:200], stored_name=stored_name,
                           content_type=CONTENT_TYPES[ext], size=len(content), sha256=sha256,
                           **owner)


def write(content: bytes, ext: str) -> tuple[str, str]:
    """Keep bytes the portal made itself (a payment batch's SEPA file) under a random name beside
    the uploads: (stored name, sha256). Served like a document, through a view that checks."""
    stored_name = secrets.token_hex(16) + ext
    with open(os.path.join(_upload_dir(), stored_name), "wb") as out:
        out.write(content)
    return stored_name, hashlib.sha256(content).hexdigest()


def remove(stored_name: str) -> None:
    try:
        os.remove(os.path.join(_upload_dir(), stored_name))
    except FileNotFoundError:
        pass


def path_of(document: Document) -> str:
    return os.path.join(_upload_dir(), document.stored_name)


def delete(document: Document) -> None:
    remove(document.stored_name)
    document.delete_instance()


def keep_each(kinds, files, keep) -> dict:
    """The files of these types sent with a whole form (the path without JavaScript), each
    handed to keep(kind, file), which raises Refused. The errors by field of those refused."""
    errors = {}
    for kind in kinds:
        sent = files.get("doc_" + kind)
        if sent and sent.filename:
            try:
                keep(kind, sent)
            except Refused as exc:
                errors.update(exc.errors)
    return errors
