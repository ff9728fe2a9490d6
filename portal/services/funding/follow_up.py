"""« Suivi financier » of a dossier (guide 003 §5.2): one line per payment of its advance and its
balance — « Objet du versement » VERSE001, the amounts decided and paid, the dates of validation,
of putting into payment and of payment, the batch that carried the transfer and the payment
notice — and its recovery orders as negative lines. Read for the whole dossier in three queries;
shown to its holder and to the staff."""
from dataclasses import dataclass
from decimal import Decimal

from portal.models import FundingRecovery, FundingRequest
from portal.models.funding import ADVANCE, PAYMENT_PURPOSE
from portal.services.payments import batches


@dataclass
class Line:
    number: str  # the request's number
    kind: str  # « Type du versement »: « Avance », « Solde »
    payment: str  # « Etat du paiement »
    decided: Decimal | None  # « Montant décidé Avance/Solde » (negative for a recovery)
    validated_at: object  # « Date de validation »
    payment_started_at: object  # « Date de mise en paiement »
    paid: Decimal | None
    paid_on: object  # « Date de paiement effective »
    batch: str = ""  # the payment batch's number, once put into payment
    notice: bool = False  # its « Avis de paiement » can be downloaded
    purpose: str = PAYMENT_PURPOSE  # « Objet du versement »


RECOVERED = "Recouvrement"


def lines(requests) -> list[Line]:
    """The lines of a dossier's requests (its advance and balance), oldest first, then its
    recovery orders: a negative amount paid on the order's date, no batch."""
    carried = batches.of_requests(requests)
    found = [Line(r.number, r.kind_label, r.payment_label,
                  Decimal(r.amount_ttc) if r.is_decided else None, r.validated_at or r.decided_at,
                  r.payment_started_at, r.paid_amount, r.paid_on,
                  carried[r.id].batch.number if r.id in carried else "", r.is_paid)
             for r in requests]
    paid = [r.id for r in requests if r.is_paid]  # only a payment is recovered
    orders = (FundingRecovery.select(FundingRecovery, FundingRequest).join(FundingRequest)
              .where(FundingRecovery.request.in_(paid))
              .order_by(FundingRecovery.ordered_on, FundingRecovery.id)) if paid else []
    return found + [Line(o.request.number, f"{o.kind_label} n° {o.reference}", RECOVERED, None,
                         None, None, -Decimal(o.amount), o.ordered_on) for o in orders]


def of_dossier(request) -> list[Line]:
    """The lines of the dossier of `request`, shown once its advance is decided (003 §5.2), and
    still after it was paid, recovered or cancelled."""
    dossier = list(FundingRequest.select().where(FundingRequest.dossier == request.dossier)
                   .order_by(FundingRequest.id))
    advance = next((r for r in dossier if r.kind == ADVANCE), None)
    followed = advance is not None and (advance.is_decided or advance.is_paid)
    return lines(dossier) if followed else []
