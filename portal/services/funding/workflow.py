"""The instruction and payment of a funding request: one table of moves (from which statuses or
payment states, to which, by whom, what they need), and one function, apply(), that makes a move —
the status or payment state, the version, one history row holding the request as it now is, and
one mail — in one transaction, first decision wins."""
import datetime
from dataclasses import dataclass
from decimal import Decimal

from portal import formatting
from portal.extensions import db
from portal.models import FundingRequest
from portal.models.base import utcnow
from portal.models.funding import (AWAITING_DOCUMENT, DECIDED, IN_PROGRESS, NO_PAYMENT, PAID,
                                   PAYMENT_IN_PROGRESS, PAYMENT_LABELS, REJECTED, TO_MODIFY)
from portal.services.funding import requests as funding_requests
from portal.services.core import outbox
from portal.services.account.change_requests import actor_name

DECIDE, TO_CHANGE, ASK_DOCUMENT, REJECT = "decider", "a_modifier", "demander_piece", "rejeter"
RESUBMIT = "renvoyer"  # the holder, once the request is changed or completed
START_PAYMENT, RECORD_PAYMENT = "mettre_en_paiement", "enregistrer_paiement"
STAFF, HOLDER = "staff", "holder"
COMMENT_REQUIRED = "Expliquez ce qui est attendu : ce commentaire est repris dans le courriel."
REASON_REQUIRED = "Indiquez le motif du rejet : il est repris dans le courriel."
PAID_ON_REQUIRED = "Saisissez la date du paiement."
AMOUNT_INVALID = "Saisissez le montant payé en euros, par exemple 8 000,00."
AMOUNT_ABOVE = "Le montant payé ne peut pas dépasser le montant de l'aide ({})."
NOT_YOURS = "Vous n'avez pas le droit de faire ce changement."
DOCUMENT_EXPECTED = "Ajoutez la pièce attendue dans sa zone avant de renvoyer votre demande."
CHANGED_MEANWHILE = "La demande vient de changer : rechargez la page avant de décider."


@dataclass(frozen=True)
class Move:
    label: str
    sources: tuple[str, ...]  # statuses (or payment states, for a payment move)
    target: str
    mail: str
    done: str
    by: str = STAFF
    needs_comment: str | None = None
    payment: bool = False  # moves the payment state, not the status


MOVES = {
    DECIDE: Move("Décider", (IN_PROGRESS,), DECIDED, "funding_decided",
                 "La demande est décidée : l'opérateur en est informé par courriel."),
    TO_CHANGE: Move("A modifier", (IN_PROGRESS,), TO_MODIFY, "funding_to_change",
                    "La demande est « A modifier » : l'opérateur est informé de ce qui est attendu.",
                    needs_comment=COMMENT_REQUIRED),
    ASK_DOCUMENT: Move("Demander une pièce justificative", (IN_PROGRESS,), AWAITING_DOCUMENT,
                       "funding_to_change", "La pièce a été demandée à l'opérateur.",
                       needs_comment=COMMENT_REQUIRED),
    REJECT: Move("Rejeter", (IN_PROGRESS, TO_MODIFY, AWAITING_DOCUMENT), REJECTED,
                 "funding_rejected", "La demande est rejetée : le motif a été envoyé à l'opérateur.",
                 needs_comment=REASON_REQUIRED),
    RESUBMIT: Move("Renvoyer ma demande", (TO_MODIFY, AWAITING_DOCUMENT), IN_PROGRESS,
                   "funding_resubmitted", "Votre demande est de nouveau « En cours » d'instruction.",
                   by=HOLDER),
    START_PAYMENT: Move("Mettre en paiement", (NO_PAYMENT,), PAYMENT_IN_PROGRESS,
                        "funding_payment_started", "La demande est mise en paiement.",
                        payment=True),
    RECORD_PAYMENT: Move("Enregistrer le paiement", (PAYMENT_IN_PROGRESS,), PAID,
                         "funding_paid", "Le paiement est enregistré : l'avis de paiement est émis.",
                         payment=True),
}


class WorkflowError(Exception):
    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


def allowed(request: FundingRequest, action: str) -> bool:
    move = MOVES.get(action)
    if move is None:
        return False
    if move.payment:
        return request.status == DECIDED and request.payment_state in move.sources
    return request.status in move.sources


def available(request: FundingRequest) -> list[tuple[str, Move]]:
    return [(action, move) for action, move in MOVES.items()
            if move.by == STAFF and allowed(request, action)]


def _payment_details(request, details: dict) -> tuple[dict, dict]:
    errors, found = {}, {}
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
    found.update(paid_on=paid_on, paid_amount=amount)
    return found, errors


def apply(request: FundingRequest, action: str, actor, comment: str = "", dispatch: bool = True,
          **details) -> FundingRequest:
    """Make the move as `actor` (staff, or the holder for RESUBMIT); raises WorkflowError (by
    field, "action" for the move itself) with nothing written."""
    move = MOVES.get(action)
    if move is None:
        raise WorkflowError({"action": "Choisissez une décision."})
    if (move.by == STAFF and not actor.is_staff) or (move.by == HOLDER and actor.id != request.account_id):
        raise WorkflowError({"action": NOT_YOURS})
    if not allowed(request, action):
        raise WorkflowError({"action": f"« {move.label} » n'est pas possible pour cette demande "
                                       f"(« {request.status_label} », {request.payment_label.lower()})."})
    comment = (comment or "").strip()
    errors, found = {}, {}
    if move.needs_comment and not comment:
        errors["comment"] = move.needs_comment
    if action == RECORD_PAYMENT:
        found, more = _payment_details(request, details)
        errors.update(more)
    if errors:
        raise WorkflowError(errors)
    field = FundingRequest.payment_state if move.payment else FundingRequest.status
    source = request.payment_state if move.payment else request.status
    changes = {field: move.target, FundingRequest.status_changed_at: utcnow(), **{
        getattr(FundingRequest, name): value for name, value in found.items()}}
    if action == RESUBMIT:
        changes[FundingRequest.version] = request.version + 1
    with db.database.atomic():
        if not FundingRequest.update(changes).where(FundingRequest.id == request.id,
                                                    field == source).execute():
            raise WorkflowError({"action": CHANGED_MEANWHILE})
        request = FundingRequest.get_by_id(request.id)
        who = funding_requests.holder_name(actor) if move.by == HOLDER else actor_name(actor)
        shown = PAYMENT_LABELS[move.target] if move.payment else None
        funding_requests.log(request, request.status if move.payment else source, request.status,
                             who, "\n".join(filter(None, [shown, comment])))
        outbox.queue(request.account.email, move.mail, related=f"funding:{request.id}",
                     request=request, comment=comment, move=move, account=request.account)
    if dispatch:  # else the caller's own transaction dispatches once committed
        outbox.dispatch()
    return request


def amend_balance(request: FundingRequest, account, values: dict, documents: dict) -> FundingRequest:
    """« Renvoyer ma demande » of a balance « A modifier » or « En attente de pièce
    justificative »: its support contact as corrected, the documents sent now added (the earlier
    ones stay in its history), then back to « En cours » as a new version. Raises WorkflowError."""
    if request.kind != funding_requests.BALANCE or not allowed(request, RESUBMIT) \
            or request.account_id != account.id:
        raise WorkflowError({"action": NOT_YOURS})
    support, errors = funding_requests.support_contact(values)
    added = [document for document in documents.values() if document is not None]
    if request.status == AWAITING_DOCUMENT and not added:
        errors["action"] = DOCUMENT_EXPECTED
    if errors:
        raise WorkflowError(errors)
    with db.database.atomic():
        FundingRequest.update(**support).where(FundingRequest.id == request.id).execute()
        for document in added:
            document.funding_request = request
            document.save()
        moved = apply(FundingRequest.get_by_id(request.id), RESUBMIT, account, dispatch=False)
    outbox.dispatch()
    return moved
