"""The instruction and payment of a funding request on the workflow kernel (services/core/
workflow.py): three move tables, over its status, its payment state and its holder's
cancellation. A manager validates a conform request (« Validée »), the budget owner decides it
within its envelope (services/funding/budget.py); the MSS advance is validated and decided by
the portal at filing. Every move writes one history row holding the request as it now is, and
mails the operator."""
import datetime
from decimal import Decimal

from portal import formatting
from portal.models import FundingRequest, FundingEvent
from portal.models.funding import (AWAITING_DOCUMENT, BALANCE, CANCELLATION_ASKED,
                                   CANCELLATION_LABELS, CANCELLATION_REFUSED, CANCELLED, DECIDED,
                                   IN_PROGRESS, NO_CANCELLATION, NO_PAYMENT, PAID,
                                   PAYMENT_IN_PROGRESS, PAYMENT_LABELS, REJECTED, TO_MODIFY,
                                   VALIDATED)
from portal.models.roles import HOLDER as HOLDER_ROLE, SYSTEM
from portal.services.core.document_types import TYPES
from portal.services.core.errors import Refused, refuse_if
from portal.services.core.workflow import BUDGET_OWNER, HOLDER, Move, Step, Workflow, transition
from portal.services.funding import cancellation, requests as funding_requests
from portal.models.messages import FUNDING
from portal.services.messaging import follow

VALIDATE, DECIDE, TO_CHANGE, ASK_DOCUMENT, REJECT = (
    "valider", "decider", "a_modifier", "demander_piece", "rejeter")
RESUBMIT = "renvoyer"  # the holder, once the request is changed or completed
START_PAYMENT, RECORD_PAYMENT = "mettre_en_paiement", "enregistrer_paiement"
AUTO_VALIDATE, AUTO_DECIDE = "valider_au_depot", "decider_au_depot"  # the MSS advance, by the portal
ASK_CANCEL, REFUSE_CANCEL, GRANT_CANCEL = "demander_annulation", "refuser_annulation", "annuler"
FULL_RECOVERY, PARTIAL_RECOVERY = "recouvrement_total", "recouvrement_partiel"
COMMENT_REQUIRED = "Expliquez ce qui est attendu : ce commentaire est repris dans le courriel."
REASON_REQUIRED = "Indiquez le motif du rejet : il est repris dans le courriel."
PAID_ON_REQUIRED = "Saisissez la date du paiement."
AMOUNT_INVALID = "Saisissez le montant payé en euros, par exemple 8 000,00."
AMOUNT_ABOVE = "Le montant payé ne peut pas dépasser le montant de l'aide ({})."
NOT_YOURS = "Vous n'avez pas le droit de faire ce changement."
DOCUMENT_EXPECTED = "Ajoutez la pièce attendue dans sa zone avant de renvoyer votre demande."
PIECES_EXPECTED = "Ajoutez au moins une pièce avant de valider votre ajout de pièces."
CHANGED_MEANWHILE = "La demande vient de changer : rechargez la page avant de décider."
COMMENT = "Commentaire à l'opérateur"


def _check_payment(step: Step) -> dict:
    """The date of the payment and its amount (the aid, VAT included, when none is typed)."""
    request, details, errors = step.record, step.details, {}
    paid_on = details.get("paid_on")
    if isinstance(paid_on, str):
        try:
            paid_on = datetime.date.fromisoformat(paid_on)
        except ValueError:
            paid_on = None
    if not paid_on:
        errors["paid_on"] = PAID_ON_REQUIRED
    try:
        amount = formatting.parse_decimal(details.get("paid_amount"), places=2)
    except formatting.NotANumber:
        amount = None
    else:
        amount = Decimal(request.amount_ttc) if amount is None else amount
    if amount is None or amount <= 0:
        errors["paid_amount"] = AMOUNT_INVALID
    elif amount > Decimal(request.amount_ttc):
        errors["paid_amount"] = AMOUNT_ABOVE.format(formatting.euros(request.amount_ttc))
    step.found.update(paid_on=paid_on, paid_amount=amount)
    return errors


def _record_payment(step: Step) -> None:
    step.set(**step.found)


def _check_resubmission(step: Step) -> dict:
    """A request sent back: a balance with its support contact as corrected and the document
    awaited; a request filed from a JSON with the pieces its supplier added (one at least)."""
    added = [d for d in (step.details.get("documents") or {}).values() if d is not None]
    if step.record.from_json:
        support, errors = {}, {} if added else {"action": PIECES_EXPECTED}
    else:
        support, errors = funding_requests.support_contact(step.details.get("values") or {})
        if step.record.status == AWAITING_DOCUMENT and not added:
            errors["action"] = DOCUMENT_EXPECTED
    step.found.update(support=support, documents=added)
    return errors


def _resubmit(step: Step) -> None:
    """A new version: the support contact corrected, the documents sent now added (the earlier
    ones stay in its history), named in the history row and the mail."""
    for document in step.found["documents"]:
        document.funding_request, document.pending_request = step.record, None
        document.save()
    names = ", ".join(f"{d.original_name} ({TYPES[d.kind].label})" for d in step.found["documents"])
    if names:
        step.history.append(f"Pièces ajoutées : {names}")
    step.mail["documents"] = step.found["documents"]
    step.set(version=step.record.version + 1, **step.found["support"])


def _advance_mail(step: Step) -> None:
    step.mail["enrolment"] = step.record.enrolment


def _cancellation_shown(step: Step) -> None:
    step.history.append(CANCELLATION_LABELS[step.target])


MOVES = {
    VALIDATE: Move("Valider", (IN_PROGRESS,), VALIDATED,
                   "La demande est « Validée » : elle attend la décision du responsable "
                   "budgétaire.", "funding_validated", comment_label=COMMENT + " (facultatif)"),
    DECIDE: Move("Décider", (VALIDATED,), DECIDED,
                 "La demande est décidée : l'opérateur en est informé par courriel.",
                 "funding_decided", by=BUDGET_OWNER),
    AUTO_VALIDATE: Move("Valider au dépôt", (IN_PROGRESS,), VALIDATED, by=SYSTEM),
    AUTO_DECIDE: Move("Décider au dépôt", (VALIDATED,), DECIDED, mail="funding_advance_decided",
                      by=SYSTEM, effect=_advance_mail),
    TO_CHANGE: Move("A modifier", (IN_PROGRESS,), TO_MODIFY,
                    "La demande est « A modifier » : l'opérateur est informé de ce qui est attendu.",
                    "funding_to_change", needs_comment=COMMENT_REQUIRED, comment_label=COMMENT,
                    mail_context={"expected": "modifier les informations attendues"}),
    ASK_DOCUMENT: Move("Demander une pièce justificative", (IN_PROGRESS,), AWAITING_DOCUMENT,
                       "La pièce a été demandée à l'opérateur.", "funding_to_change",
                       needs_comment=COMMENT_REQUIRED, comment_label=COMMENT,
                       mail_context={"expected": "ajouter la pièce attendue"}),
    REJECT: Move("Rejeter", (IN_PROGRESS, TO_MODIFY, AWAITING_DOCUMENT), REJECTED,
                 "La demande est rejetée : le motif a été envoyé à l'opérateur.",
                 "funding_rejected", needs_comment=REASON_REQUIRED, comment_label="Motif du rejet",
                 secondary=True),
    RESUBMIT: Move("Renvoyer ma demande", (TO_MODIFY, AWAITING_DOCUMENT), IN_PROGRESS,
                   "Votre demande est de nouveau « En cours » d'instruction.",
                   "funding_resubmitted", by=HOLDER, check=_check_resubmission, effect=_resubmit),
    GRANT_CANCEL: Move("Accepter l'annulation", cancellation.CANCELLABLE, CANCELLED,
                       "La demande est « Annulée » : l'opérateur en est informé par courriel.",
                       "funding_cancelled", comment_label=COMMENT + " (facultatif)",
                       condition=lambda r: cancellation.cancellable(r)
                       and r.cancellation == CANCELLATION_ASKED,
                       check=cancellation.check_balance_first, effect=cancellation.grant),
    FULL_RECOVERY: Move("Enregistrer un ordre de recouvrement total", (DECIDED,), CANCELLED,
                        "L'ordre de recouvrement total est enregistré : la demande est "
                        "« Annulée ».", "funding_recovered",
                        comment_label=COMMENT + " (facultatif)",
                        condition=lambda r: r.payment_state == PAID,
                        check=cancellation.check_full_recovery, effect=cancellation.recover_fully,
                        asks=("recovery_on", "recovery_amount", "recovery_reference"),
                        secondary=True),
}
# Made by a payment batch only (services/payments/batches.py: its SEPA file, then the bank's
# execution), never from a request's page, by a manager: the budget owner decided the request.
PAYMENT_MOVES = {
    START_PAYMENT: Move("Mettre en paiement", (NO_PAYMENT,), PAYMENT_IN_PROGRESS,
                        "La demande est mise en paiement.", "funding_payment_started",
                        condition=lambda request: request.status == DECIDED, offered=False),
    RECORD_PAYMENT: Move("Enregistrer le paiement", (PAYMENT_IN_PROGRESS,), PAID,
                         "Le paiement est enregistré : l'avis de paiement est émis.",
                         "funding_paid", condition=lambda request: request.status == DECIDED,
                         check=_check_payment, effect=_record_payment,
                         asks=("paid_on", "paid_amount"), offered=False),
    # Nothing changes of the payment state: the order is kept and shown in the follow-up.
    PARTIAL_RECOVERY: Move("Enregistrer un ordre de recouvrement partiel", (PAID,), PAID,
                           "L'ordre de recouvrement partiel est enregistré.",
                           "funding_partially_recovered",
                           condition=cancellation.paid_and_decided,
                           check=cancellation.check_partial_recovery,
                           effect=cancellation.recover_partly,
                           asks=("recovery_on", "recovery_amount", "recovery_reference")),
}
CANCELLATION_MOVES = {
    ASK_CANCEL: Move("Demander l'annulation", (NO_CANCELLATION, CANCELLATION_REFUSED),
                     CANCELLATION_ASKED, "Votre demande d'annulation est transmise à l'ASP.",
                     "funding_cancellation_asked", by=HOLDER,
                     needs_comment=cancellation.CANCEL_REASON_REQUIRED,
                     comment_label="Motif de la demande d'annulation",
                     condition=cancellation.cancellable, check=cancellation.check_balance_first),
    REFUSE_CANCEL: Move("Refuser l'annulation", (CANCELLATION_ASKED,), CANCELLATION_REFUSED,
                        "L'annulation est refusée : le motif a été envoyé à l'opérateur.",
                        "funding_cancellation_refused",
                        needs_comment=cancellation.REFUSAL_REQUIRED,
                        comment_label="Motif du refus", condition=cancellation.cancellable,
                        secondary=True),
}


def _not_possible(move: Move, request: FundingRequest) -> str:
    return (f"« {move.label} » n'est pas possible pour cette demande "
            f"(« {request.status_label} », {request.payment_label.lower()}).")


def _payment_shown(step: Step) -> None:
    step.history.append(PAYMENT_LABELS[step.target])


SHARED = dict(
    event_model=FundingEvent, event_key="request", related="funding",
    recipient=lambda step: step.record.account.email,
    mail_context=lambda step: dict(request=step.record, comment=step.comment,
                                   account=step.record.account),
    not_yours=NOT_YOURS, not_possible=_not_possible, changed=CHANGED_MEANWHILE,
    is_holder=lambda request, actor, details: actor is not None and actor.id == request.account_id,
    holder_role=lambda step: (HOLDER_ROLE, step.actor.full_name),
)
STAMPED = {VALIDATED: "validated_at", DECIDED: "decided_at"}  # the dates of the follow-up
STATUS = Workflow(FundingRequest, "status", MOVES,
                  audit=lambda step: {"snapshot": funding_requests.snapshot(step.record)},
                  stamp=lambda step: {"status_changed_at": step.now, **(
                      {STAMPED[step.target]: step.now} if step.target in STAMPED else {})},
                  # sent again (changed, pieces added): flagged for the manager who follows it
                  on_holder_move=lambda step: follow.flag(FUNDING, step.record.id),
                  **SHARED)
# A payment move leaves the status as it is: its history row says the payment state.
PAYMENT = Workflow(FundingRequest, "payment_state", PAYMENT_MOVES, on_move=_payment_shown,
                   audit=lambda step: {"source": step.record.status, "target": step.record.status,
                                       "snapshot": funding_requests.snapshot(step.record)},
                   stamp=lambda step: {"status_changed_at": step.now, **(
                       {"payment_started_at": step.now} if step.target == PAYMENT_IN_PROGRESS
                       else {})},
                   **SHARED)
# The holder's cancellation: its history row says where the cancellation stands.
CANCELLATION = Workflow(FundingRequest, "cancellation", CANCELLATION_MOVES,
                        on_move=_cancellation_shown,
                        audit=lambda step: {"source": step.record.status,
                                            "target": step.record.status,
                                            "snapshot": funding_requests.snapshot(step.record)},
                        **SHARED)
WORKFLOWS = (STATUS, PAYMENT, CANCELLATION)


def available(request: FundingRequest) -> list[tuple[str, Move]]:
    """The staff's decisions open on the request: its status's, its payment's, then its
    cancellation's."""
    return [found for workflow in WORKFLOWS for found in workflow.available(request)]


def apply(request: FundingRequest, action: str, actor, comment: str = "", **details) -> Step:
    """A move of any table as `actor`; raises Refused with nothing written."""
    workflow = next((w for w in WORKFLOWS if action in w.moves), STATUS)
    return transition(workflow, request, action, actor, comment, **details)


def can_ask_cancellation(request: FundingRequest) -> bool:
    """The holder may ask its request's cancellation (its consultation offers it)."""
    return CANCELLATION.allowed(request, ASK_CANCEL)


def amend_balance(request: FundingRequest, account, values: dict, documents: dict,
                  refused: dict | None = None) -> Step:
    """« Renvoyer ma demande » of a balance « A modifier » or « En attente de pièce
    justificative »: back to « En cours » as a new version. Raises Refused (at once, with
    `refused`, when a file sent was not kept)."""
    refuse_if(refused or {})
    if request.kind != BALANCE or not STATUS.allowed(request, RESUBMIT):
        raise Refused({"action": NOT_YOURS})
    return transition(STATUS, request, RESUBMIT, account, values=values, documents=documents)
