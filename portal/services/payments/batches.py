"""Payment batches: « Mettre en paiement » a selection of decided requests, one SEPA transfer each
to the bank details in force, and the bank's execution recorded for the whole batch or request by
request. Every request moves through the kernel (funding workflow PAYMENT: START_PAYMENT, then
RECORD_PAYMENT), one audited, mailed move each, all in the batch's transaction.

Guards: only decided requests not yet in payment; bank details validated (else refused); bank
details validated after the decision only with the manager's confirmation; never one request in
two batches (a partial unique index, migration 0032, whatever the tabs sending at once)."""
import datetime
from decimal import Decimal

from peewee import IntegrityError, fn

from portal import formatting
from portal.extensions import db
from portal.models import Account, Enrolment, FundingRequest, PaymentBatch, PaymentLine
from portal.models.base import utcnow
from portal.models.funding import DECIDED, NO_PAYMENT, PAYMENT_PURPOSE
from portal.models.payments import EXECUTED, PAID, PENDING
from portal.services.core import storage
from portal.services.core.errors import Refused, refuse_if
from portal.services.funding import workflow
from portal.services.payments import debtor as debtor_account, sepa, selection

NONE_SELECTED = "Cochez au moins une demande à mettre en paiement."
NOT_PAYABLE = ("Ces demandes ne peuvent pas être mises en paiement (elles ne sont pas décidées, ou "
               "sont déjà en paiement) : {}.")
NO_BANK = ("Ces demandes n'ont pas de coordonnées bancaires validées : elles ne peuvent pas être "
           "mises en paiement : {}.")
UNCONFIRMED = ("Les coordonnées bancaires de ces demandes ont changé depuis leur décision : cochez "
               "« Je confirme les nouvelles coordonnées bancaires » ou retirez-les de la sélection"
               " : {}.")
IN_ANOTHER = ("Une de ces demandes vient d'être mise en paiement dans un autre lot : rechargez la "
              "page.")
PAID_ON_REQUIRED = "Saisissez la date d'exécution du virement par la banque."
NOTHING_PENDING = "Aucun virement de ce lot n'attend son exécution."


def remittance(request: FundingRequest) -> str:
    """What the beneficiary reads on its statement: the payment's purpose, dossier and request."""
    return f"{PAYMENT_PURPOSE} {request.dossier} {request.number}"


def _named(requests) -> str:
    return ", ".join(r.number for r in requests)


def _selected(ids) -> list[FundingRequest]:
    """The requests of `ids` with their enrolment and account (the mails' recipient): one query."""
    return list(FundingRequest.select(FundingRequest, Enrolment, Account)
                .join(Enrolment).switch(FundingRequest).join(Account)
                .where(FundingRequest.id.in_(list(ids))).order_by(FundingRequest.id))


def _check(ids: set, confirmed: set) -> tuple[list, dict]:
    """The requests and their banks, or Refused naming each request that may not go."""
    if not ids:
        raise Refused({"requests": NONE_SELECTED})
    requests = _selected(ids)
    errors = {}
    payable = [r for r in requests if r.status == DECIDED and r.payment_state == NO_PAYMENT]
    refused = [r for r in requests if not (r.status == DECIDED and r.payment_state == NO_PAYMENT)]
    if refused or len(requests) < len(ids):
        errors["requests"] = NOT_PAYABLE.format(_named(refused) or "demande introuvable")
    banks = selection.banks(payable)
    missing = [r for r in payable if banks[r.id].missing]
    unconfirmed = [r for r in payable if banks[r.id].changed and r.id not in confirmed]
    if missing:
        errors["bank"] = NO_BANK.format(_named(missing))
    if unconfirmed:
        errors["confirmed"] = UNCONFIRMED.format(_named(unconfirmed))
    if debtor_account.current() is None:
        errors["action"] = debtor_account.NOT_SET
    refuse_if(errors)
    return payable, banks


def _number(batch: PaymentBatch) -> str:
    return f"MEP-{batch.created_at:%Y}-{batch.id:06d}"


def create(actor, ids, confirmed=()) -> PaymentBatch:
    """A batch of the requests `ids` made by `actor` (staff), `confirmed`: the ids whose changed
    bank details the actor confirmed. Raises Refused with nothing written (and no file kept)."""
    requests, banks = _check({int(i) for i in ids}, {int(i) for i in confirmed})
    debtor, stored = debtor_account.current(), None
    try:
        with db.database.atomic():
            batch = PaymentBatch.create(number=f"tmp-{utcnow():%Y%m%d%H%M%S%f}", created_by=actor,
                                        created_by_name=actor.full_name, debtor=debtor,
                                        execution_date=formatting.today(), total=Decimal(0))
            batch.number = _number(batch)
            lines = [_line(batch, r, banks[r.id], actor) for r in requests]
            try:
                with db.database.atomic():
                    PaymentLine.insert_many(lines).execute()
            except IntegrityError:
                raise Refused({"requests": IN_ANOTHER}) from None
            for request in requests:
                workflow.apply(request, workflow.START_PAYMENT, actor,
                               f"Lot de paiement {batch.number}")
            content = sepa.build(batch.number, debtor, batch.execution_date, [
                sepa.Transfer(line["holder"], line["iban"], line["bic"], line["amount"],
                              line["remittance"], request.number)
                for request, line in zip(requests, lines)])
            stored, sha256 = storage.write(content, ".xml")
            batch.stored_name, batch.size, batch.sha256 = stored, len(content), sha256
            batch.count = len(lines)
            batch.total = sum((line["amount"] for line in lines), Decimal(0))
            batch.save()
    except BaseException:
        if stored:
            storage.remove(stored)
        raise
    return batch


def _line(batch, request, bank, actor) -> dict:
    source = bank.source
    return dict(batch=batch.id, request=request.id, amount=Decimal(request.amount_ttc),
                iban=source.iban, bic=source.bic or "",
                holder=source.holder or request.enrolment.denomination,
                remittance=remittance(request), created_at=batch.created_at,
                bank_confirmed=actor.full_name if bank.changed else "")


def _paid_on(value) -> datetime.date | None:
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value or "").strip())
    except ValueError:
        return None


def record_execution(batch: PaymentBatch, actor, paid_on, line_ids=None) -> int:
    """The bank executed the batch's pending transfers (`line_ids`: only those) on `paid_on`: each
    request « Paiement effectué » (its notice and mail, as the kernel sends them); the batch
    « Exécuté » once no transfer waits. The number of requests paid; raises Refused."""
    day = _paid_on(paid_on)
    refuse_if({} if day else {"paid_on": PAID_ON_REQUIRED})
    query = (PaymentLine.select(PaymentLine, FundingRequest, Account)
             .join(FundingRequest).join(Account)
             .where(PaymentLine.batch == batch, PaymentLine.state == PENDING))
    if line_ids is not None:
        query = query.where(PaymentLine.id.in_([int(i) for i in line_ids]))
    lines = list(query.order_by(PaymentLine.id))
    refuse_if({} if lines else {"action": NOTHING_PENDING})
    with db.database.atomic():
        for line in lines:
            workflow.apply(line.request, workflow.RECORD_PAYMENT, actor,
                           f"Lot de paiement {batch.number}", paid_on=day,
                           paid_amount=str(line.amount))
        (PaymentLine.update(state=PAID, paid_on=day)
         .where(PaymentLine.id.in_([line.id for line in lines])).execute())
        if not batch.lines.where(PaymentLine.state == PENDING).exists():
            batch.state, batch.executed_at = EXECUTED, utcnow()
            batch.save()
    return len(lines)


def of_requests(requests) -> dict[int, PaymentLine]:
    """The open line of each request, by request id, with its batch: one query."""
    ids = [r.id for r in requests]
    if not ids:
        return {}
    lines = (PaymentLine.select(PaymentLine, PaymentBatch).join(PaymentBatch)
             .where(PaymentLine.request.in_(ids), PaymentLine.state.in_((PENDING, PAID))))
    return {line.request_id: line for line in lines}


def pending_count(batch: PaymentBatch) -> int:
    return batch.lines.where(PaymentLine.state == PENDING).select(fn.COUNT(PaymentLine.id)).scalar()
