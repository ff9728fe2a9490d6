"""Look-ups in the reference data: ANS referencing list, company directory."""
from portal.models import AnsReferencing, Company
from portal.services.core.errors import LinkedMessage

UNKNOWN_ANS = LinkedMessage("Ce numéro de référencement est inconnu de l'ASP. Vérifiez-le, ou ",
                            "contactez l'assistance", ".", "public.contact.contact")
UNKNOWN_SIRET = ("Ce numéro SIRET est inconnu du répertoire des entreprises. Vérifiez-le, ou "
                 "contactez l'assistance.")


def find_referencing(number: str) -> AnsReferencing | None:
    number = (number or "").strip().upper()
    if not number:
        return None
    return AnsReferencing.get_or_none(AnsReferencing.number == number)


def find_company(siret: str) -> Company | None:
    return Company.get_or_none(Company.siret == siret)
