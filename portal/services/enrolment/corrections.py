"""« Modifier »: data of an enrolment a manager asks the holder to correct (with « Demander des
pièces »), by section. The holder corrects them on the deposit page; they are checked as the
wizard checks them and written on « Terminer mon dépôt », each change kept in the history."""
from dataclasses import dataclass

from portal.services.enrolment import wizard as enrolment_wizard
from portal.services.enrolment.wording import STREET_TYPES, VAT_RATES

REQUIRED = "Ce champ est obligatoire."
VAT_CHOICES = dict(VAT_RATES)


@dataclass(frozen=True)
class Section:
    label: str
    fields: tuple[str, ...]  # the Enrolment's fields the holder may correct
    required: tuple[str, ...]


SECTIONS = {
    "bank": Section("Coordonnées bancaires (IBAN, BIC, titulaire)",
                    ("iban", "bic", "account_holder"), ("iban", "bic", "account_holder")),
    "vat": Section("Taux de TVA", ("vat_rate",), ("vat_rate",)),
    "address": Section("Nom commercial et adresse",
                       ("trade_name", "street_type", "commune", "recipient", "building",
                        "extension", "address_complement"),
                       ("trade_name", "street_type", "commune")),
}
LABELS = {"iban": "IBAN", "bic": "BIC", "account_holder": "Titulaire", "vat_rate": "Taux de TVA",
          "trade_name": "Nom commercial", "street_type": "Type de voie", "commune": "Commune",
          "recipient": "Identité du destinataire/service", "building": "Entrée/Bât/Immeuble",
          "extension": "Extension", "address_complement": "Complément d'adresse"}


def known(codes) -> list[str]:
    """The section codes asked, in display order (unknown ones left out)."""
    return [code for code in SECTIONS if code in set(codes or [])]


def labels(codes) -> list[str]:
    return [SECTIONS[code].label for code in known(codes)]


def values_of(enrolment, codes) -> dict:
    """The enrolment's current values of the sections' fields (the form's starting point)."""
    return {name: getattr(enrolment, name) or "" for code in known(codes)
            for name in SECTIONS[code].fields}


def check(codes, typed: dict) -> tuple[dict, dict]:
    """The corrected values, cleaned, and the French errors by field."""
    cleaned, errors = {}, {}
    for code in known(codes):
        section = SECTIONS[code]
        for name in section.fields:
            cleaned[name] = " ".join((typed.get(name) or "").split())
            if name in section.required and not cleaned[name]:
                errors[name] = REQUIRED
    if "vat_rate" in cleaned and cleaned["vat_rate"] and cleaned["vat_rate"] not in VAT_CHOICES:
        errors["vat_rate"] = REQUIRED
    if "street_type" in cleaned and cleaned["street_type"] and cleaned["street_type"] not in STREET_TYPES:
        errors["street_type"] = REQUIRED
    if "iban" in cleaned:
        bank_errors, bank = enrolment_wizard.check_bank(cleaned)
        for name, message in bank_errors.items():
            errors.setdefault(name, message)
        cleaned.update(bank)
    return cleaned, errors


def apply(enrolment, cleaned: dict) -> list[str]:
    """Write the corrections on the enrolment (not saved); the changes as people read them."""
    changes = []
    for name, value in cleaned.items():
        before = getattr(enrolment, name) or ""
        if name in LABELS and before != value:
            shown = (VAT_CHOICES.get(before, before), VAT_CHOICES.get(value, value)) \
                if name == "vat_rate" else (before, value)
            changes.append(f"{LABELS[name]} : {shown[0] or '—'} → {shown[1] or '—'}")
        setattr(enrolment, name, value)
    return changes
