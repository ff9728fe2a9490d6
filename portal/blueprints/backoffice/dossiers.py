"""The back-office's side of a dossier's instruction tools (/gestion/dossiers): its thread, its
private notes, who follows it; and « Messages reçus » of the operators. Staff only (the
back-office's guard)."""
from flask import Blueprint, flash, g

from portal.blueprints import messaging
from portal.forms import too_long
from portal.forms.messages import NoteForm
from portal.htmx import see_other
from portal.services.core.errors import Refused, refuse_if
from portal.services.messaging import follow, notes

bp = Blueprint("dossiers", __name__)


messaging.route(bp, "inbox_page")


@bp.post("/dossiers/<slug>/<int:dossier_id>/notes")
def add_note(slug, dossier_id):
    dossier = messaging.dossier_or_404(slug, dossier_id)
    form = NoteForm()
    try:
        refuse_if(too_long(form))
        notes.add(dossier, g.account, form.note.data)
    except Refused as exc:
        return messaging.thread_page(dossier, note_form=form, errors=exc.errors, status=422)
    flash("La note est ajoutée : seuls les gestionnaires la voient.", "success")
    return see_other(dossier.url(staff=True) + "#notes", whole_page=True)


@bp.post("/dossiers/<slug>/<int:dossier_id>/suivre")
def take(slug, dossier_id):
    dossier = messaging.dossier_or_404(slug, dossier_id)
    follow.assign(dossier, g.account, g.account)
    flash("Vous suivez ce dossier : ce que l'opérateur y change vous est signalé.", "success")
    return see_other(dossier.url(staff=True), whole_page=True)
