"""The amounts of the MSS call (DESIGN.md, « Money »): Decimal only, rounded to the cent, half up.

amount HT = min(rate_app × N_app + rate_org × N_org + rate_per × N_per + fixed part ; cap).
The advance is the fixed part; the balance is the per-mailbox part computed from the Annuaire
Santé counts at the closing date, capped so that advance + balance ≤ cap. TTC = HT × (1 + VAT
rate of the enrolment); an operator not liable to VAT (« HT ») is paid HT.
"""
import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from portal import formatting

CENT = Decimal("0.01")
NO_VAT = "HT"


@dataclass(frozen=True)
class Tariff:
    """The call's tariff (a row an admin edits; these are the MSS call's published values)."""
    rate_applicative: Decimal = Decimal("58.33")
    rate_organisational: Decimal = Decimal("20.83")
    rate_personal: Decimal = Decimal("5.00")
    fixed_part: Decimal = Decimal("6666.67")
    cap: Decimal = Decimal("250000.00")
    closing_date: datetime.date = datetime.date(2023, 6, 30)


@dataclass(frozen=True)
class Mailboxes:
    applicative: int
    organisational: int
    personal: int


def cents(amount: Decimal) -> Decimal:
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


def vat_rate(code: str) -> Decimal:
    """The enrolment's VAT regime as a rate: « 20 » → 0.20, « 8.5 » → 0.085, « HT » → 0."""
    return Decimal(0) if code == NO_VAT else Decimal(code) / 100


def vat_label(code: str) -> str:
    """« 20 » → « 20 % », « 8.5 » → « 8,5 % », « HT » → « 0 % (non assujetti) »."""
    return "0 % (non assujetti)" if code == NO_VAT else formatting.percent(code)


def with_vat(amount_ht: Decimal, code: str) -> Decimal:
    return cents(amount_ht * (1 + vat_rate(code)))


def per_mailbox(tariff: Tariff, boxes: Mailboxes) -> Decimal:
    """The part that depends on the number of mailboxes, HT, uncapped."""
    for count in (boxes.applicative, boxes.organisational, boxes.personal):
        if count < 0:
            raise ValueError("Un nombre de boîtes aux lettres ne peut pas être négatif.")
    return cents(tariff.rate_applicative * boxes.applicative
                 + tariff.rate_organisational * boxes.organisational
                 + tariff.rate_personal * boxes.personal)


def total(tariff: Tariff, boxes: Mailboxes) -> Decimal:
    """The whole amount HT of the call for these mailboxes, capped."""
    return min(per_mailbox(tariff, boxes) + tariff.fixed_part, tariff.cap)


def advance(tariff: Tariff) -> Decimal:
    """« Montant fixe éligible pour l'opérateur », HT."""
    return cents(min(tariff.fixed_part, tariff.cap))


def balance(tariff: Tariff, boxes: Mailboxes) -> Decimal:
    """« Montant SEGUR total hors taxe calculé du solde »: the per-mailbox part, so that advance
    and balance together never pass the cap."""
    return min(per_mailbox(tariff, boxes), tariff.cap - advance(tariff))
