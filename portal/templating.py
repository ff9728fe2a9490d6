"""Jinja filters and globals shared by every template."""
from decimal import Decimal

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


def register_templating(app):
    app.jinja_env.filters["date_fr"] = french_date
    app.jinja_env.filters["long_date_fr"] = long_french_date
    app.jinja_env.filters["euros"] = euros
    from portal.services.storage import human_size
    app.jinja_env.filters["filesize"] = human_size
