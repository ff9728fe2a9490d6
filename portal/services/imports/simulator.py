"""The simulator (guide 003, « simulateur de dépôt JSON »; guide 002 §2: an anticipated enrolment
may use it): the checks of a real import on a file, nothing filed, no database row. Its output JSON
is kept in one file per account (the latest simulation only) for « Télécharger le JSON de
sortie »: UPLOAD_DIR/simulations/<account id>/<random token>.json, the token in the session."""
import os
import secrets
from dataclasses import dataclass, field

from flask import current_app

from portal.services.imports import corridors, output as output_json, validation
from portal.services.imports.report import Report

FOLDER = "simulations"


@dataclass
class Simulation:
    report: Report
    output: dict
    token: str = ""
    retained: list = field(default_factory=list)  # (result, its request) of the retained ones
    rejected: list = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.report.requests)

    @property
    def file_refused(self) -> bool:
        return bool(self.report.problems)

    @property
    def tone(self) -> str:
        """The DSFR alert of the summary."""
        return "error" if self.file_refused else "warning" if self.rejected else "success"

    @property
    def summary(self) -> str:
        if self.file_refused:
            return ("Fichier refusé : aucune demande n'est retenue. Corrigez les motifs ci-dessous "
                    "puis simulez de nouveau.")
        retained, rejected = len(self.retained), len(self.rejected)
        return (f"{_count(self.total, 'demande')} : {_count(retained, 'retenue')}, "
                f"{_count(rejected, 'rejetée')}. Rien n'a été déposé.")

    @property
    def amount_label(self) -> str:
        return "Montant de l'avance HT" if self.report.kind == "advance" else "Montant du solde HT"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' if number > 1 else ''}"


def corridors_of(account) -> list:
    """The corridors the account may simulate files for: those of the DSRs of its validated or
    partially validated (anticipated) enrolments."""
    return corridors.for_dsrs(e.dsr for e in validation.enrolments_of(account, anticipated=True))


def may_simulate(account) -> bool:
    return bool(account) and bool(corridors_of(account))


def simulate(raw: bytes, account) -> Simulation:
    """The browser's simulation: its output JSON kept for « Télécharger le JSON de sortie »."""
    simulation = run(raw, account)
    simulation.token = keep(account, output_json.dumps(simulation.output))
    return simulation


def run(raw: bytes, account) -> Simulation:
    """The checks of an import and the output JSON they give; nothing filed, nothing kept (the
    API's simulation)."""
    report = validation.check(raw, account, anticipated=True)
    simulation = Simulation(report, output_json.output(report, None, simulation=True))
    items = report.document.get("demandes") if isinstance(report.document, dict) else None
    for result in report.requests:
        item = items[result.index] if isinstance(items, list) else None
        kept = result.retained and not report.problems
        (simulation.retained if kept else simulation.rejected).append((result, item))
    return simulation


def _folder(account) -> str:
    path = os.path.join(current_app.config["UPLOAD_DIR"], FOLDER, str(account.id))
    os.makedirs(path, exist_ok=True)
    return path


def _path(account, token: str) -> str:
    return os.path.join(_folder(account), f"{token}.json")


def keep(account, text: str) -> str:
    """Write the output JSON of the account's latest simulation (its previous one removed)."""
    for name in os.listdir(_folder(account)):
        os.remove(os.path.join(_folder(account), name))
    token = secrets.token_urlsafe(16)
    with open(_path(account, token), "w", encoding="utf-8") as stream:
        stream.write(text)
    return token


def kept(account, token: str | None) -> bytes | None:
    """The output JSON of the account's latest simulation, None when there is none."""
    if not token or not token.replace("-", "").replace("_", "").isalnum():
        return None
    try:
        with open(_path(account, token), "rb") as stream:
            return stream.read()
    except FileNotFoundError:
        return None
