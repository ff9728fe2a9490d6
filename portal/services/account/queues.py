"""The managers' queues of what operators ask about their account: the bank details to validate
and the changes of natural persons. Tables of the core component (services/core/tables.py): the
pending rows, oldest first, 20 a page, each with its account in the same query (a join)."""
from portal.models import Account, BankDetail, PersonChange
from portal.models.bank import PENDING  # the pending status of both
from portal.services.core.tables import TEXT, Column, Table


def of_operator(text: str):
    """The « Opérateur » filter: a piece of the account's name or identifiant."""
    return (Account.last_name.contains(text) | Account.first_name.contains(text) |
            Account.uid.contains(text))


OPERATOR = Column("operateur", "Opérateur", Account.last_name, filter=TEXT, where=of_operator,
                  filter_label="Opérateur (facultatif)", hint="Une partie de son nom ou de son identifiant.")

BANK_DETAILS = Table(
    name="coordonnees",
    columns=(
        Column("ajoutee", "Ajoutée le", BankDetail.id, filter=None),
        OPERATOR,
        Column("iban", "IBAN", BankDetail.iban, filter=None, sortable=False),
        Column("titulaire", "Titulaire", BankDetail.holder, filter=None, sortable=False),
    ),
    default_sort="ajoutee",
    tiebreak=BankDetail.id,
    id_prefix="",
    table_id="coordonnees-a-valider",
)

PERSON_CHANGES = Table(
    name="modifications",
    columns=(
        Column("demandee", "Demandée le", PersonChange.id, filter=None),
        OPERATOR,
        Column("modifications", "Modifications", PersonChange.changes, filter=None, sortable=False),
    ),
    default_sort="demandee",
    tiebreak=PersonChange.id,
    id_prefix="",
    table_id="modifications-a-instruire",
)


def bank_details():
    """The bank details awaiting a decision, with their account."""
    return (BankDetail.select(BankDetail, Account).join(Account)
            .where(BankDetail.status == PENDING))


def bank_detail(detail_id: int) -> BankDetail | None:
    """One bank detail with its account (the page names the operator), in one query."""
    return (BankDetail.select(BankDetail, Account).join(Account)
            .where(BankDetail.id == detail_id).first())


def person_change(change_id: int) -> PersonChange | None:
    """One change of persons with its account, in one query."""
    return (PersonChange.select(PersonChange, Account).join(Account)
            .where(PersonChange.id == change_id).first())


def person_changes():
    """The changes awaiting a decision, with their account."""
    return (PersonChange.select(PersonChange, Account).join(Account)
            .where(PersonChange.status == PENDING))
