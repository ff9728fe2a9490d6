"""The operator's side of the dossiers' threads (/espace/dossiers): their own dossiers only
(404 for another's, its files included), and « Mes messages », the ASP's messages received."""
from flask import Blueprint, g, request

from portal.blueprints import messaging
from portal.htmx import render, wants_fragment
from portal.services.core import tables
from portal.services.messaging import inbox

bp = Blueprint("messages", __name__, url_prefix="/espace")


@bp.get("/messages")
def index():
    view = tables.read(inbox.TABLE, inbox.received(g.account), request.args)
    return render("messaging/inbox.html", "results", view=view, fragment=wants_fragment())


@bp.get("/dossiers/<slug>/<int:dossier_id>/messages")
def thread(slug, dossier_id):
    return messaging.thread_page(messaging.dossier_or_404(slug, dossier_id))


bp.post("/dossiers/<slug>/<int:dossier_id>/messages", endpoint="post")(messaging.post_message)
bp.get("/dossiers/<slug>/<int:dossier_id>/messages/<int:dossier_message_id>/piece-jointe",
       endpoint="attachment")(messaging.attachment)
