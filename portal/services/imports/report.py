"""What the checks of a JSON file answer, shared by the simulator, the import (browser and API) and
the output JSON: per request, retained or rejected with its reasons in French.

A `Problem` says where (a JSON path such as « demandes[2].beneficiaires[0].finess »), what is
expected and what was found, in words a supplier reads. A retained request carries `data`, its
values normalised for filing (keys below); a rejected one carries none."""
from dataclasses import dataclass, field

# The keys of RequestResult.data, for services/imports/filing.py:
#   publisher_number (str), software (str: the corridor's software type), order_date (date|None),
#   vat_regime (str), vat_rate (str: a VAT code as the enrolments keep it, « 20 », « HT »…),
#   declared_ht (Decimal: montantSegurHT or montantSegurHTFacture), amount_ht, amount_ttc
#   (Decimal: retained under the corridor's caps and advance share), retained_ht (Decimal: the
#   « montant de l'engagement retenu » HT, under the caps, before the advance share or the
#   advance's deduction), beneficiaries (list of dicts:
#   identifier, name, email, phone, matches_advance (bool|None)), mandate_beneficiary (bool),
#   mandate_payment (bool), mandatary (dict, {} without a mandate), scenarios (dict code → bool),
#   advance_number (str: a balance's advance, its ASP number « FINDPI000123-M0 »; "" for an
#   advance).


@dataclass(frozen=True)
class Problem:
    path: str  # « demandes[2].montantSegurHT »; "" for the whole file
    message: str  # « Le montant dépasse le plafond du couloir par demande. »
    expected: str = ""  # « au plus 12 000,00 € HT »
    found: str = ""  # « 15 000,00 € HT »

    def as_json(self) -> dict:
        return {"chemin": self.path, "message": self.message, "attendu": self.expected,
                "trouve": self.found}


@dataclass
class RequestResult:
    index: int  # its position in the file, from 0
    publisher_number: str  # as found in the file ("" when missing)
    problems: list[Problem] = field(default_factory=list)
    data: dict | None = None  # normalised values, only when retained

    @property
    def retained(self) -> bool:
        return not self.problems


@dataclass
class Report:
    """The answer to one file: `problems` that concern the whole file (not JSON, not an object,
    wrong type or corridor, no request or more than 200) reject every request."""
    kind: str  # advance | balance ("" when the file does not say)
    corridor_code: str
    problems: list[Problem] = field(default_factory=list)
    requests: list[RequestResult] = field(default_factory=list)
    document: dict | list | None = None  # the parsed input, for the output JSON

    @property
    def retained(self) -> list[RequestResult]:
        return [r for r in self.requests if r.retained] if not self.problems else []

    @property
    def rejected(self) -> list[RequestResult]:
        return [r for r in self.requests if not r.retained] if not self.problems else self.requests
