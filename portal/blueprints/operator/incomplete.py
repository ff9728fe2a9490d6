"""« Suivi des demandes incomplètes » (guide 003 §9): the account's requests still « Non
complétée », one zip for all of them, and « Supprimer » for advances (after a confirmation).
Only the account's own requests, ever. Thin views: form → services/imports/incomplete → render."""
from flask import Blueprint, abort, flash, g, request, url_for

from portal.htmx import render, see_other, wants_fragment
from portal.models.funding import KIND_LABELS
from portal.services.core import tables
from portal.services.core.errors import Refused
from portal.services.imports import access, documents, incomplete

bp = Blueprint("incomplete", __name__, url_prefix="/espace/demandes-incompletes")
PAGE = "operator/incomplete/index.html"


@bp.before_request
def may_see():
    """The channel's accounts, and any account that still has incomplete requests."""
    if not access.may_import(g.account) and not incomplete.count(g.account):
        abort(403)


def _page(block=None, status=200, errors=None):
    view = tables.read(incomplete.TABLE, incomplete.listed(g.account), request.args)
    return render(PAGE, block, status=status, view=view, fragment=wants_fragment(),
                  kind_labels=KIND_LABELS, deadline=incomplete.deadline, advance="advance",
                  deletions=incomplete.deletions(g.account), errors=errors or {},
                  zip_field=documents.ZIP_FIELD, selection=incomplete.SELECTION)


@bp.get("/")
def index():
    return _page("results")


@bp.post("/zip")
def deposit_zip():
    """One zip for all the account's incomplete requests, each file to its publisher's number."""
    try:
        outcome = incomplete.deposit_zip(g.account, request.files.get(documents.ZIP_FIELD))
    except Refused as exc:
        return _page("zip_zone", 422, exc.errors)
    lines = "".join(f" {line}" for line in outcome.problems)
    done = (" Les demandes dont toutes les pièces sont déposées sont « En cours » d'instruction ; "
            "un accusé de réception vous a été envoyé par courriel.") if outcome.completed else ""
    flash(f"{len(outcome.deposited)} pièce(s) déposée(s) depuis l'archive.{done}{lines}",
          "warning" if outcome.problems else "success")
    return see_other(url_for(".index"), whole_page=True)


@bp.post("/supprimer")
def delete():
    """« Supprimer »: the ticked advances shown for confirmation, then deleted once confirmed."""
    ids = request.form.getlist(incomplete.SELECTION)
    try:
        if not request.form.get("confirmer"):
            return render("operator/incomplete/confirm.html",
                          choice=incomplete.chosen(g.account, ids))
        rows = incomplete.withdraw(g.account, ids)
    except Refused as exc:
        return _page("deletion", 422, exc.errors)
    flash(f"{len(rows)} demande(s) d'avance non complétée(s) supprimée(s) avec leurs pièces "
          "justificatives.", "success")
    return see_other(url_for(".index"), whole_page=True)
