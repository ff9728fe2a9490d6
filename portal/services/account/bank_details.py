"""« Gérer mes coordonnées bancaires »: the operator's bank details (those of its enrolments and
those added later), a new one checked as the wizard checks it, then validated or refused by a
manager — one transition table, one history row and one mail per move. The validated one is
where payments go; the one it replaces is marked so."""
from dataclasses import dataclass

from portal.extensions import db
from portal.models import BankDetail, BankDetailEvent, Enrolment
from portal.models.bank import PENDING, REPLACED, VALIDATED
from portal.models.enrolment import KIND_INITIAL, VALIDATED as ENROLMENT_VALIDATED
from portal.services.account import change_requests
from portal.services.enrolment import wizard as enrolment_wizard
from portal.services.core import outbox

KIND = change_requests.Kind(BankDetailEvent, "bank_detail",
                            {change_requests.VALIDATE: "bank_detail_validated",
                             change_requests.REFUSE: "bank_detail_refused"}, "bank", "detail")
HOLDER_REQUIRED = "Saisissez le titulaire du compte."
RIB_REQUIRED = "Déposez le RIB de ce compte."
ALREADY_PENDING = ("Une coordonnée bancaire est déjà en attente de validation : attendez la "
                   "décision de l'ASP avant d'en ajouter une autre.")


@dataclass
class Row:
    source: str
    iban: str
    bic: str
    holder: str
    bank_name: str
    status: str
    current: bool = False
    detail: BankDetail | None = None


def enrolments(account):
    """The account's initial enrolments (a complementary one shares the account's bank details)."""
    return list(Enrolment.select().where(Enrolment.holder == account,
                                         Enrolment.kind == KIND_INITIAL)
                .order_by(Enrolment.submitted_at))


def rows(account) -> list[Row]:
    """Every bank detail of the account, oldest first; the one payments go to is `current`:
    the last validated one added, else the one of the last validated enrolment."""
    filed = enrolments(account)
    found = [Row(f"Demande d'enrôlement n° {e.number}", e.iban, e.bic, e.account_holder,
                 e.bank_name, "Validée" if e.status == ENROLMENT_VALIDATED else e.status_label)
             for e in filed]
    added = list(BankDetail.select().where(BankDetail.account == account).order_by(BankDetail.id))
    found += [Row(f"Ajoutée le {d.created_at:%d/%m/%Y}", d.iban, d.bic, d.holder, d.bank_name,
                  d.status_label, detail=d) for d in added]
    validated = [r for r in found if r.detail and r.detail.status == VALIDATED]
    validated = validated or [row for row, e in zip(found, filed) if e.status == ENROLMENT_VALIDATED]
    if validated:
        validated[-1].current = True
    return found


def payment_account(account) -> Row | None:
    """Where payments go now (the `current` row), if any."""
    return next((row for row in rows(account) if row.current), None)


def company(account) -> Enrolment | None:
    """The company as its latest enrolment has it (the recap)."""
    items = enrolments(account)
    return items[-1] if items else None


def add(account, values: dict, rib) -> tuple[BankDetail | None, dict]:
    """Check and keep a new bank detail with its RIB (a Document, see kept_files), pending the
    ASP's validation; mail the operator."""
    errors, cleaned = enrolment_wizard.check_bank(values)
    if not values.get("iban"):
        errors["iban"] = "Saisissez l'IBAN."
    if not values.get("bic"):
        errors["bic"] = "Saisissez le BIC."
    holder = " ".join((values.get("account_holder") or "").split())
    if not holder:
        errors["account_holder"] = HOLDER_REQUIRED
    if BankDetail.select().where(BankDetail.account == account,
                                 BankDetail.status == PENDING).exists():
        errors["action"] = ALREADY_PENDING
    if rib is None:
        errors.setdefault("doc_rib", RIB_REQUIRED)
    if errors:
        return None, errors
    with db.database.atomic():
        detail = BankDetail.create(account=account, iban=cleaned["iban"], bic=cleaned["bic"],
                                   holder=holder, bank_name=cleaned.get("bank_name", ""), rib=rib)
        change_requests.log(KIND, detail, None, PENDING, f"{account.full_name} (Opérateur)", "Ajout")
        outbox.queue(account.email, "bank_detail_received", related=f"bank:{detail.id}",
                     detail=detail, account=account)
    outbox.dispatch()
    return detail, {}


def _replace_previous(detail: BankDetail, who: str) -> None:
    """The validated detail becomes where payments go: the one before is « Remplacée »."""
    for old in BankDetail.select().where(BankDetail.account == detail.account_id,
                                         BankDetail.status == VALIDATED,
                                         BankDetail.id != detail.id):
        old.status = REPLACED
        old.save()
        change_requests.log(KIND, old, VALIDATED, REPLACED, who, f"Remplacée par l'IBAN {detail.iban}")


def decide(detail: BankDetail, action: str, actor, comment: str = "") -> dict:
    """A manager's decision; returns the errors by field (nothing written if any)."""
    return change_requests.decide(KIND, detail, action, actor, comment, _replace_previous)


def history(detail: BankDetail) -> list[BankDetailEvent]:
    return list(detail.events.order_by(BankDetailEvent.id))
