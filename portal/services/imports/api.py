"""What the JSON channel's HTTP API (portal/blueprints/api/) answers about an import, in the
words of the JSON format: its status, its counts, each retained request with its document, the
output JSON. The API files and deposits through the browser's own services (submission,
documents, simulator); this module only reads and says."""
import json
import re
from urllib.parse import unquote

from portal.models import FundingRequest, JsonImport
from portal.services.core.cleaning import one_line
from portal.services.imports import documents
from portal.services.imports.schema import TYPES

NAME_MAX = 200
COMPLETED = ("Toutes les pièces sont déposées : les demandes de l'import n° {} sont « En cours » "
             "d'instruction. Un accusé de réception vous a été envoyé par courriel.")
DEPOSITED = "Pièce déposée : il reste {} pièce{} à déposer."
FROM_ZIP = "{} pièce{} déposée{} depuis l'archive ; il reste {} pièce{} à déposer."
NOTHING_FROM_ZIP = "Aucun fichier de l'archive n'a été déposé."
NO_SUCH_REQUEST = ("Aucune demande retenue de l'import n° {} n'a le numéro éditeur « {} » "
                   "(une demande rejetée à l'import n'attend pas de pièce).")
NAME_NEEDED = ("Nommez le fichier dans l'en-tête X-Nom-Fichier (par exemple « bon-de-commande.pdf ») : "
               "son extension dit son format.")


def file_name(header: str | None, default: str = "") -> str:
    """The file's name sent in X-Nom-Fichier: as UTF-8 bytes or percent-encoded (« %C3%A9 »),
    on one line, without folders, at most NAME_MAX characters; `default` without one."""
    value = header or ""
    try:
        value = value.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        pass
    if re.search(r"%[0-9A-Fa-f]{2}", value):
        value = unquote(value)
    value = one_line(value).replace("\\", "/").rsplit("/", 1)[-1].strip()
    return value[:NAME_MAX] or default


def _plural(count: int, word: str = "s") -> str:
    return word if count > 1 else ""


def request_named(json_import: JsonImport, publisher_number: str) -> FundingRequest | None:
    """The request of the import with that publisher's number (filed, whatever its status)."""
    return FundingRequest.get_or_none(FundingRequest.json_import == json_import,
                                      FundingRequest.publisher_number == publisher_number)


def state(json_import: JsonImport, piece_url) -> dict:
    """The import as the API says it; `piece_url(publisher_number)`: where its document goes."""
    shown = documents.page(json_import)
    return {
        "identifiant": json_import.id,
        "statut": json_import.status_label,
        "complet": shown.complete,
        "nomFichier": json_import.filename,
        "dateImportation": json_import.created_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "typeDemande": TYPES.get(json_import.kind, json_import.kind),
        "couloir": json_import.corridor.code,
        "numeroReferencementANS": json_import.enrolment.ans_number,
        "nombreDemandes": json_import.requests_total,
        "nombreDemandesRetenues": json_import.requests_retained,
        "nombreDemandesRejetees": json_import.requests_rejected,
        "piecesManquantes": shown.missing,
        "pieces": [{"numeroEditeur": slot.request.publisher_number,
                    "numeroDemandeASP": slot.request.number,
                    "statut": slot.request.status_label,
                    "pieceDeposee": slot.document.original_name if slot.document else None,
                    "url": piece_url(slot.request.publisher_number)}
                   for slot in shown.slots],
        "sortie": json.loads(json_import.output_json) if json_import.output_json else {},
    }


def deposited(json_import: JsonImport, completed: bool, piece_url) -> dict:
    """The answer to one document deposited: the import's state, said in a sentence."""
    answer = state(json_import, piece_url)
    missing = answer["piecesManquantes"]
    message = COMPLETED.format(json_import.id) if completed else DEPOSITED.format(
        missing, _plural(missing))
    return {"message": message, **answer}


def unzipped(json_import: JsonImport, outcome: documents.ZipOutcome, piece_url) -> dict:
    """The answer to an archive: what it deposited, what was refused or matched nothing."""
    answer = state(json_import, piece_url)
    count, missing = len(outcome.deposited), answer["piecesManquantes"]
    message = COMPLETED.format(json_import.id) if outcome.completed else FROM_ZIP.format(
        count, _plural(count), _plural(count), missing, _plural(missing))
    return {"message": message, "deposees": outcome.deposited, "ignores": outcome.problems,
            **answer}
