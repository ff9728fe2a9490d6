"""The recap of an enrolment's answers, section by section, with the forms' own labels."""
from portal.forms.public import wizard as forms
from portal.services.enrolment import rules

STEP_FIELDS = {
    1: ["ans_number", "software_name", "software_version", "dsr", "hds_host"],
    2: ["siret", "denomination", "company_address", "trade_name", "recipient", "building",
        "street_type", "extension", "address_complement", "commune", "is_distributor",
        "is_legal_rep", "rep_last_name", "rep_first_name", "rep_email", "rep_phone",
        "filer_last_name", "filer_first_name", "filer_email", "filer_phone", "filer_quality"],
    3: ["iban", "bic", "bank_name", "account_holder"],
    4: ["vat_rate"],
}
EXTRA_LABELS = {"software_name": "Nom du logiciel", "software_version": "Version du logiciel",
                "dsr": "DSR concerné", "company_address": "Adresse postale",
                "bank_name": "Domiciliation", "profile": "Profil référencé",
                "is_buyer": "Opérateur acheteur"}


def _labels_and_choices():
    labels, choices = dict(EXTRA_LABELS), {}
    for form_class in (forms.ReferencingForm, forms.ApplicantForm, forms.BankForm, forms.VatForm):
        form = form_class(formdata=None, meta={"csrf": False})
        for field in form:
            labels[field.name] = field.label.text
            if hasattr(field, "choices"):
                choices[field.name] = {c.value: c.label for c in field.iter_choices()}
    return labels, choices


def labelled_rows(values: dict, names: list[str]) -> list[tuple[str, str]]:
    """(label, value as read) of the named answers that have a value, with the forms' labels."""
    labels, choices = _labels_and_choices()
    return [(labels[name], choices.get(name, {}).get(values[name], values[name]))
            for name in names if values.get(name)]


def sections(values: dict) -> list[dict]:
    s = rules.situation(values)
    ref = s.referencing
    shown = dict(values)
    if ref:
        shown.update(software_name=ref.software_name, software_version=ref.software_version,
                     dsr=ref.dsr)
    if values.get("company_street"):
        shown["company_address"] = f"{values['company_street']}, {values['company_postcode']}"
    labels, choices = _labels_and_choices()
    result = []
    for step, names in STEP_FIELDS.items():
        rows = []
        for name in names:
            value = shown.get(name)
            if not value:
                continue
            rows.append((labels[name], choices.get(name, {}).get(value, value)))
        result.append({"step": step, "title": rules.STEPS[step], "rows": rows,
                       "documents": rules.documents_for(step, s)})
    return result
