"""The beneficiary identifiers a corridor may use (Corridor.identifier_kind), each with its check
and French message. python-stdnum has no FINESS or RPPS module (stdnum.fr holds nif, nir, siren,
siret, tva…), so their documented key is checked with stdnum.luhn:
- FINESS (géographique or juridique): 9 characters, the department first (2A/2B in Corsica), the
  9th a Luhn key over the other 8 (all-digit numbers; Corsica's are checked for their shape only);
- RPPS: 11 digits, the 11th a Luhn key;
- Assurance Maladie number (« numéro AM »): 9 digits;
- PMSI: the FINESS under which the establishment reports its activity (e-PMSI), 9 characters.
"""
import re
from dataclasses import dataclass

from stdnum import luhn


@dataclass(frozen=True)
class IdentifierKind:
    code: str  # Corridor.identifier_kind
    key: str  # its name in the JSON (« finess »…)
    label: str  # « Numéro FINESS géographique »
    pattern: str  # what the JSON Schema checks: the shape
    shape: str  # the shape in words, for the messages and the documentation
    examples: tuple  # two valid ones, for the documentation's example
    luhn: bool  # a Luhn key on the last digit (when all digits)

    def problem(self, value: str) -> str | None:
        """None when `value` is a valid identifier of this kind, else the French reason."""
        if not re.fullmatch(self.pattern, value or ""):
            return f"Le {self.noun} doit comporter {self.shape}."
        if self.luhn and value.isdigit() and not luhn.is_valid(value):
            return (f"La clé de contrôle du {self.noun} (dernier chiffre) est fausse : "
                    "vérifiez le numéro.")
        return None

    @property
    def noun(self) -> str:
        """« numéro FINESS géographique », inside a sentence."""
        return self.label[0].lower() + self.label[1:]


FINESS_SHAPE = "9 caractères : 9 chiffres, ou 2A/2B suivis de 7 chiffres en Corse"
FINESS_PATTERN = r"^(\d{2}|2[AB])\d{7}$"
KINDS = {kind.code: kind for kind in (
    IdentifierKind("finess", "finess", "Numéro FINESS géographique", FINESS_PATTERN, FINESS_SHAPE,
                   ("750712184", "130783236"), True),
    IdentifierKind("finess_ej", "finessJuridique", "Numéro FINESS juridique", FINESS_PATTERN,
                   FINESS_SHAPE, ("750712184", "690781810"), True),
    IdentifierKind("rpps", "rpps", "Numéro RPPS", r"^\d{11}$", "11 chiffres",
                   ("10003456786", "10101010105"), True),
    IdentifierKind("am", "numeroAM", "Numéro Assurance Maladie", r"^\d{9}$", "9 chiffres",
                   ("751234567", "691234560"), False),
    IdentifierKind("pmsi", "pmsi", "Numéro PMSI (FINESS de l'établissement)", FINESS_PATTERN,
                   FINESS_SHAPE, ("130783236", "330781196"), False),
)}


def kind_of(corridor) -> IdentifierKind:
    return KINDS[corridor.identifier_kind]
