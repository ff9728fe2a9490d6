"""« Ajouter des pièces » of a request filed from a JSON that a manager sent back (« A
modifier », « En attente de pièce justificative »): add pieces, delete one added before
validating, « Valider mon ajout de pièces ». Only the request's own account (404 for any other);
thin views: form → services/funding/pieces → render or redirect."""
from flask import Blueprint, abort, flash, g, request, url_for

from portal.downloads import download
from portal.htmx import render, see_other, wants_fragment
from portal.services.core.document_types import TYPES
from portal.services.core.errors import Refused
from portal.services.funding import pieces

bp = Blueprint("pieces", __name__, url_prefix="/espace/financement/<funding_number>/pieces")


def _answer(funding_number: str) -> pieces.Answer:
    return pieces.answer(g.account, funding_number) or abort(404)


def _page(found: pieces.Answer, status=200, errors=None, notice=""):
    return render("operator/funding/pieces.html", "pieces", status=status, page=found,
                  doc_type=TYPES[found.kind], doc_types=TYPES, errors=errors or {},
                  notice=notice, field=pieces.FIELD)


def _answered(found: pieces.Answer, done: str):
    """After a piece added or deleted: for htmx the block again, saying what was done; without
    JavaScript the page again (POST-redirect-GET) with the message."""
    if wants_fragment():
        return _page(found, notice=done)
    flash(done, "success")
    return see_other(url_for("operator.pieces.page", funding_number=found.request.number))


@bp.get("/")
def page(funding_number):
    return _page(_answer(funding_number))


@bp.post("/")
def add(funding_number):
    found = _answer(funding_number)
    try:
        added = pieces.add(found, request.files.get(pieces.FIELD))
    except Refused as exc:
        return _page(found, 422, exc.errors)
    return _answered(found, f"Pièce ajoutée : {added.original_name}. Elle sera transmise au "
                            "gestionnaire quand vous validerez votre ajout de pièces.")


@bp.post("/<int:document_id>/supprimer")
def delete(funding_number, document_id):
    found = _answer(funding_number)
    try:
        deleted = pieces.delete(found, document_id)
    except Refused as exc:
        return _page(found, 422, exc.errors)
    return _answered(found, f"Pièce supprimée : {deleted.original_name}.")


@bp.get("/<int:document_id>")
def document(funding_number, document_id):
    """A piece added and not validated yet, for its account only."""
    found = _answer(funding_number)
    return download(next((d for d in found.pending if d.id == document_id), None))


@bp.post("/valider")
def validate(funding_number):
    """« Valider mon ajout de pièces »: the request back « En cours »."""
    found = _answer(funding_number)
    try:
        step = pieces.validate(found, g.account)
    except Refused as exc:
        return _page(found, 422, exc.errors)
    flash(f"{step.move.done} Les pièces ajoutées sont transmises au gestionnaire de l'ASP.",
          "success")
    return see_other(url_for("operator.funding.show", funding_number=funding_number),
                     whole_page=True)
