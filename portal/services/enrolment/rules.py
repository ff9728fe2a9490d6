"""The wizard's rules: which fields and documents each step requires, given the answers so far."""
from dataclasses import dataclass

from portal.models import AnsReferencing
from portal.services.core import identifiers
from portal.services.reference import lookups

REQUIRED = "Ce champ est obligatoire."
STEPS = {1: "Référencement", 2: "Demandeur", 3: "Coordonnées bancaires", 4: "Taux de TVA",
         5: "Récapitulatif"}
FILER_FIELDS = ["filer_last_name", "filer_first_name", "filer_email", "filer_email_confirm",
                "filer_phone", "filer_quality"]
REP_FIELDS = ["rep_last_name", "rep_first_name", "rep_email", "rep_email_confirm", "rep_phone"]
ADDRESS_FIELDS = ["denomination", "trade_name", "street_type", "commune"]
STEP_DOCUMENTS = {  # every document a step may ask for; documents_for() says which it does ask
    1: {"referencing_certificate", "operator_contract", "hds_certificate", "hds_statement"},
    2: {"kbis", "purchase_order", "publisher_mandate", "representative_id", "filer_id",
        "service_contract", "legal_rep_mandate"},
    3: {"rib"},
    4: {"vat_exemption"},
}


@dataclass
class Situation:
    """What the answers so far say about the applicant."""
    referencing: AnsReferencing | None
    values: dict

    @property
    def anticipated(self) -> bool:
        return bool(self.referencing) and not self.referencing.validated

    @property
    def siret(self) -> str:
        return identifiers.compact_siret(self.values.get("siret"))

    @property
    def company_found(self) -> bool:
        """« Rechercher » found the company of the SIRET now typed (not of one typed before)."""
        if not self.values.get("company_denomination"):
            return False
        searched = self.values.get("company_siret")
        return searched is None or searched == self.siret  # None: a draft saved before the check

    @property
    def is_buyer(self) -> bool:
        return bool(self.referencing and self.siret and self.siret != self.referencing.holder_siret)

    @property
    def denomination_changed(self) -> bool:
        given = (self.values.get("denomination") or "").strip()
        return self.company_found and bool(given) and given != self.values["company_denomination"]

    @property
    def third_party(self) -> bool:
        return self.values.get("is_legal_rep") == "non"

    @property
    def vat_exempt(self) -> bool:
        return self.values.get("vat_rate") == "HT"


def situation(values: dict) -> Situation:
    return Situation(lookups.find_referencing(values.get("ans_number")), values)


def documents_for(step: int, s: Situation) -> list[str]:
    """The document types the step asks for, in display order."""
    v = s.values
    if step == 1:
        ref = s.referencing
        if not ref or not ref.validated:
            return []
        kinds = ["referencing_certificate"]
        if ref.is_mss:
            kinds.append("operator_contract")
        if ref.is_dpi and v.get("hds_host") == "oui":
            kinds.append("hds_certificate")
        if ref.is_dpi and v.get("hds_host") == "non":
            kinds.append("hds_statement")
        return kinds
    if step == 2:
        if not s.company_found:
            return []
        kinds = []
        if s.denomination_changed:
            kinds.append("kbis")
        if s.is_buyer:
            kinds.append("purchase_order")
        if v.get("is_distributor") == "oui":
            kinds.append("publisher_mandate")
        if v.get("is_legal_rep") in ("oui", "non"):
            kinds.append("representative_id")
        if s.third_party:
            kinds.append("filer_id")
            if v.get("filer_quality") == "accounting":
                kinds.append("service_contract")
            elif v.get("filer_quality") == "employee":
                kinds.append("legal_rep_mandate")
        return kinds
    if step == 3:
        return ["rib"]
    if step == 4:
        return ["vat_exemption"] if s.vat_exempt else []
    return []


def step_of_document(kind: str) -> int:
    """The step that may ask for this document, 0 for none."""
    return next((step for step, kinds in STEP_DOCUMENTS.items() if kind in kinds), 0)


def fields_for(step: int, s: Situation) -> list[str]:
    """The fields the step requires."""
    if step == 1:
        return ["ans_number"] + (["hds_host"] if s.referencing and s.referencing.validated
                                 and s.referencing.is_dpi else [])
    if step == 2:
        fields = ["siret", "is_distributor", "is_legal_rep"]
        if s.company_found:
            fields += ADDRESS_FIELDS
        if s.values.get("is_legal_rep") in ("oui", "non"):
            fields += REP_FIELDS
        if s.third_party:
            fields += FILER_FIELDS
        return fields
    if step == 3:
        return ["iban", "bic", "account_holder"]
    if step == 4:
        return ["vat_rate"]
    return []


def errors_for(step: int, values: dict, documents: dict) -> dict:
    """Field name → French message, for what the step still lacks."""
    s = situation(values)
    errors = {}
    for name in fields_for(step, s):
        if not (values.get(name) or "").strip():
            errors[name] = REQUIRED
    if step == 1 and values.get("ans_number") and not s.referencing:
        errors["ans_number"] = lookups.UNKNOWN_ANS
    if step == 2 and values.get("siret") and not s.company_found:
        errors["siret"] = ("Cliquez sur « Rechercher » pour retrouver votre entreprise "
                           "à partir du numéro SIRET.")
    if step == 3 and values.get("iban") and not values.get("bank_name") and "bic" not in errors:
        errors["bic"] = "La domiciliation n'a pas pu être retrouvée : vérifiez l'IBAN et le BIC."
    for kind in documents_for(step, s):
        if kind not in documents:
            errors["doc_" + kind] = "Déposez ce document avant de passer à l'étape suivante."
    return errors


def holder_email(values: dict) -> str:
    """The future account holder: the legal representative, or the dépositaire of a third party."""
    return values["filer_email"] if values.get("is_legal_rep") == "non" else values["rep_email"]
