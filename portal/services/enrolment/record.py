"""A submitted enrolment as people read it: the wizard's answers step by step (the recap of the
wizard, with the forms' own labels), its documents, its history and its mails."""
from peewee import JOIN

from portal.models import Account, Document, DocumentRequest, Enrolment, EnrolmentEvent
from portal.services.enrolment import rules, summary as enrolment_summary
from portal.services.core import outbox

YES_NO = {True: "oui", False: "non", None: ""}


def with_holder(number: str) -> Enrolment | None:
    """The enrolment of that number and the account of its holder (if opened), in one query."""
    return (Enrolment.select(Enrolment, Account)
            .join(Account, JOIN.LEFT_OUTER, on=(Enrolment.holder == Account.id))
            .where(Enrolment.number == number).first())


def values(enrolment: Enrolment) -> dict:
    """The enrolment's answers in the wizard's own names, for enrolment_summary.sections()."""
    e = enrolment
    return {
        "ans_number": e.ans_number, "hds_host": YES_NO[e.hds_host], "siret": e.siret,
        "denomination": e.denomination, "company_denomination": e.denomination,
        "company_siret": e.siret, "company_street": e.street, "company_postcode": e.postcode,
        "trade_name": e.trade_name, "recipient": e.recipient, "building": e.building,
        "street_type": e.street_type, "extension": e.extension,
        "address_complement": e.address_complement, "commune": e.commune,
        "is_distributor": YES_NO[e.is_distributor],
        "is_legal_rep": YES_NO[e.is_legal_representative],
        "rep_last_name": e.rep_last_name, "rep_first_name": e.rep_first_name,
        "rep_email": e.rep_email, "rep_phone": e.rep_phone,
        "filer_last_name": e.filer_last_name, "filer_first_name": e.filer_first_name,
        "filer_email": e.filer_email, "filer_phone": e.filer_phone,
        "filer_quality": e.filer_quality, "iban": e.iban, "bic": e.bic,
        "bank_name": e.bank_name, "account_holder": e.account_holder, "vat_rate": e.vat_rate,
    }


def documents(enrolment: Enrolment) -> list[Document]:
    return list(enrolment.documents.order_by(Document.created_at, Document.id))


def sections(enrolment: Enrolment, all_documents: list[Document]) -> list[dict]:
    """The wizard's four steps: their rows, and the documents filed with the enrolment for each
    (those deposited later are listed apart, see later_documents())."""
    result = enrolment_summary.sections(values(enrolment))
    for section in result:
        if section["step"] == 1:  # as filed, not as the reference list says today
            section["rows"] = [row for row in section["rows"] if row[0] not in
                               ("Nom du logiciel", "Version du logiciel", "DSR concerné")]
            section["rows"][1:1] = [("Nom du logiciel", enrolment.software_name),
                                    ("Version du logiciel", enrolment.software_version),
                                    ("DSR concerné", enrolment.dsr)]
        section["documents"] = [d for d in all_documents if d.created_at <= enrolment.submitted_at
                                and rules.step_of_document(d.kind) == section["step"]]
    return [section for section in result if section["step"] in (1, 2, 3, 4)]


def later_documents(enrolment: Enrolment, all_documents: list[Document]) -> list[Document]:
    """Documents deposited after the submission (requests for documents, certificates)."""
    return [d for d in all_documents if d.created_at > enrolment.submitted_at]


def document_requests(enrolment: Enrolment) -> list[DocumentRequest]:
    return list(enrolment.document_requests.order_by(DocumentRequest.id))


def history(enrolment: Enrolment) -> list[EnrolmentEvent]:
    return list(enrolment.events.order_by(EnrolmentEvent.created_at, EnrolmentEvent.id))


def mails(enrolment: Enrolment):
    return outbox.for_related(f"enrolment:{enrolment.id}")
