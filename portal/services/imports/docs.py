"""« Accéder à la documentation des JSONs »: the public page generated from the schemas (per
corridor and request type: the fields' table, an example valid against its schema, the schema),
and the example files."""
import datetime
from dataclasses import dataclass

from portal import formatting
from portal.models import Corridor, Enrolment
from portal.services.imports import corridors, schema
from portal.services.imports.identifiers import kind_of
from portal.services.imports.validation import MAX_LABEL, enrolments_of

PLACEHOLDER_ANS = "VOTRE-NUMERO-ANS"
EXAMPLE_DATE = datetime.date(2026, 1, 15)


@dataclass(frozen=True)
class Section:
    kind: str
    title: str  # « Demandes d'avance »
    word: str  # « avance »: typeDemande, and the file names
    rows: list


@dataclass(frozen=True)
class DocsPage:
    corridors: list
    corridor: Corridor | None
    sections: list
    max_size: str = MAX_LABEL
    requests_max: int = schema.REQUESTS_MAX
    facts: tuple = ()  # the chosen corridor's, in sentences


def page(code: str | None) -> DocsPage:
    """The documentation of the corridor `code` (the first active one by default)."""
    listed = corridors.active()
    chosen = next((c for c in listed if c.code == code), listed[0] if listed else None)
    sections = [] if chosen is None else [
        Section(kind, schema.TYPE_TITLES[kind], schema.TYPES[kind], schema.rows(chosen, kind))
        for kind in schema.TYPES]
    return DocsPage(listed, chosen, sections, facts=facts(chosen) if chosen else ())


def facts(corridor: Corridor) -> tuple:
    def cap(value):
        return f"{formatting.euros(value)} HT" if value is not None else "aucun"
    plural = "s" if corridor.max_beneficiaries > 1 else ""
    found = [f"Logiciel : {corridor.software_type} ; DSR du référencement ANS : {corridor.dsr}.",
             f"Identifiant des bénéficiaires : {corridor.identifier_label} ; "
             f"{corridor.max_beneficiaries} bénéficiaire{plural} au plus par demande.",
             f"Plafond par demande : {cap(corridor.cap_per_request)} ; par bénéficiaire : "
             f"{cap(corridor.cap_per_beneficiary)} ; l'avance : "
             f"{formatting.percent(corridor.advance_share)} du montant retenu."]
    if corridor.scenarios:
        found.append("Scénarios d'installation"
                     + (" (présentés en tableau)" if corridor.scenario_layout == "table" else "")
                     + " : " + " ; ".join(f"{s['code']} ({s['label']})"
                                          for s in corridor.scenarios) + ".")
    return tuple(found)


def documented(code: str, word: str) -> tuple[Corridor, str] | None:
    """(corridor, kind) of a published file, None when there is none (an unknown corridor or
    type, a closed corridor)."""
    corridor = corridors.by_code(code)
    kind = schema.KINDS.get(word)
    if corridor is None or not corridor.active or kind is None:
        return None
    return corridor, kind


def enrolment_for(account, corridor: Corridor) -> Enrolment | None:
    """The signed-in supplier's enrolment of the corridor's DSR, to fill its own example in."""
    if account is None:
        return None
    return enrolments_of(account, anticipated=True).where(Enrolment.dsr == corridor.dsr).first()


def example(corridor: Corridor, kind: str, enrolment: Enrolment | None = None) -> dict:
    """A file of two requests valid against the schema: the second with a mandate and two
    beneficiaries; the first two scenarios (open to the profile) declared true. Filled with the supplier's ANS number and profile when it is known."""
    profile = enrolment.referencing.profile if enrolment else None
    identifier = kind_of(corridor)
    amount = schema.AMOUNT_FIELD[kind]
    requests = []
    for index in range(2):
        item = {"numeroEditeur": f"CMD-{EXAMPLE_DATE.year}-{index + 1:03d}",
                "logiciel": enrolment.software_name + " " + enrolment.software_version
                if enrolment else "Nom du logiciel 1.0"}
        if kind == schema.BALANCE:
            item["numeroDemandeAvanceASP"] = f"{corridor.dossier_prefix}{12 + index:06d}-M0"
        beneficiaries = [{identifier.key: identifier.examples[position],
                          "nom": ("Centre hospitalier de Lumière" if position == 0
                                  else "Clinique des Tilleuls"),
                          "email": f"dsi@etablissement-{position + 1}.fr",
                          "telephone": f"01 23 45 67 8{position}"}
                         for position in range(min(index + 1, corridor.max_beneficiaries))]
        item.update({"dateCommande": EXAMPLE_DATE.isoformat(), "regimeTVA": "assujetti",
                     "tauxTVA": 20, amount: 12500.5 if index == 0 else 24000,
                     "beneficiaires": beneficiaries,
                     "mandatBeneficiaire": index == 1, "mandatPaiement": False})
        if index == 1:
            item["mandataire"] = {"denomination": "Groupement hospitalier Lumière",
                                  "siret": "73282932000074", "email": "contact@ght-lumiere.fr",
                                  "telephone": "01 98 76 54 32"}
        if corridor.scenarios:
            item["scenarios"] = {s["code"]: position < 2 and _open(s, profile)
                                 for position, s in enumerate(corridor.scenarios)}
        requests.append(item)
    return {"typeDemande": schema.TYPES[kind], "couloir": corridor.code,
            "numeroReferencementANS": enrolment.ans_number if enrolment else PLACEHOLDER_ANS,
            "demandes": requests}


def _open(scenario: dict, profile: str | None) -> bool:
    allowed = scenario.get("profiles") or []
    return not allowed or (profile in allowed if profile else True)


def file_name(corridor: Corridor, kind: str, what: str) -> str:
    """« DPI-ES-avance.exemple.json », « DPI-ES-solde.schema.json »."""
    return f"{corridor.code}-{schema.TYPES[kind]}.{what}.json"
