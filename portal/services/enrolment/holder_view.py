"""An enrolment as its holder consults it: the recap of the company, then the detail in
accordions a–g (software, legal entity, natural persons, bank details, VAT, documents,
history). For a complementary enrolment, the company, its people and its bank details are the
account's (« Mon compte »): those accordions are not shown."""
from dataclasses import dataclass, field

from portal.models import Enrolment
from portal.models.enrolment import KIND_COMPLEMENTARY, STATUS_LABELS
from portal.services.enrolment import record as enrolment_record, summary as enrolment_summary

SOFTWARE = ["ans_number", "software_name", "software_version", "dsr", "profile", "hds_host"]
COMPANY = ["siret", "denomination", "company_address", "trade_name", "recipient", "building",
           "street_type", "extension", "address_complement", "commune", "is_distributor",
           "is_buyer"]
PERSONS = ["is_legal_rep", "rep_last_name", "rep_first_name", "rep_email", "rep_phone",
           "filer_last_name", "filer_first_name", "filer_email", "filer_phone", "filer_quality"]
BANK = ["iban", "bic", "bank_name", "account_holder"]
VAT = ["vat_rate"]
ACCOUNT_SECTIONS = ("b", "c", "d")  # the account's, not shown for a complementary enrolment


@dataclass
class Section:
    letter: str
    title: str
    rows: list = field(default_factory=list)


def _values(enrolment: Enrolment) -> dict:
    values = enrolment_record.values(enrolment)
    values.update(software_name=enrolment.software_name,
                  software_version=enrolment.software_version, dsr=enrolment.dsr,
                  profile=enrolment.profile_label,
                  is_buyer="oui" if enrolment.is_buyer else "non",
                  company_address=f"{enrolment.street}, {enrolment.postcode}")
    return values


def sections(enrolment: Enrolment) -> list[Section]:
    """The accordions a–e of the data entered; f (documents) and g (history) follow apart."""
    values = _values(enrolment)
    rows = lambda names: enrolment_summary.labelled_rows(values, names)  # noqa: E731
    found = [Section("a", "Logiciel", rows(SOFTWARE)),
             Section("b", "Personne morale", rows(COMPANY)),
             Section("c", "Personne(s) physique(s)", rows(PERSONS)),
             Section("d", "Coordonnées bancaires", rows(BANK)),
             Section("e", "Taux de TVA", rows(VAT))]
    if enrolment.kind == KIND_COMPLEMENTARY:
        found = [section for section in found if section.letter not in ACCOUNT_SECTIONS]
    return found


def history(enrolment: Enrolment) -> list[dict]:
    """The status changes as the holder reads them: the decisions of the ASP's staff
    (« Prénom Nom (Gestionnaire ASP) ») signed « ASP », the holder's own moves « Vous »."""
    return [{"at": event.created_at, "status": STATUS_LABELS[event.to_status],
             "by": "ASP" if event.by_staff else "Vous",
             "comment": event.comment}
            for event in enrolment_record.history(enrolment)]
