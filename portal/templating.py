"""Jinja filters and globals shared by every template. What a table draws on every row is a
Python function here rather than a macro (a macro call costs more than the text it writes)."""
import re

from flask import current_app, g, request, url_for
from jinja2 import BytecodeCache
from markupsafe import Markup, escape

from portal import formatting
from portal.models.accounts import OPERATOR
from portal.services.account import sign_in
from portal.services.core import navigation
from portal.services.funding.amounts import vat_label
from portal.services.imports import access as json_access
from portal.services.messaging import inbox, thread


def main_menu():
    """The menu bar of whoever is signed in (services/core/navigation.py)."""
    account = g.get("account")
    if account is None:
        return []
    first_steps = sign_in.in_first_steps(account, request.endpoint)
    features = frozenset({navigation.JSON_CHANNEL}) if account.role == OPERATOR and not first_steps \
        and json_access.may_import(account) else frozenset()
    counts = {} if first_steps else {navigation.UNREAD: thread.unread_count(account)}
    return navigation.main_menu(account.role, request.endpoint, first_steps, features, counts)


def home_endpoint() -> str:
    account = g.get("account")
    return navigation.home_endpoint(account.role if account else None)


STATUS_BADGES = {"in_progress": "info", "partial": "new", "awaiting_documents": "warning",
                 "certificates_to_check": "info", "rejected": "error", "validated": "success",
                 "decided": "success", "to_modify": "warning", "awaiting_document": "warning",
                 "cancelled": "error"}
# What werkzeug's default converter writes unchanged (it quotes nothing of these).
PLAIN_SEGMENT = re.compile(r"[A-Za-z0-9_.~-]+")
MARKER = "__segment__"


def status_badge(status: str, label: str) -> Markup:
    """A status as a DSFR badge, coloured by its status, `label` (escaped) written on it."""
    return Markup(f'<p class="fr-badge fr-badge--sm fr-badge--{STATUS_BADGES.get(status, "info")} '
                  f'fr-badge--no-icon">{escape(label)}</p>')


def url_maker(endpoint: str, key: str):
    """`url_for(endpoint, **{key: value})` for the many values of a table's rows: when the
    endpoint's one rule ends with `/<key>` (the default converter), its URLs are one prefix,
    built once, and the value, which the converter writes as it is when PLAIN_SEGMENT holds
    it; any other value, or rule, is built by url_for."""
    rules = list(current_app.url_map.iter_rules(endpoint))
    built = url_for(endpoint, **{key: MARKER})
    plain = (len(rules) == 1 and rules[0].rule.endswith((f"/<{key}>", f"/<string:{key}>"))
             and built.endswith("/" + MARKER))
    prefix = built[:-len(MARKER)]

    def url(value) -> str:
        text = str(value)
        if plain and PLAIN_SEGMENT.fullmatch(text):
            return prefix + text
        return url_for(endpoint, **{key: value})
    return url


def follow_up(row) -> Markup:
    """The « Suivi » cell of a queue's row (services/messaging/follow.with_follow_up): who follows
    the dossier, its operator's unread messages, and « Modifié » for its follower when the
    operator changed it since they looked."""
    follow = getattr(row, "follow", None)
    follower_id = follow.follower_id if follow else None
    cell = escape(f"{follow.follower_account.first_name} {follow.follower_account.last_name}") \
        if follower_id \
        else Markup("<span class=\"fr-text--sm\">Non attribué</span>")
    unread = getattr(row, "unread", 0) or 0
    if unread:
        noun = "message non lu" if unread == 1 else "messages non lus"
        cell += Markup(f'<br><span class="fr-badge fr-badge--sm fr-badge--new">{unread} {noun}</span>')
    account = g.get("account")
    if follow and follow.flagged_at and account and follower_id == account.id:
        cell += Markup('<br><span class="fr-badge fr-badge--sm fr-badge--warning">Modifié par '
                       "l'opérateur</span>")
    return cell


class CompiledTemplates(BytecodeCache):
    """Each template's compiled code, kept for the whole process and used again only while its
    source is unchanged (Jinja's checksum): every app the process makes — the test suite makes
    one per test, all with the same Jinja settings — compiles a template once, not once each."""

    def __init__(self):
        self._code = {}

    def load_bytecode(self, bucket):
        checksum, code = self._code.get(bucket.key, (None, None))
        if checksum == bucket.checksum:
            bucket.code = code

    def dump_bytecode(self, bucket):
        self._code[bucket.key] = (bucket.checksum, bucket.code)


COMPILED = CompiledTemplates()


def register_templating(app):
    app.jinja_env.bytecode_cache = COMPILED
    app.jinja_env.globals.update(main_menu=main_menu, home_endpoint=home_endpoint,
                                 status_badge=status_badge, url_maker=url_maker,
                                 message_link=inbox.link, follow_up=follow_up)
    # Every amount, count, date and size a template shows goes through portal.formatting.
    app.jinja_env.filters["date_fr"] = formatting.date
    app.jinja_env.filters["datetime_fr"] = formatting.date_time
    app.jinja_env.filters["long_date_fr"] = formatting.long_date
    app.jinja_env.filters["clock_fr"] = formatting.clock
    app.jinja_env.filters["euros"] = formatting.euros
    app.jinja_env.filters["count"] = formatting.count
    app.jinja_env.filters["vat"] = vat_label
    app.jinja_env.filters["filesize"] = formatting.file_size
