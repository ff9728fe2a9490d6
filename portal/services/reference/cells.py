"""The cells of a reference CSV file: each parser returns the value to store or raises
ValueError with the French reason; a refused file raises `ImportRefused`. Read by the generic
importer (csv_import.py) and by the Annuaire Santé's own reader (annuaire.py)."""
import datetime
import functools

from portal.models.reference import DEFAULT_RUBRIC
from portal.services.core import limits

YES = {"oui", "o", "yes", "y", "true", "1", "validé", "valide", "vrai"}
NO = {"non", "n", "no", "false", "0", "", "faux"}
CHAR_MAX = 255  # a CharField (varchar(255) on PostgreSQL)
# What an admin may type (the forms) or import: a news title or a question, a text, a position.
TITLE_MAX = limits.TITLE
TEXT_MAX = limits.TEXT
POSITION_MAX = 99999


class ImportRefused(ValueError):
    """The file is refused; the message (French) says why, and on which line."""


def parse_date(value: str | None) -> datetime.date | None:
    """AAAA-MM-JJ or JJ/MM/AAAA, else None."""
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime((value or "").strip(), pattern).date()
        except ValueError:
            continue
    return None


# Cell parsers: each returns the value to store or raises ValueError with the French reason.
def text(value: str, column: str, max_length: int = CHAR_MAX) -> str:
    value = (value or "").strip()
    if not value:
        raise ValueError(f"la colonne « {column} » est vide.")
    if len(value) > max_length:
        raise ValueError(f"la colonne « {column} » dépasse {max_length} caractères "
                         f"({len(value)}).")
    return value


title = functools.partial(text, max_length=TITLE_MAX)
long_text = functools.partial(text, max_length=TEXT_MAX)


def rubric(value: str, column: str) -> str:
    """A FAQ rubric; empty: the rubric of the questions filed without one."""
    return title(value, column) if (value or "").strip() else DEFAULT_RUBRIC


def optional_text(value: str, column: str) -> str:
    value = (value or "").strip()
    return text(value, column) if value else ""


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
    parsed = parse_date(value)
    if parsed is None:
        raise ValueError(f"la date « {(value or '').strip()} » (colonne « {column} ») doit être "
                         "au format AAAA-MM-JJ ou JJ/MM/AAAA.")
    return parsed


def position(value: str, column: str) -> int:
    cleaned = (value or "").strip()
    if not (cleaned.isdigit() and int(cleaned) <= POSITION_MAX):
        raise ValueError(f"la colonne « {column} » vaut « {cleaned} » : attendu un nombre entier "
                         f"de 0 à {POSITION_MAX}.")
    return int(cleaned)
