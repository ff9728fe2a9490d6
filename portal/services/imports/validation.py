"""The checks of a JSON file of advance or balance requests (issue 15), shared by the simulator, the
import and the API: `check(raw, account)` → Report (report.py).

1. The file: at most MAX_BYTES, UTF-8, JSON, an object whose top level names a request type, an
   active corridor, the ANS number of one of the account's enrolments (validated; partially
   validated too when `anticipated`, the simulator's case) whose DSR is the corridor's, and 1 to
   200 requests. A problem here rejects the whole file.
2. Each request against the published JSON Schema (schema.py), with jsonschema; its errors said in
   French (messages.py).
3. The business rules of the requests the schema accepts (rules.py)."""
import json
from decimal import Decimal

from jsonschema import Draft202012Validator

from portal.models import Enrolment
from portal.models.enrolment import PARTIAL, VALIDATED
from portal.services.core.cleaning import CONTROL
from portal.services.imports import corridors, messages, rules, schema
from portal.services.imports.report import Problem, Report, RequestResult

MAX_BYTES = 2 * 1024 * 1024
MAX_LABEL = "2 Mo"


class _FileRefused(Exception):
    def __init__(self, *problems: Problem):
        super().__init__(problems[0].message)
        self.problems = list(problems)


def parse(raw: bytes, parse_float=float):
    """The file as JSON; _FileRefused with the reason a supplier reads."""
    if len(raw) > MAX_BYTES:
        raise _FileRefused(Problem("", f"Le fichier dépasse la taille maximale de {MAX_LABEL}.",
                                   f"au plus {MAX_LABEL}", f"{len(raw) / 1024 / 1024:.1f} Mo"
                                   .replace(".", ",")))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _FileRefused(Problem("", "Le fichier n'est pas encodé en UTF-8 : enregistrez-le "
                                       "en UTF-8 puis déposez-le de nouveau.",
                                   "un texte encodé en UTF-8", "un autre encodage"))
    try:
        return json.loads(text, parse_float=parse_float)
    except json.JSONDecodeError as exc:
        raise _FileRefused(Problem("", f"Le fichier n'est pas un JSON valide : erreur ligne "
                                       f"{exc.lineno}, colonne {exc.colno}.",
                                   "un document JSON", _json_error(exc)))
    except RecursionError:
        raise _FileRefused(Problem("", "Le fichier imbrique trop d'objets ou de listes.",
                                   "la structure du format publié", "une structure trop profonde"))


def _json_error(exc: json.JSONDecodeError) -> str:
    words = {"Expecting value": "une valeur manquante",
             "Expecting property name enclosed in double quotes":
                 "un nom de champ sans guillemets doubles (ou une virgule en trop)",
             "Expecting ',' delimiter": "une virgule manquante",
             "Expecting ':' delimiter": "deux-points manquants",
             "Unterminated string starting at": "un texte sans guillemet de fin",
             "Extra data": "du texte après la fin du JSON",
             "Invalid control character at": "un caractère de contrôle dans un texte"}
    return next((french for english, french in words.items() if exc.msg.startswith(english)),
                "une syntaxe incorrecte")


def enrolments_of(account, anticipated: bool = False):
    statuses = (VALIDATED, PARTIAL) if anticipated else (VALIDATED,)
    return (Enrolment.select().where(Enrolment.holder == account,
                                     Enrolment.status.in_(statuses))
            .order_by(Enrolment.id.desc()))


def _top_level(document, account, enrolment, anticipated) -> tuple:
    """(kind, corridor, enrolment) of a file, or _FileRefused with every problem found."""
    if not isinstance(document, dict):
        raise _FileRefused(Problem("", "Le fichier doit contenir un objet JSON { … } : "
                                       "typeDemande, couloir, numeroReferencementANS, demandes.",
                                   messages.TYPE_WORDS["object"], messages.found(document)))
    problems = []
    word = document.get("typeDemande")
    kind = schema.KINDS.get(word) if isinstance(word, str) else None
    if kind is None:
        problems.append(Problem("typeDemande", "Le type de demande est absent ou inconnu.",
                                "« avance » ou « solde »", messages.found(word)
                                if "typeDemande" in document else "absent"))
    code = document.get("couloir")
    corridor = corridors.by_code(code) if isinstance(code, str) else None
    known = ", ".join(c.code for c in corridors.active())
    if corridor is None:
        problems.append(Problem("couloir", "Ce couloir n'existe pas.", f"un des couloirs : "
                                f"{known}", messages.found(code) if "couloir" in document
                                else "absent"))
    elif not corridor.active:
        problems.append(Problem("couloir", "Ce couloir est fermé : il n'accepte plus de nouvelles "
                                "demandes.", f"un des couloirs ouverts : {known}",
                                messages.found(code)))
    number = document.get("numeroReferencementANS")
    mine = list(enrolments_of(account, anticipated))
    if enrolment is not None:
        mine = [enrolment]
    found_enrolment = next((e for e in mine if e.ans_number == number), None)
    if found_enrolment is None:
        numbers = ", ".join(sorted({e.ans_number for e in mine})) or "aucun"
        problems.append(Problem("numeroReferencementANS", "Ce numéro de référencement ANS n'est "
                                "celui d'aucun de vos enrôlements validés."
                                if enrolment is None else "Ce numéro de référencement ANS n'est "
                                "pas celui de l'enrôlement choisi.",
                                f"un de vos numéros : {numbers}",
                                messages.found(number) if "numeroReferencementANS" in document
                                else "absent"))
    elif corridor is not None and corridor.dsr != found_enrolment.dsr:
        problems.append(Problem("couloir", f"Votre référencement ANS (DSR « "
                                f"{found_enrolment.dsr} ») ne permet pas de déposer des "
                                f"demandes pour ce couloir (DSR « {corridor.dsr} »).",
                                "un couloir de votre DSR : " + (", ".join(
                                    c.code for c in corridors.for_dsrs([found_enrolment.dsr]))
                                    or "aucun"), messages.found(code)))
    requests = document.get("demandes")
    if not isinstance(requests, list) or not 1 <= len(requests) <= schema.REQUESTS_MAX:
        problems.append(Problem("demandes", "Le fichier doit contenir une liste de 1 à "
                                f"{schema.REQUESTS_MAX} demandes.",
                                f"une liste de 1 à {schema.REQUESTS_MAX} demandes",
                                messages.found(requests) if "demandes" in document else "absent"))
    if problems:
        raise _FileRefused(*problems)
    return kind, corridor, found_enrolment


def check(raw: bytes, account, enrolment: Enrolment | None = None,
          anticipated: bool = False) -> Report:
    """Every check of a file; nothing written. `enrolment`: the one the supplier chose (its ANS
    number must be the file's); `anticipated`: a partially validated enrolment may be used (the
    simulator only)."""
    report = Report(kind="", corridor_code="")
    try:
        document = parse(raw)
        report.document = document
        if isinstance(document, dict):
            word, code = document.get("typeDemande"), document.get("couloir")
            report.kind = schema.KINDS.get(word, "") if isinstance(word, str) else ""
            report.corridor_code = code if isinstance(code, str) else ""
            if isinstance(document.get("demandes"), list):
                report.requests = [RequestResult(index, _number(item)) for index, item
                                   in enumerate(document["demandes"])]
        kind, corridor, found_enrolment = _top_level(document, account, enrolment, anticipated)
    except _FileRefused as refused:
        report.problems = refused.problems
        return report
    exact = parse(raw, parse_float=Decimal)  # the same values, decimals exact, for the rules
    validator = Draft202012Validator(schema.schema(corridor, kind))
    for error in validator.iter_errors(document):
        path = list(error.absolute_path)
        if len(path) >= 2 and path[0] == "demandes" and isinstance(path[1], int):
            report.requests[path[1]].problems.extend(messages.problems(error))
        else:
            report.problems.extend(messages.problems(error))
    if report.problems:
        return report
    for result in report.requests:
        result.problems.extend(_control_characters(exact["demandes"][result.index],
                                                   ["demandes", result.index]))
    facts = rules.Facts.load(account, found_enrolment, corridor, kind, exact["demandes"])
    for result in report.requests:
        if not result.problems:
            checked = rules.check_request(facts, result.index, exact["demandes"][result.index])
            result.problems, result.data = checked.problems, checked.data
    for result in report.requests:
        result.problems.sort(key=lambda problem: problem.path)
    return report


def _control_characters(value, path: list) -> list[Problem]:
    """Invisible characters (NUL, escapes…) have no place in a text: said where they are."""
    if isinstance(value, dict):
        return [p for key, item in value.items() for p in _control_characters(item, path + [key])]
    if isinstance(value, list):
        return [p for i, item in enumerate(value) for p in _control_characters(item, path + [i])]
    if isinstance(value, str) and CONTROL.search(value):
        return [Problem(messages.path_of(path), "Le texte contient un caractère de contrôle "
                        "(invisible) : retirez-le.", "un texte sans caractère de contrôle",
                        messages.found(CONTROL.sub("�", value)))]
    return []


def _number(item) -> str:
    number = item.get("numeroEditeur") if isinstance(item, dict) else None
    return number if isinstance(number, str) else ""
