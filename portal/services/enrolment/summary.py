"""The recap of an enrolment's answers, section by section, worded as the wizard asks them
(services/enrolment/wording.py, whose labels its forms show)."""
from portal.services.enrolment import rules, wording

STEP_FIELDS = {
    1: ["ans_number", "software_name", "software_version", "dsr", "hds_host"],
    2: ["siret", "denomination", "company_address", "trade_name", "recipient", "building",
        "street_type", "extension", "address_complement", "commune", "is_distributor",
        "is_legal_rep", "rep_last_name", "rep_first_name", "rep_email", "rep_phone",
        "filer_last_name", "filer_first_name", "filer_email", "filer_phone", "filer_quality"],
    3: ["iban", "bic", "bank_name", "account_holder"],
    4: ["vat_rate"],
}


def labelled_rows(values: dict, names: list[str]) -> list[tuple[str, str]]:
    """(label, value as read) of the named answers that have a value, with the forms' labels."""
    return [(wording.LABELS[name], wording.answer(name, values[name]))
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
    result = []
    for step, names in STEP_FIELDS.items():
        rows = []
        for name in names:
            value = shown.get(name)
            if not value:
                continue
            rows.append((wording.LABELS[name], wording.answer(name, value)))
        result.append({"step": step, "title": rules.STEPS[step], "rows": rows,
                       "documents": rules.documents_for(step, s)})
    return result
