"""The business rules of one request of a JSON file, after its schema (validation.py): identifiers,
duplicates (within the file and with the account's earlier requests), a balance's advance and its
beneficiaries, scenarios against the referenced profile, dates, VAT, amounts under the corridor's
caps. A retained request gets its `data` (keys documented in report.py).

The facts every request needs are read once per file (`Facts.load`): never a query per request."""
import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from portal import formatting
from portal.models import Beneficiary, Corridor, Enrolment, FundingRequest
from portal.models.funding import ADVANCE, BALANCE, DECIDED
from portal.services.core.identifiers import InvalidIdentifier, clean_siret
from portal.services.funding.amounts import cents, with_vat
from portal.services.imports.identifiers import kind_of
from portal.services.imports.messages import found
from portal.services.imports.report import Problem, RequestResult
from portal.services.imports.schema import AMOUNT_FIELD

MANDATE_KEYS = ("denomination", "siret", "email", "telephone")


@dataclass
class Facts:
    account: object
    enrolment: Enrolment
    corridor: Corridor
    kind: str
    used_numbers: set = field(default_factory=set)  # publisher numbers already filed (this kind)
    advances: dict = field(default_factory=dict)  # ASP number → the account's advance
    advance_beneficiaries: dict = field(default_factory=dict)  # advance id → identifiers
    balanced: dict = field(default_factory=dict)  # advance id → its balance's number
    numbers_in_file: dict = field(default_factory=dict)  # publisher number → first index
    advances_in_file: dict = field(default_factory=dict)  # advance number → first index

    @classmethod
    def load(cls, account, enrolment, corridor, kind, items: list) -> "Facts":
        facts = cls(account, enrolment, corridor, kind)
        for index, item in enumerate(items):  # the first of each number and advance in the file
            if isinstance(item, dict):
                for key, firsts in (("numeroEditeur", facts.numbers_in_file),
                                    ("numeroDemandeAvanceASP", facts.advances_in_file)):
                    if isinstance(item.get(key), str):
                        firsts.setdefault(item[key], index)
        numbers = list(facts.numbers_in_file)
        if numbers:
            facts.used_numbers = {number for (number,) in FundingRequest.select(
                FundingRequest.publisher_number).where(
                FundingRequest.account == account, FundingRequest.kind == kind,
                FundingRequest.publisher_number.in_(numbers)).tuples()}
        if kind == BALANCE:
            wanted = list(facts.advances_in_file)
            if wanted:
                facts.advances = {advance.number: advance for advance in FundingRequest.select()
                                  .where(FundingRequest.account == account,
                                         FundingRequest.kind == ADVANCE,
                                         FundingRequest.number.in_(wanted))}
            ids = [advance.id for advance in facts.advances.values()]
            if ids:
                for request_id, identifier in (Beneficiary.select(Beneficiary.request,
                                                                  Beneficiary.identifier)
                                               .where(Beneficiary.request.in_(ids)).tuples()):
                    facts.advance_beneficiaries.setdefault(request_id, set()).add(identifier)
                facts.balanced = dict(FundingRequest.select(FundingRequest.advance,
                                                            FundingRequest.number)
                                      .where(FundingRequest.advance.in_(ids),
                                             FundingRequest.kind == BALANCE).tuples())
        return facts


def check_request(facts: Facts, index: int, item: dict) -> RequestResult:
    """The request at `index`, valid against its schema: retained with its data, or rejected."""
    prefix = f"demandes[{index}]"
    number = item["numeroEditeur"]
    result = RequestResult(index, number)
    problems = result.problems
    problems += _number(facts, prefix, index, number)
    order_date, date_problems = _order_date(prefix, item["dateCommande"])
    problems += date_problems
    problems += _vat(prefix, item)
    declared = Decimal(item[AMOUNT_FIELD[facts.kind]])
    if declared.as_tuple().exponent < -2:
        problems.append(Problem(f"{prefix}.{AMOUNT_FIELD[facts.kind]}", "Le montant a plus de "
                                "deux décimales.", "2 décimales au plus (centimes)",
                                found(declared)))
    declared = cents(declared)
    beneficiaries, beneficiary_problems = _beneficiaries(facts, prefix, item["beneficiaires"])
    problems += beneficiary_problems
    mandatary, mandate_problems = _mandatary(prefix, item)
    problems += mandate_problems
    problems += _scenarios(facts, prefix, item.get("scenarios", {}))
    advance = None
    if facts.kind == BALANCE:
        advance, advance_problems = _advance(facts, prefix, index, item, beneficiaries)
        problems += advance_problems
    if problems:
        return result
    result.data = {
        "publisher_number": number, "software": facts.corridor.software_type,
        "order_date": order_date, "vat_regime": item["regimeTVA"],
        "vat_rate": facts.enrolment.vat_rate, "declared_ht": declared,
        **amounts(facts.corridor, facts.enrolment.vat_rate, declared, len(beneficiaries),
                  advance),
        "beneficiaries": beneficiaries,
        "mandate_beneficiary": item["mandatBeneficiaire"],
        "mandate_payment": item["mandatPaiement"], "mandatary": mandatary,
        "scenarios": dict(item.get("scenarios", {})),
        "advance_number": advance.number if advance else ""}
    return result


def amounts(corridor: Corridor, vat_code: str, declared: Decimal, beneficiaries: int,
            advance: FundingRequest | None = None) -> dict:
    """retained HT = min(declared, cap per request, cap per beneficiary × beneficiaries); an
    advance is its share of it, a balance what the advance left (never below 0); TTC from the
    enrolment's VAT code, as the MSS channel does."""
    retained = declared
    if corridor.cap_per_request is not None:
        retained = min(retained, Decimal(corridor.cap_per_request))
    if corridor.cap_per_beneficiary is not None:
        retained = min(retained, Decimal(corridor.cap_per_beneficiary) * beneficiaries)
    retained = cents(retained)
    if advance is None:
        amount_ht = cents(retained * Decimal(corridor.advance_share) / 100)
    else:
        amount_ht = max(retained - Decimal(advance.amount_ht or 0), Decimal("0.00"))
    return {"retained_ht": retained, "amount_ht": amount_ht,
            "amount_ttc": with_vat(amount_ht, vat_code)}


def _number(facts: Facts, prefix: str, index: int, number: str) -> list[Problem]:
    first = facts.numbers_in_file[number]
    path = f"{prefix}.numeroEditeur"
    if first != index:
        return [Problem(path, f"Ce numéro éditeur figure déjà dans le fichier (demande n° "
                              f"{first + 1}).", "un numéro éditeur unique par demande",
                        found(number))]
    if number in facts.used_numbers:
        return [Problem(path, f"Vous avez déjà déposé une demande "
                              f"{'d’avance' if facts.kind == ADVANCE else 'de solde'} sous ce "
                              "numéro éditeur.", "un numéro éditeur que vous n'avez pas encore "
                              "utilisé", found(number))]
    return []


def _order_date(prefix: str, text: str) -> tuple[datetime.date | None, list[Problem]]:
    path = f"{prefix}.dateCommande"
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        return None, [Problem(path, "Cette date n'existe pas.", "une date réelle au format "
                                    "AAAA-MM-JJ", found(text))]
    if day > formatting.today():
        return None, [Problem(path, "La date de commande est dans le futur.",
                              f"au plus tard le {formatting.date(formatting.today())}",
                              found(text))]
    return day, []


def _vat(prefix: str, item: dict) -> list[Problem]:
    regime, rate = item["regimeTVA"], Decimal(item["tauxTVA"])
    if regime == "non assujetti" and rate != 0:
        return [Problem(f"{prefix}.tauxTVA", "Un régime « non assujetti » s'accompagne d'un taux "
                        "de TVA de 0.", "0", found(item["tauxTVA"]))]
    if regime == "assujetti" and rate == 0:
        return [Problem(f"{prefix}.tauxTVA", "Un régime « assujetti » demande un taux de TVA "
                        "supérieur à 0.", "20, 10, 8.5, 5.5 ou 2.1", found(item["tauxTVA"]))]
    return []


def _beneficiaries(facts: Facts, prefix: str, items: list) -> tuple[list[dict], list[Problem]]:
    kind = kind_of(facts.corridor)
    found_list, problems, seen = [], [], {}
    for position, item in enumerate(items):
        path = f"{prefix}.beneficiaires[{position}].{kind.key}"
        identifier = item[kind.key]
        reason = kind.problem(identifier)
        if reason:
            problems.append(Problem(path, reason, kind.shape, found(identifier)))
        elif identifier in seen:
            problems.append(Problem(path, f"Ce bénéficiaire figure déjà dans la demande "
                                          f"(bénéficiaire n° {seen[identifier] + 1}).",
                                    "chaque bénéficiaire une seule fois", found(identifier)))
        seen.setdefault(identifier, position)
        found_list.append({"identifier": identifier, "name": item["nom"],
                           "email": item["email"], "phone": item["telephone"],
                           "matches_advance": None})
    return found_list, problems


def _mandatary(prefix: str, item: dict) -> tuple[dict, list[Problem]]:
    if not (item["mandatBeneficiaire"] or item["mandatPaiement"]):
        return {}, []
    mandatary = {key: item["mandataire"][key] for key in MANDATE_KEYS
                 if key in item["mandataire"]}
    try:
        clean_siret(mandatary.get("siret", ""))
    except InvalidIdentifier as exc:
        return mandatary, [Problem(f"{prefix}.mandataire.siret", str(exc),
                                   "un SIRET de 14 chiffres à la clé de contrôle juste",
                                   found(mandatary.get("siret", "")))]
    return mandatary, []


def _scenarios(facts: Facts, prefix: str, declared: dict) -> list[Problem]:
    profile = facts.enrolment.referencing.profile
    problems = []
    for scenario in facts.corridor.scenarios:
        allowed = scenario.get("profiles") or []
        if declared.get(scenario["code"]) is True and allowed and profile not in allowed:
            problems.append(Problem(
                f"{prefix}.scenarios.{scenario['code']}",
                f"Le scénario « {scenario['label']} » n'est pas ouvert au profil pour lequel "
                f"votre logiciel est référencé ({profile}).",
                "false, ou un référencement pour le profil : " + ", ".join(allowed), "true"))
    return problems


def _advance(facts: Facts, prefix: str, index: int, item: dict, beneficiaries: list[dict]):
    path = f"{prefix}.numeroDemandeAvanceASP"
    number = item["numeroDemandeAvanceASP"]
    advance = facts.advances.get(number)
    if advance is None:
        return None, [Problem(path, "Aucune de vos demandes d'avance ne porte ce numéro.",
                              "le numéro ASP d'une de vos avances décidées", found(number))]
    if advance.corridor_id != facts.corridor.id:
        return None, [Problem(path, "Cette avance ne relève pas du couloir du fichier.",
                              f"une avance du couloir {facts.corridor.code}", found(number))]
    if advance.status != DECIDED:
        return None, [Problem(path, "Cette avance n'est pas encore décidée : le solde ne peut "
                                    "être demandé qu'après la décision de l'avance.",
                              "une avance au statut « Décidée »",
                              f"le statut « {advance.status_label} »")]
    if advance.id in facts.balanced:
        return None, [Problem(path, f"Un solde a déjà été déposé pour cette avance "
                                    f"({facts.balanced[advance.id]}).",
                              "une avance sans demande de solde", found(number))]
    first = facts.advances_in_file[number]
    if first != index:
        return None, [Problem(path, f"Cette avance est déjà soldée par la demande n° {first + 1} "
                                    "du fichier.", "une avance par demande de solde",
                              found(number))]
    declared = facts.advance_beneficiaries.get(advance.id, set())
    for beneficiary in beneficiaries:
        beneficiary["matches_advance"] = beneficiary["identifier"] in declared
    if beneficiaries and not any(b["matches_advance"] for b in beneficiaries):
        shown = ", ".join(sorted(declared)[:5]) + ("…" if len(declared) > 5 else "")
        return advance, [Problem(f"{prefix}.beneficiaires", "Aucun des bénéficiaires ne figure "
                                 "dans la demande d'avance.", "au moins un bénéficiaire de "
                                 f"l'avance ({shown or 'aucun'})",
                                 ", ".join(b["identifier"] for b in beneficiaries))]
    return advance, []

