"""The Annuaire Santé extraction at the closing date of the call, imported by an admin as CSV in
either of two forms (README, « Données de référence »):
- one line per mailbox: columns `adresse`, `type`, `siret` (the operator's SIRET);
- already counted: columns `siret`, `type`, `nombre`.
`type` is applicative, organisationnelle or personnelle (APP, ORG, PER, « nominative » accepted).
The file replaces the previous extraction; the balance reads the counts of its operator's SIRET."""
import csv
import io
import unicodedata

from portal.models import MailboxCount
from portal.services.funding.amounts import Mailboxes
from portal.services.reference.cells import ImportRefused, siret

TYPE_WORDS = {"applicative": "applicative", "applicatif": "applicative", "app": "applicative",
              "organisationnelle": "organisational", "organisationnel": "organisational",
              "org": "organisational", "personnelle": "personal", "personnel": "personal",
              "per": "personal", "nominative": "personal", "nominatif": "personal"}
PER_MAILBOX = ("adresse", "type", "siret")
COUNTED = ("siret", "type", "nombre")
FORMATS_HINT = ("une ligne par boîte aux lettres (colonnes adresse, type, siret) ou déjà "
                "comptées (colonnes siret, type, nombre)")


def _plain(value: str) -> str:
    decomposed = unicodedata.normalize("NFKD", (value or "").strip().lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def mailbox_type(value: str, column: str = "type") -> str:
    found = TYPE_WORDS.get(_plain(value).rstrip("s"), TYPE_WORDS.get(_plain(value)))
    if found is None:
        raise ValueError(f"le type « {(value or '').strip()} » (colonne « {column} ») doit être "
                         "applicative, organisationnelle ou personnelle.")
    return found


def count(value: str, column: str = "nombre") -> int:
    digits = "".join((value or "").split())
    if not (digits.isascii() and digits.isdigit() and len(digits) <= 9):
        raise ValueError(f"la colonne « {column} » vaut « {(value or '').strip()} » : attendu un "
                         "nombre entier positif ou nul.")
    return int(digits)


def read(content: str) -> list[dict]:
    """The file's counts as rows of MailboxCount; ImportRefused at the first wrong line."""
    first_line = content.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(content), delimiter=delimiter)
    header = [_plain(name) for name in (reader.fieldnames or [])]
    reader.fieldnames = header
    per_mailbox = all(name in header for name in PER_MAILBOX)
    if not per_mailbox and not all(name in header for name in COUNTED):
        raise ImportRefused(f"Colonnes non reconnues : attendu {FORMATS_HINT}.")
    totals, addresses = {}, {}
    for raw in reader:
        if not any((v or "").strip() for v in raw.values() if isinstance(v, str)):
            continue
        line = reader.line_num
        try:
            key = (siret(raw.get("siret"), "siret"), mailbox_type(raw.get("type")))
            if per_mailbox:
                address = _plain(raw.get("adresse"))
                if not address:
                    raise ValueError("la colonne « adresse » est vide.")
                if address in addresses:
                    raise ValueError(f"l'adresse « {raw['adresse'].strip()} » figure déjà ligne "
                                     f"{addresses[address]}.")
                addresses[address] = line
            totals[key] = totals.get(key, 0) + (1 if per_mailbox else count(raw.get("nombre")))
        except ValueError as exc:
            raise ImportRefused(f"Ligne {line} : {exc}")
    if not totals:
        raise ImportRefused("Le fichier ne contient aucune ligne de données.")
    return [{"key": f"{s}/{t}", "siret": s, "mailbox_type": t, "count": n}
            for (s, t), n in sorted(totals.items())]


def mailboxes(operator_siret: str) -> Mailboxes | None:
    """The operator's counts at the closing date; None when the extraction does not name it."""
    found = {row.mailbox_type: row.count
             for row in MailboxCount.select().where(MailboxCount.siret == operator_siret)}
    if not found:
        return None
    return Mailboxes(found.get("applicative", 0), found.get("organisational", 0),
                     found.get("personal", 0))
