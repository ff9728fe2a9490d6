"""What a request filed from a JSON file shows besides an MSS one (guide 003 §5.2, issue 15): the
order's facts, the « Bénéficiaires » block (the two mandate answers, the mandatary, the
beneficiaries with the corridor's identifier) and the « Scénarios d'installation » block (each
declared scenario ticked, in bold when checked against the profiles the software was referenced
for; a table for corridors drawn so). One model for the operator's consultation and the
manager's: the templates draw the same partial from it."""
import datetime
import json
from dataclasses import dataclass, field

from portal import formatting
from portal.models import AnsReferencing, Enrolment, FundingRequest
from portal.models.beneficiaries import Beneficiary
from portal.models.imports import Corridor
from portal.services.funding.amounts import vat_label

# The two mandate answers of the JSON, as the boxes of the « Bénéficiaires » block say them.
MANDATES = (
    ("mandate_beneficiary", "Le bénéficiaire final a mandaté le fournisseur pour déposer la "
                            "demande de financement en son nom"),
    ("mandate_payment", "Le bénéficiaire final a mandaté le fournisseur pour percevoir le "
                        "paiement de l'aide"),
)
# The mandatary's details as the JSON names them (French keys) or as the import keeps them.
MANDATARY_LABELS = {
    "raisonSociale": "Raison sociale", "nom": "Nom", "prenom": "Prénom", "name": "Nom",
    "siret": "SIRET", "siren": "SIREN", "email": "Email", "telephone": "Téléphone",
    "phone": "Téléphone", "adresse": "Adresse", "address": "Adresse", "qualite": "Qualité",
}
YES, NO = "Oui", "Non"
# What a history row keeps of a request filed from a JSON (services/funding/requests.snapshot).
SNAPSHOT = ("publisher_number", "order_date", "vat_regime", "mandate_beneficiary",
            "mandate_payment", "scenarios_json")
CHECKED = "contrôlé"  # the text alternative of a scenario in bold


@dataclass(frozen=True)
class Scenario:
    code: str
    label: str
    declared: bool  # ticked: « true » in the JSON
    checked: bool  # in bold: checked against the referenced profiles


@dataclass
class ScenarioTable:
    """The table layout (e.g. MS1): a row per group, a column per scenario label; a cell holds
    the scenario of that group and label, None where the corridor has none."""
    columns: list[str]
    rows: list[tuple[str, list[Scenario | None]]]


@dataclass
class JsonPart:
    """The facts of a request filed from a JSON that an MSS request does not have."""
    request: FundingRequest
    corridor: Corridor
    order: list[tuple[str, str]]  # « Informations de la commande »'s facts
    mandates: list[tuple[str, str, bool]]  # (id suffix, label, ticked)
    mandatary: list[tuple[str, str]]  # its details, when a mandate is given
    identifier_label: str  # the beneficiaries' identifier column
    beneficiaries: list[Beneficiary]
    shows_matches: bool  # a balance: « Correspond à l'avance »
    scenarios: list[Scenario] = field(default_factory=list)
    scenario_table: ScenarioTable | None = None
    checked_label: str = CHECKED

    @property
    def rows(self) -> list[tuple[str, str, str, str, str]]:
        """The beneficiaries table: identifier, name, e-mail, phone, « Correspond à l'avance »."""
        return [(b.identifier, b.name, b.email, b.phone, matches_label(b))
                for b in self.beneficiaries]

    @property
    def has_scenarios(self) -> bool:
        return bool(self.scenarios)


def matches_label(beneficiary: Beneficiary) -> str:
    """« Correspond à l'avance » of a balance's beneficiary: Oui, Non (— when not known)."""
    if beneficiary.matches_advance is None:
        return "—"
    return YES if beneficiary.matches_advance else NO


def order_facts(request: FundingRequest, corridor: Corridor) -> list[tuple[str, str]]:
    """The first facts of « Informations de la commande »: the software, then the order's."""
    return [("Couloir", f"{corridor.label} ({corridor.code})"),
            ("Logiciel", request.software),
            ("Numéro éditeur", request.publisher_number),
            ("Date de la commande", formatting.date(request.order_date) if request.order_date
             else "—"),
            ("Régime TVA", request.vat_regime or "—"),
            ("Taux de TVA appliqué", vat_label(request.vat_rate))]


def scenarios(corridor: Corridor, declared: dict, profile: str | None) -> list[Scenario]:
    """The corridor's scenarios in its order: ticked when declared true, checked (bold) when the
    scenario's profiles include the enrolment's referenced profile."""
    return [Scenario(s["code"], s["label"], bool(declared.get(s["code"])),
                     profile is not None and profile in (s.get("profiles") or []))
            for s in corridor.scenarios]


def scenario_table(shown: list[Scenario], corridor: Corridor) -> ScenarioTable:
    groups = {s["code"]: s.get("group") or "" for s in corridor.scenarios}
    columns = list(dict.fromkeys(s.label for s in shown))
    rows = {}
    for scenario in shown:
        cells = rows.setdefault(groups[scenario.code], [None] * len(columns))
        cells[columns.index(scenario.label)] = scenario
    return ScenarioTable(columns, list(rows.items()))


def mandatary_rows(request: FundingRequest) -> list[tuple[str, str]]:
    if not (request.mandate_beneficiary or request.mandate_payment):
        return []
    return [(MANDATARY_LABELS.get(key, key), str(value))
            for key, value in request.mandatary.items() if value not in (None, "")]


def part(request: FundingRequest) -> JsonPart | None:
    """The JSON part of `request` (None for an MSS request): its corridor and referenced profile
    in one query, its beneficiaries in another."""
    if not request.from_json:
        return None
    corridor, profile = _corridor_and_profile(request)
    request.corridor = corridor  # kept: what reads it next (its versions) asks no query
    shown = scenarios(corridor, request.scenarios, profile)
    return JsonPart(
        request, corridor, order_facts(request, corridor),
        [(name, label, bool(getattr(request, name))) for name, label in MANDATES],
        mandatary_rows(request), corridor.identifier_label,
        list(request.beneficiaries.order_by(Beneficiary.position)),
        shows_matches=not request.is_advance, scenarios=shown,
        scenario_table=scenario_table(shown, corridor) if corridor.scenario_layout == "table"
        else None)


def _corridor_and_profile(request: FundingRequest) -> tuple[Corridor, str | None]:
    row = (Corridor.select(Corridor, AnsReferencing.profile.alias("referenced_profile"))
           .join(FundingRequest, on=(FundingRequest.corridor == Corridor.id))
           .join(Enrolment, on=(FundingRequest.enrolment == Enrolment.id))
           .join(AnsReferencing, on=(Enrolment.referencing == AnsReferencing.id))
           .where(FundingRequest.id == request.id).objects().first())
    return row, getattr(row, "referenced_profile", None)


def beneficiaries_text(request: FundingRequest) -> str:
    """The beneficiaries as a version shows them: « 750100125 Hôpital Saint-Louis ; … »."""
    return " ; ".join(f"{b.identifier} {b.name}"
                      for b in request.beneficiaries.order_by(Beneficiary.position))


def version_rows(data: dict, corridor_scenarios: list[dict]) -> list[tuple[str, str]]:
    """The JSON fields of a version (a history snapshot), as the « Historique » shows them."""
    rows = []
    for name, label in (("publisher_number", "Numéro éditeur"),
                        ("order_date", "Date de la commande"), ("vat_regime", "Régime TVA")):
        if data.get(name):
            value = data[name]
            rows.append((label, formatting.date(datetime.date.fromisoformat(value[:10]))
                         if name == "order_date" else value))
    for name, label in MANDATES:
        if data.get(name) not in (None, ""):
            rows.append((label, YES if data[name] in (True, "True", "true") else NO))
    if data.get("scenarios_json"):
        declared = json.loads(data["scenarios_json"])
        labels = [s["label"] + (f" ({s['group']})" if s.get("group") else "")
                  for s in corridor_scenarios if declared.get(s["code"])]
        rows.append(("Scénarios d'installation déclarés", ", ".join(labels) or "Aucun"))
    if data.get("beneficiaries"):
        rows.append(("Bénéficiaires", data["beneficiaries"]))
    return rows
