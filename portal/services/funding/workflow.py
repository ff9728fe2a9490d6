"""The instruction and payment of a funding request on the workflow kernel (services/core/
workflow.py): two move tables, one over its status and one over its payment state. Every move
writes one history row holding the request as it now is, and mails the operator."""
import datetime
from decimal import Decimal

from portal import formatting
from portal.models import FundingRequest, FundingEvent
from portal.models.funding import (AWAITING_DOCUMENT, BALANCE, DECIDED, IN_PROGRESS, NO_PAYMENT,
                                   PAID, PAYMENT_IN_PROGRESS, PAYMENT_LABELS, REJECTED, TO_MODIFY)
from portal.models.messages import FUNDING
from portal.models.roles import HOLDER as HOLDER_ROLE
from portal.services.core.document_types import TYPES
from portal.services.core.errors import Refused, refuse_if
from portal.services.core.workflow import HOLDER, Move, Step, Workflow, transition
from portal.services.funding import requests as funding_requests
from portal.services.messaging import follow

DECIDE, TO_CHANGE, ASK_DOCUMENT, REJECT = "decider", "a_modifier", "demander_piece", "rejeter"
RESUBMIT = "renvoyer"  # the holder, once the request is changed or completed
START_PAYMENT, RECORD_PAYMENT = "mettre_en_paiement", "enregistrer_paiement"
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


MOVES = {
    DECIDE: Move("Décider", (IN_PROGRESS,), DECIDED,
                 "La demande est décidée : l'opérateur en est informé par courriel.",
                 "funding_decided", comment_label=COMMENT + " (facultatif)"),
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
}
PAYMENT_MOVES = {
    START_PAYMENT: Move("Mettre en paiement", (NO_PAYMENT,), PAYMENT_IN_PROGRESS,
                        "La demande est mise en paiement.", "funding_payment_started",
                        condition=lambda request: request.status == DECIDED),
    RECORD_PAYMENT: Move("Enregistrer le paiement", (PAYMENT_IN_PROGRESS,), PAID,
                         "Le paiement est enregistré : l'avis de paiement est émis.",
                         "funding_paid", condition=lambda request: request.status == DECIDED,
                         check=_check_payment, effect=_record_payment,
                         asks=("paid_on", "paid_amount")),
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
STATUS = Workflow(FundingRequest, "status", MOVES,
                  audit=lambda step: {"snapshot": funding_requests.snapshot(step.record)},
                  stamp=lambda step: {"status_changed_at": step.now,
                                      **({"decided_at": step.now} if step.target == DECIDED else {})},
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


def available(request: FundingRequest) -> list[tuple[str, Move]]:
    """The staff's decisions open on the request: its status's, then its payment's."""
    return STATUS.available(request) + PAYMENT.available(request)


def apply(request: FundingRequest, action: str, actor, comment: str = "", **details) -> Step:
    """A move of either table as `actor`; raises Refused with nothing written."""
    workflow = PAYMENT if action in PAYMENT.moves else STATUS
    return transition(workflow, request, action, actor, comment, **details)


def amend_balance(request: FundingRequest, account, values: dict, documents: dict,
                  refused: dict | None = None) -> Step:
    """« Renvoyer ma demande » of a balance « A modifier » or « En attente de pièce
    justificative »: back to « En cours » as a new version. Raises Refused (at once, with
    `refused`, when a file sent was not kept)."""
    refuse_if(refused or {})
    if request.kind != BALANCE or not STATUS.allowed(request, RESUBMIT):
        raise Refused({"action": NOT_YOURS})
    return transition(STATUS, request, RESUBMIT, account, values=values, documents=documents)
