"""The MSS call's tariff as data: one row, created with the call's published values the first
time it is read, edited by an admin; funding_amounts computes with what it holds."""
import datetime
from decimal import Decimal

from portal import formatting
from portal.extensions import db
from portal.models import FundingCall
from portal.models.base import utcnow
from portal.services.core.errors import Refused
from portal.services.funding.amounts import Tariff

NAME = "Appel à financement MSS Opérateurs — Ségur Numérique"
AMOUNTS = ("rate_applicative", "rate_organisational", "rate_personal", "fixed_part", "cap")
FIXED_ABOVE_CAP = "Le montant fixe ne peut pas dépasser le plafond."


def current() -> FundingCall:
    found = FundingCall.select().order_by(FundingCall.id).first()
    if found is None:
        published = Tariff()
        found = FundingCall.create(name=NAME, closing_date=published.closing_date,
                                   **{name: getattr(published, name) for name in AMOUNTS})
    return found


def tariff() -> Tariff:
    call = current()
    return Tariff(closing_date=call.closing_date,
                  **{name: Decimal(getattr(call, name)) for name in AMOUNTS})


def save(values: dict, actor: str) -> None:
    """Record the tariff typed by an admin (amounts as Decimal ≥ 0, the closing date). Raises
    Refused, nothing written."""
    if values["fixed_part"] > values["cap"]:
        raise Refused({"fixed_part": FIXED_ABOVE_CAP})
    with db.database.atomic():
        call = current()
        for name in AMOUNTS:
            setattr(call, name, values[name])
        call.closing_date = values["closing_date"]
        call.updated_at, call.updated_by = utcnow(), actor
        call.save()


def as_form_data(call: FundingCall) -> dict:
    """The tariff as the form shows it: « 58,33 », « 2023-06-30 »."""
    data = {name: formatting.plain(getattr(call, name)) for name in AMOUNTS}
    closing = call.closing_date
    data["closing_date"] = closing.isoformat() if isinstance(closing, datetime.date) else closing
    return data
