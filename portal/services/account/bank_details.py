"""« Gérer mes coordonnées bancaires »: the operator's bank details (those of its enrolments and
those added later), a new one checked as the wizard checks it, then validated or refused by a
manager — one transition table, one history row and one mail per move. The validated one is
where payments go; the one it replaces is marked so."""
from dataclasses import dataclass

from peewee import IntegrityError

from portal import formatting
from portal.extensions import db
from portal.models import BankDetail, BankDetailEvent, Enrolment
from portal.models.bank import PENDING, REPLACED, VALIDATED
from portal.models.enrolment import KIND_INITIAL, VALIDATED as ENROLMENT_VALIDATED
from portal.services.account import change_requests
from portal.services.enrolment import wizard as enrolment_wizard
from portal.services.core import outbox
from portal.services.core.errors import refuse_if
from portal.services.core.workflow import Step

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


def rows(account, filed: list[Enrolment] | None = None) -> list[Row]:
    """Every bank detail of the account, oldest first; the one payments go to is `current`:
    the last validated one added, else the one of the last validated enrolment. `filed`: the
    account's enrolments when the caller has read them."""
    filed = enrolments(account) if filed is None else filed
    found = [Row(f"Demande d'enrôlement n° {e.number}", e.iban, e.bic, e.account_holder,
                 e.bank_name, "Validée" if e.status == ENROLMENT_VALIDATED else e.status_label)
             for e in filed]
    added = list(BankDetail.select().where(BankDetail.account == account).order_by(BankDetail.id))
    found += [Row(f"Ajoutée le {formatting.date(d.created_at)}", d.iban, d.bic, d.holder, d.bank_name,
                  d.status_label, detail=d) for d in added]
    validated = [r for r in found if r.detail and r.detail.status == VALIDATED]
    validated = validated or [row for row, e in zip(found, filed) if e.status == ENROLMENT_VALIDATED]
    if validated:
        validated[-1].current = True
    return found


def payment_account(account) -> Row | None:
    """Where payments go now (the `current` row), if any."""
    return next((row for row in rows(account) if row.current), None)


def company(account, filed: list[Enrolment] | None = None) -> Enrolment | None:
    """The company as its latest enrolment has it (the recap)."""
    items = enrolments(account) if filed is None else filed
    return items[-1] if items else None


def page(account) -> dict:
    """« Coordonnées bancaires »: the rows and the company's recap, the enrolments read once."""
    filed = enrolments(account)
    return {"rows": rows(account, filed), "company": company(account, filed)}


def add(account, values: dict, rib, refused: dict | None = None) -> BankDetail:
    """Check and keep a new bank detail with its RIB (a Document, see kept_files), pending the
    ASP's validation; mail the operator. Raises Refused (`refused`: why the RIB sent was not
    kept)."""
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
    refuse_if(errors, refused)
    try:
        with db.database.atomic():
            detail = BankDetail.create(account=account, iban=cleaned["iban"], bic=cleaned["bic"],
                                       holder=holder, bank_name=cleaned.get("bank_name", ""),
                                       rib=rib)
            change_requests.log_filing(WORKFLOW, detail, account, "Ajout")
            outbox.queue(account.email, "bank_detail_received", related=f"bank:{detail.id}",
                         detail=detail, account=account)
    except IntegrityError:  # added meanwhile from another tab: one pending per account (0020)
        refuse_if({"action": ALREADY_PENDING}, refused)
    return detail


def _replace_previous(step: Step) -> None:
    """The validated detail becomes where payments go: the one before is « Remplacée » (its
    history row after the validation's)."""
    step.then.append(lambda: _replace(step.record, step.actor))


def _replace(detail: BankDetail, actor) -> None:
    for old in BankDetail.select().where(BankDetail.account == detail.account_id,
                                         BankDetail.status == VALIDATED,
                                         BankDetail.id != detail.id):
        old.status = REPLACED
        old.save()
        WORKFLOW.log(old, VALIDATED, REPLACED, actor.role, actor.full_name, actor,
                     f"Remplacée par l'IBAN {detail.iban}")


# The manager's decisions: transition(WORKFLOW, detail, action, actor, comment).
WORKFLOW = change_requests.workflow(BankDetail, BankDetailEvent, "bank_detail", "bank", "detail",
                                    _replace_previous)


def history(detail: BankDetail) -> list[BankDetailEvent]:
    return list(detail.events.order_by(BankDetailEvent.id))
