"""« Déposer un fichier zip pour toutes les demandes » (guide 003 §4.2 and §9): an archive holding
one document per request, named by its publisher's number — « <numeroEditeur>.pdf » at any level,
or any one file inside a folder « <numeroEditeur>/ ».

The archive is read with zipfile from the uploaded file on disk, one entry at a time and each at
most 4 Mo read (never the whole archive in memory); refused whole when it is not a zip, holds too
many entries, declares more than ZIP_MAX_TOTAL bytes unpacked or compresses an entry more than
MAX_RATIO times (a zip bomb), or names a path with « .. » or an absolute one."""
import os
import posixpath
import zipfile
import zlib
from dataclasses import dataclass

from portal.services.core.document_types import MAX_BYTES

MAX_ENTRIES = 500
MAX_TOTAL = 250 * 1024 * 1024  # declared, unpacked
MAX_RATIO = 100  # unpacked / packed, per entry
IGNORED_PREFIXES = ("__MACOSX/",)
NOT_A_ZIP = "Ce fichier n'est pas une archive zip lisible : déposez un fichier .zip."
TOO_MANY = f"L'archive contient plus de {MAX_ENTRIES} fichiers : elle est refusée."
TOO_BIG = "L'archive décompressée dépasserait 250 Mo : elle est refusée."
BOMB = ("Le fichier « {} » de l'archive est compressé de façon anormale (archive piégée) : "
        "l'archive est refusée.")
BAD_PATH = ("L'archive contient un chemin interdit (« {} ») : les chemins absolus et « .. » sont "
            "refusés.")
ENCRYPTED = "Le fichier « {} » de l'archive est protégé par un mot de passe : il ne peut être lu."
DAMAGED = "Le fichier « {} » de l'archive est endommagé : il ne peut être lu."
ENTRY_TOO_BIG = "Le fichier « {} » dépasse la taille maximale de 4 Mo."


class RefusedArchive(ValueError):
    """The archive as a whole is refused: the French message says why."""


@dataclass
class Entry:
    """A file of the archive and the publisher's number it names."""
    info: zipfile.ZipInfo
    name: str  # its file name, without folders
    publisher_number: str  # the folder's name, or the file's without extension


def _unsafe(name: str) -> bool:
    if name.startswith(("/", "\\")) or "\\" in name or (len(name) > 1 and name[1] == ":"):
        return True
    return ".." in name.split("/")


def _publisher_number(name: str, known: set[str]) -> str:
    """The folder's name when it is a request's number, else the file's stem."""
    folder = posixpath.basename(posixpath.dirname(name))
    if folder in known:
        return folder
    return os.path.splitext(posixpath.basename(name))[0]


def entries(archive: zipfile.ZipFile, known: set[str]) -> list[Entry]:
    """The files of the archive (folders and system files left out), or raises RefusedArchive.
    `known`: the publisher's numbers that a folder may be named after."""
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise RefusedArchive(TOO_MANY)
    found, total = [], 0
    for info in infos:
        if _unsafe(info.filename):
            raise RefusedArchive(BAD_PATH.format(info.filename))
        total += info.file_size
        if total > MAX_TOTAL:
            raise RefusedArchive(TOO_BIG)
        if info.file_size > MAX_RATIO * max(info.compress_size, 1) and info.file_size > 1024:
            raise RefusedArchive(BOMB.format(info.filename))
        name = posixpath.basename(info.filename)
        if info.is_dir() or not name or name.startswith(".") \
                or info.filename.startswith(IGNORED_PREFIXES):
            continue
        found.append(Entry(info, name, _publisher_number(info.filename, known)))
    return found


def read(archive: zipfile.ZipFile, entry: Entry) -> bytes:
    """The entry's bytes, at most 4 Mo read (zipfile stops at the size declared, and a forged
    size fails its CRC), or raises ValueError with the French message."""
    if entry.info.flag_bits & 0x1:
        raise ValueError(ENCRYPTED.format(entry.info.filename))
    if entry.info.file_size > MAX_BYTES:
        raise ValueError(ENTRY_TOO_BIG.format(entry.info.filename))
    try:
        with archive.open(entry.info) as stream:
            content = stream.read(MAX_BYTES + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError):
        raise ValueError(DAMAGED.format(entry.info.filename))
    if len(content) > MAX_BYTES:
        raise ValueError(ENTRY_TOO_BIG.format(entry.info.filename))
    return content


def open_archive(path: str) -> zipfile.ZipFile:
    """The archive of the file at `path`, or raises RefusedArchive."""
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise RefusedArchive(NOT_A_ZIP)
