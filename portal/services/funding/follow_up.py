"""« Suivi financier » of a dossier (guide 003 §5.2): one line per payment of its advance and its
balance — « Objet du versement » VERSE001, the amounts decided and paid, the dates of validation,
of putting into payment and of payment, the batch that carried the transfer and the payment
notice. Read for the whole dossier in two queries; shown to its holder and to the staff."""
from dataclasses import dataclass
from decimal import Decimal

from portal.models import FundingRequest
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


def lines(requests) -> list[Line]:
    """The lines of a dossier's requests (its advance and balance), oldest first."""
    carried = batches.of_requests(requests)
    found = [Line(r.number, r.kind_label, r.payment_label,
                  Decimal(r.amount_ttc) if r.is_decided else None, r.decided_at,
                  r.payment_started_at, r.paid_amount, r.paid_on,
                  carried[r.id].batch.number if r.id in carried else "", r.is_paid)
             for r in requests]
    # The recovery orders of the dossier (issue 17, item 2) add their lines here: a negative
    # amount decided and paid, their own purpose and date, no batch.
    return found


def of_dossier(request) -> list[Line]:
    """The lines of the dossier of `request`, shown once its advance is decided (003 §5.2)."""
    dossier = list(FundingRequest.select().where(FundingRequest.dossier == request.dossier)
                   .order_by(FundingRequest.id))
    advance = next((r for r in dossier if r.kind == ADVANCE), None)
    return lines(dossier) if advance is not None and advance.is_decided else []
