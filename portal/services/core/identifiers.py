"""Checks of the identifiers users type: SIRET, IBAN/BIC, e-mail, phone. French messages."""
import re

from schwifty import BIC, IBAN
from schwifty.exceptions import SchwiftyException
from stdnum.exceptions import ValidationError
from stdnum.fr import siret as stdnum_siret


class InvalidIdentifier(ValueError):
    """Raised with the French message to show beside the field."""


def compact_siret(value: str | None) -> str:
    """The SIRET as typed, without the spaces and dots that group its digits."""
    return stdnum_siret.compact(value or "")


def clean_siret(value: str) -> str:
    compact = compact_siret(value)
    if not compact:
        raise InvalidIdentifier("Saisissez le numéro SIRET.")
    if not compact.isdigit() or len(compact) != 14:
        raise InvalidIdentifier("Le numéro SIRET comporte 14 chiffres.")
    try:
        return stdnum_siret.validate(compact)
    except ValidationError:
        raise InvalidIdentifier("Ce numéro SIRET n'est pas valide : vérifiez les chiffres saisis.")


def clean_iban(value: str) -> IBAN:
    try:
        return IBAN(value or "", validate_bban=True)
    except SchwiftyException:
        raise InvalidIdentifier(
            "Cet IBAN n'est pas valide (clé de contrôle ou clé RIB incorrecte) : vérifiez-le, "
            "de préférence par copier-coller.")


def clean_bic(value: str) -> BIC:
    try:
        return BIC((value or "").replace(" ", "").upper())
    except SchwiftyException:
        raise InvalidIdentifier("Ce BIC n'est pas valide : il comporte 8 ou 11 caractères, "
                                "par exemple BNPAFRPP.")


def bank_name(bic: BIC) -> str:
    names = bic.bank_names
    return names[0] if names else ""


EMAIL_RE = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")


def clean_email(value: str) -> str:
    value = (value or "").strip()
    if not EMAIL_RE.match(value) or ".." in value:
        raise InvalidIdentifier("Saisissez une adresse électronique valide, par exemple nom@domaine.fr.")
    return value.lower()


def clean_phone(value: str) -> str:
    """French numbers: 10 digits starting with 0, or +33 / 0033 followed by 9 digits."""
    digits = re.sub(r"[\s.\-()]", "", value or "")
    if digits.startswith("+33"):
        digits = "0" + digits[3:]
    elif digits.startswith("0033"):
        digits = "0" + digits[4:]
    if not re.fullmatch(r"0[1-9]\d{8}", digits):
        raise InvalidIdentifier("Saisissez un numéro de téléphone à 10 chiffres, par exemple 01 23 45 67 89.")
    return " ".join(digits[i:i + 2] for i in range(0, 10, 2))
