"""Jinja filters and globals shared by every template."""
from flask import g, request

from portal import formatting
from portal.models.accounts import OPERATOR
from portal.services.account import sign_in
from portal.services.core import navigation
from portal.services.funding.amounts import vat_label
from portal.services.imports import access as json_access


def main_menu():
    """The menu bar of whoever is signed in (services/core/navigation.py)."""
    account = g.get("account")
    if account is None:
        return []
    first_steps = sign_in.in_first_steps(account, request.endpoint)
    features = frozenset({navigation.JSON_CHANNEL}) if account.role == OPERATOR and not first_steps \
        and json_access.may_import(account) else frozenset()
    return navigation.main_menu(account.role, request.endpoint, first_steps, features)


def home_endpoint() -> str:
    account = g.get("account")
    return navigation.home_endpoint(account.role if account else None)


def register_templating(app):
    app.jinja_env.globals.update(main_menu=main_menu, home_endpoint=home_endpoint)
    # Every amount, count, date and size a template shows goes through portal.formatting.
    app.jinja_env.filters["date_fr"] = formatting.date
    app.jinja_env.filters["datetime_fr"] = formatting.date_time
    app.jinja_env.filters["long_date_fr"] = formatting.long_date
    app.jinja_env.filters["clock_fr"] = formatting.clock
    app.jinja_env.filters["euros"] = formatting.euros
    app.jinja_env.filters["count"] = formatting.count
    app.jinja_env.filters["vat"] = vat_label
    app.jinja_env.filters["filesize"] = formatting.file_size
