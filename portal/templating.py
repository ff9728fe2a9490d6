"""Jinja filters and globals shared by every template."""
from datetime import timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

from flask import g, request

from portal.services.funding.amounts import vat_label

PARIS = ZoneInfo("Europe/Paris")

NBSP = "\u00a0"
NARROW_NBSP = "\u202f"
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre"]


def french_date(value) -> str:
    if value is None:
        return ""
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


def long_french_date(value) -> str:
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}" if value else ""


def paris_date(value) -> str:
    """A UTC timestamp of the database, its day in Paris: « 22/11/2026 »."""
    if value is None:
        return ""
    return french_date(value.replace(tzinfo=timezone.utc).astimezone(PARIS))


def french_datetime(value) -> str:
    """A UTC timestamp of the database, shown in Paris time: « 22/11/2026 à 14:05 »."""
    if value is None:
        return ""
    local = value.replace(tzinfo=timezone.utc).astimezone(PARIS)
    return f"{french_date(local)} à {local:%H:%M}"


def euros(value) -> str:
    """175248.3 → « 175 248,30 € » (narrow no-break space between thousands)."""
    if value is None:
        return ""
    amount = Decimal(value).quantize(Decimal("0.01"))
    whole, cents = f"{abs(amount):.2f}".split(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    sign = "-" if amount < 0 else ""
    return sign + NARROW_NBSP.join(groups) + "," + cents + NBSP + "€"


def main_menu():
    """The menu bar of whoever is signed in (services/navigation.py)."""
    from portal.services.core import navigation
    account = g.get("account")
    return navigation.main_menu(account.role if account else None, request.endpoint)


def home_endpoint() -> str:
    from portal.services.core import navigation
    account = g.get("account")
    return navigation.home_endpoint(account.role if account else None)


def register_templating(app):
    app.jinja_env.globals.update(main_menu=main_menu, home_endpoint=home_endpoint)
    app.jinja_env.filters["date_fr"] = french_date
    app.jinja_env.filters["datetime_fr"] = french_datetime
    app.jinja_env.filters["long_date_fr"] = long_french_date
    app.jinja_env.filters["euros"] = euros
    app.jinja_env.filters["vat"] = vat_label
    from portal.services.core.storage import human_size
    app.jinja_env.filters["filesize"] = human_size
