"""Corridors as data (issue 15): the cells of their CSV (services/reference/csv_import.py, dataset
« corridors »), the admin's edits of one corridor, and the queries of the other screens.

Scenarios are written in a readable mini-syntax, in the CSV cell and in the admin's text area
alike: one scenario per line (or separated by « ; » in a CSV cell),

    [Groupe] CODE: Libellé {Profil 1, Profil 2}

« [Groupe] » only for a corridor whose scenarios are shown as a table (the row they belong to);
« {…} » the referenced profiles (AnsReferencing.profile) that may declare the scenario — none:
every profile may. Example: « S1: Montée de version du DPI {Opérateur développeur} »."""
import json
import re
from decimal import Decimal

from portal import formatting
from portal.extensions import db
from portal.models import Corridor
from portal.models.base import utcnow
from portal.services.imports.identifiers import KINDS

LAYOUTS = {"list": "Liste", "table": "Tableau"}
LAYOUT_WORDS = {"liste": "list", "list": "list", "tableau": "table", "table": "table"}
SCENARIO = re.compile(r"^(?:\[(?P<group>[^\]]+)\]\s*)?(?P<code>[A-Za-z0-9_-]{1,20})\s*:\s*"
                      r"(?P<label>[^{};]+?)\s*(?:\{(?P<profiles>[^{}]*)\})?$")
SYNTAX = "[Groupe] CODE: Libellé {Profil 1, Profil 2}"
MONEY_MAX = Decimal("1e10")
BENEFICIARIES_MAX = 200


# The mini-syntax --------------------------------------------------------------------------------
def parse_scenarios(text: str) -> list[dict]:
    """The scenarios written in the mini-syntax; ValueError with the French reason."""
    scenarios, seen = [], set()
    for number, entry in enumerate(
            (part.strip() for part in re.split(r"[;\n]", text or "") if part.strip()), 1):
        match = SCENARIO.match(entry)
        if not match:
            raise ValueError(f"le scénario n° {number} (« {entry} ») ne suit pas la forme "
                             f"« {SYNTAX} ».")
        code = match["code"]
        if code in seen:
            raise ValueError(f"le code de scénario « {code} » figure deux fois.")
        seen.add(code)
        profiles = [p.strip() for p in (match["profiles"] or "").split(",") if p.strip()]
        scenarios.append({"code": code, "label": match["label"].strip(), "profiles": profiles,
                          "group": (match["group"] or "").strip()})
    return scenarios


def format_scenarios(scenarios: list[dict], separator: str = "\n") -> str:
    """The scenarios in the mini-syntax, as the admin's text area shows them."""
    lines = []
    for scenario in scenarios:
        group = f"[{scenario['group']}] " if scenario.get("group") else ""
        profiles = (" {" + ", ".join(scenario["profiles"]) + "}") if scenario.get("profiles") else ""
        lines.append(f"{group}{scenario['code']}: {scenario['label']}{profiles}")
    return separator.join(lines)


# The cells of the CSV (services/reference/cells.py's conventions) ---------------------------------
def scenarios_cell(value: str, column: str) -> str:
    try:
        return json.dumps(parse_scenarios(value), ensure_ascii=False)
    except ValueError as exc:
        raise ValueError(f"colonne « {column} » : {exc}")


def layout_cell(value: str, column: str) -> str:
    word = (value or "").strip().lower() or "liste"
    if word not in LAYOUT_WORDS:
        raise ValueError(f"la colonne « {column} » vaut « {value.strip()} » : attendu liste ou "
                         "tableau.")
    return LAYOUT_WORDS[word]


def identifier_cell(value: str, column: str) -> str:
    kind = (value or "").strip().lower()
    if kind not in KINDS:
        raise ValueError(f"la colonne « {column} » vaut « {value.strip()} » : attendu "
                         f"{', '.join(KINDS)}.")
    return kind


def prefix_cell(value: str, column: str) -> str:
    prefix = (value or "").strip().upper()
    if not re.fullmatch(r"[A-Z]{3,10}", prefix):
        raise ValueError(f"la colonne « {column} » vaut « {value.strip()} » : attendu 3 à 10 "
                         "lettres, par exemple FINDPI.")
    return prefix


def amount(value, column: str, required: bool = False, maximum: Decimal = MONEY_MAX):
    """An amount in euros (« 12 000,00 », « 12000.00 »), > 0; empty: no cap (None)."""
    try:
        parsed = formatting.parse_decimal(value, places=2)
    except formatting.NotANumber:
        parsed = Decimal(-1)
    if parsed is None and not required:
        return None
    if parsed is None or parsed <= 0 or parsed >= maximum:
        raise ValueError(f"la colonne « {column} » vaut « {(value or '').strip()} » : attendu un "
                         "montant positif, deux décimales au plus"
                         + ("." if required else ", ou vide (sans plafond)."))
    return parsed


def cap_cell(value: str, column: str):
    return amount(value, column)


def share_cell(value: str, column: str) -> Decimal:
    return amount(value, column, required=True, maximum=Decimal("100.01"))


def count_cell(value: str, column: str) -> int:
    cleaned = (value or "").strip()
    if not (cleaned.isdigit() and 1 <= int(cleaned) <= BENEFICIARIES_MAX):
        raise ValueError(f"la colonne « {column} » vaut « {cleaned} » : attendu un nombre entier "
                         f"de 1 à {BENEFICIARIES_MAX}.")
    return int(cleaned)


# The admin's edit of one corridor ----------------------------------------------------------------
EDITED = ("label", "cap_per_request", "cap_per_beneficiary", "advance_share", "max_beneficiaries",
          "active", "scenario_layout")


def save(corridor: Corridor, values: dict, actor: str) -> Corridor:
    """Record the fields an admin typed (checked by the form; `scenarios` a list as
    parse_scenarios reads it), who and when."""
    with db.database.atomic():
        for name in EDITED:
            setattr(corridor, name, values[name])
        corridor.scenarios_json = json.dumps(values["scenarios"], ensure_ascii=False)
        corridor.updated_at, corridor.updated_by = utcnow(), actor
        corridor.save()
    return corridor


def as_form_data(corridor: Corridor) -> dict:
    return {"label": corridor.label, "cap_per_request": formatting.plain(corridor.cap_per_request),
            "cap_per_beneficiary": formatting.plain(corridor.cap_per_beneficiary),
            "advance_share": formatting.plain(corridor.advance_share),
            "max_beneficiaries": str(corridor.max_beneficiaries), "active": corridor.active,
            "scenario_layout": corridor.scenario_layout,
            "scenarios": format_scenarios(corridor.scenarios)}


# Queries ------------------------------------------------------------------------------------------
def listed() -> list[Corridor]:
    return list(Corridor.select().order_by(Corridor.code))


def active() -> list[Corridor]:
    return list(Corridor.select().where(Corridor.active).order_by(Corridor.code))


def by_code(code: str) -> Corridor | None:
    return Corridor.get_or_none(Corridor.code == code)


def for_dsrs(dsrs) -> list[Corridor]:
    """The active corridors that the enrolments of these DSRs may file for."""
    dsrs = list(set(dsrs))
    if not dsrs:
        return []
    return list(Corridor.select().where(Corridor.active, Corridor.dsr.in_(dsrs))
                .order_by(Corridor.code))


def groups(corridor: Corridor) -> list[tuple[str, list[dict]]]:
    """The scenarios by group, in their order (a table layout's rows); one group "" in a list."""
    grouped: dict[str, list[dict]] = {}
    for scenario in corridor.scenarios:
        key = scenario.get("group", "") if corridor.scenario_layout == "table" else ""
        grouped.setdefault(key, []).append(scenario)
    return list(grouped.items())
