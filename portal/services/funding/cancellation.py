"""Cancellation and recovery of a funding request (guide 003 §5.1): what the moves of
services/funding/workflow.py check and change. A request cancelled (at its holder's request, or
by a full recovery order once paid) keeps its amendment as it was, « Historisée », and gets a new
one « Annulée »: two history rows, each holding its version (the consultation's « Historique »).
A partial recovery order is a row of its own, a negative line of the financial follow-up."""
import datetime
from decimal import Decimal

from portal import formatting
from portal.models import FundingRecovery, FundingRequest
from portal.models.funding import (ADVANCE, BALANCE, CANCELLATION_GRANTED, CANCELLED, DECIDED,
                                   HISTORISED, IN_PROGRESS, AWAITING_DOCUMENT, NO_PAYMENT,
                                   REJECTED, TO_MODIFY, VALIDATED)
from portal.models.recoveries import FULL, PARTIAL, RECOVERY_LABELS
from portal.services.core import limits
from portal.services.core.workflow import Step
from portal.services.funding import requests as funding_requests

# What a holder may ask to cancel: a request not closed, nothing of it paid nor being paid.
CANCELLABLE = (IN_PROGRESS, AWAITING_DOCUMENT, TO_MODIFY, VALIDATED, DECIDED)
CANCEL_REASON_REQUIRED = "Indiquez le motif de votre demande d'annulation."
REFUSAL_REQUIRED = "Indiquez pourquoi l'annulation est refusée : ce motif est repris dans le courriel."
DATE_REQUIRED = "Saisissez la date de l'ordre de recouvrement."
REFERENCE_REQUIRED = "Saisissez la référence de l'ordre de recouvrement."
REFERENCE_TOO_LONG = f"La référence ne peut pas dépasser {limits.IDENTIFIER} caractères."
AMOUNT_INVALID = "Saisissez le montant à recouvrer en euros, par exemple 1 000,00."
ABOVE_PAID = "Le montant à recouvrer ne peut pas dépasser le montant payé restant ({})."
BALANCE_FIRST = ("La demande de solde {} de ce dossier n'est pas annulée : l'avance ne peut être "
                 "annulée qu'après elle.")
PARTIAL_IS_ALL = ("Ce montant est tout le montant payé restant ({}) : enregistrez un ordre de "
                  "recouvrement total, qui annule la demande.")


def cancellable(request) -> bool:
    return request.status in CANCELLABLE and request.payment_state == NO_PAYMENT


def check_balance_first(step: Step) -> dict:
    """An advance is cancelled only once its dossier's balance is closed (rejected or cancelled)
    or was never filed: a balance is paid on what its advance was."""
    request = step.record
    if request.kind != ADVANCE:
        return {}
    live = (FundingRequest.select(FundingRequest.number)
            .where(FundingRequest.dossier == request.dossier, FundingRequest.kind == BALANCE,
                   FundingRequest.status.not_in((REJECTED, CANCELLED))).first())
    return {"action": BALANCE_FIRST.format(live.number)} if live else {}


def typed_date(value) -> datetime.date | None:
    """A date from a form (a date, or its ISO text); None when missing or not a date."""
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return None
    return value or None


def typed_amount(value) -> Decimal | None:
    """An amount typed in euros (two decimals at most); None when missing or not a number."""
    try:
        return formatting.parse_decimal(value, places=2)
    except formatting.NotANumber:
        return None


def paid_left(request, recoveries=None) -> Decimal:
    """What was paid and not yet recovered (`recoveries`: the request's, when already read)."""
    recoveries = request.recoveries if recoveries is None else recoveries
    recovered = sum((Decimal(r.amount) for r in recoveries), Decimal(0))
    return Decimal(request.paid_amount or 0) - recovered


AMOUNT_HINTS = {FULL: "Le montant payé restant si rien n'est saisi : {}.",
                PARTIAL: "Moins que le montant payé restant : {}."}


def amount_hint(kind: str, left: Decimal) -> str:
    """What the amount field of a recovery order of `kind` says, `left` being what is left to
    recover."""
    return AMOUNT_HINTS[kind].format(formatting.euros(left))


def _check_recovery(step: Step, kind: str) -> dict:
    details, errors = step.details, {}
    ordered_on = typed_date(details.get("recovery_on"))
    if not ordered_on:
        errors["recovery_on"] = DATE_REQUIRED
    reference = " ".join((details.get("recovery_reference") or "").split())
    if not reference:
        errors["recovery_reference"] = REFERENCE_REQUIRED
    elif len(reference) > limits.IDENTIFIER:
        errors["recovery_reference"] = REFERENCE_TOO_LONG
    left = paid_left(step.record)
    amount = typed_amount(details.get("recovery_amount"))
    if amount is None and kind == FULL and not (details.get("recovery_amount") or "").strip():
        amount = left  # a full order recovers what is left, unless typed
    if amount is None or amount <= 0:
        errors["recovery_amount"] = AMOUNT_INVALID
    elif amount > left:
        errors["recovery_amount"] = ABOVE_PAID.format(formatting.euros(left))
    elif kind == PARTIAL and amount == left:
        errors["recovery_amount"] = PARTIAL_IS_ALL.format(formatting.euros(left))
    step.found.update(kind=kind, amount=amount, ordered_on=ordered_on, reference=reference)
    return errors


def check_full_recovery(step: Step) -> dict:
    return _check_recovery(step, FULL)


def check_partial_recovery(step: Step) -> dict:
    return _check_recovery(step, PARTIAL)


def _record_recovery(step: Step) -> FundingRecovery:
    found = step.found
    recovery = FundingRecovery.create(request=step.record, kind=found["kind"],
                                      amount=found["amount"], ordered_on=found["ordered_on"],
                                      reference=found["reference"], recorded_by=step.actor)
    step.history.append(f"{RECOVERY_LABELS[recovery.kind]} n° {recovery.reference} du "
                        f"{formatting.date(recovery.ordered_on)} : "
                        f"{formatting.euros(recovery.amount)}")
    step.mail["recovery"] = recovery
    return recovery


def _historise(step: Step) -> None:
    """The amendment as it was becomes « Historisée » (a history row holding it), the request
    goes on as a new amendment: the move's own row holds it « Annulée »."""
    request, actor = step.record, step.actor
    step.workflow.log(request, step.source, HISTORISED, actor.role, actor.full_name, actor,
                      f"Avenant n° {request.version} historisé : l'avenant n° "
                      f"{request.version + 1} est « Annulé ».",
                      snapshot=funding_requests.snapshot(request, status=HISTORISED))
    step.set(version=request.version + 1)


def grant(step: Step) -> None:
    """« Accepter l'annulation »."""
    _historise(step)
    step.set(cancellation=CANCELLATION_GRANTED)


def recover_fully(step: Step) -> None:
    """« Enregistrer un ordre de recouvrement total »: the order kept, the request cancelled."""
    _record_recovery(step)
    _historise(step)


def recover_partly(step: Step) -> None:
    _record_recovery(step)


def paid_and_decided(request) -> bool:
    return request.status == DECIDED and request.is_paid
