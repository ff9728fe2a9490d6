"""The output JSON (guide 003 §4.1, « Fichier JSON »): the input enriched, per request, with its
ASP number (« numeroDemandeASP », absent when rejected), its status (« statut ») and, when
rejected, its reasons (« motifsRejet »); the problems of the whole file in a top-level
« motifsRejet »."""
import copy
import json

from portal.services.imports.report import Report

REJECTED = "Rejetée à l'import"
SIMULATED = "Retenue (simulation)"


def output(report: Report, filed: dict[int, tuple[str, str]] | None = None,
           simulation: bool = False) -> dict:
    """`filed`: request index → (ASP number, status label) of the requests filed for real."""
    document = copy.deepcopy(report.document) if isinstance(report.document, dict) else {}
    items = document.get("demandes") if isinstance(document.get("demandes"), list) else []
    if report.problems:
        document["motifsRejet"] = [problem.as_json() for problem in report.problems]
    for result in report.requests:
        if result.index >= len(items) or not isinstance(items[result.index], dict):
            continue
        item = items[result.index]
        if result.retained and not report.problems:
            if simulation:
                item["statut"] = SIMULATED
            elif filed and result.index in filed:
                item["numeroDemandeASP"], item["statut"] = filed[result.index]
        else:
            item["statut"] = REJECTED
            item["motifsRejet"] = [problem.as_json() for problem in result.problems]
    return document


def dumps(document: dict) -> str:
    """The output JSON as a file: UTF-8, indented, accents as typed."""
    return json.dumps(document, ensure_ascii=False, indent=2)


def output_file(json_import) -> tuple[str, str] | None:
    """The output JSON of the import as a file (its name, its text), None before there is one:
    the operator's download and the back-office's."""
    if not json_import.output_json:
        return None
    return (f"json-de-sortie-import-{json_import.id}.json",
            dumps(json.loads(json_import.output_json)))
