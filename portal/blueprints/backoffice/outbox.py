"""The outbox in the back-office: every mail the portal wrote, its status and its attempts, with
« Renvoyer » for a mail that failed, and the backlog with « Renvoyer tout ». Staff only;
single-use links are masked."""
from flask import Blueprint, abort, current_app, flash, g, request, url_for

from portal.htmx import render, see_other, wants_fragment
from portal.models import OutboxMessage
from portal.services.core import outbox, tables

bp = Blueprint("outbox", __name__, url_prefix="/courriels")


@bp.get("/")
def index():
    view = tables.read(outbox.TABLE, outbox.rows(), request.args)
    return render("backoffice/outbox/index.html", "results", view=view, fragment=wants_fragment(),
                  mail_server=current_app.config.get("MAIL_SERVER"), backlog=outbox.backlog())


@bp.post("/renvoyer-tout")
def retry_all():
    count = outbox.retry_all(g.account)
    if count:
        flash(f"{count} courriel{'s sont' if count > 1 else ' est'} de nouveau en attente d'envoi.",
              "success")
    else:
        flash("Aucun courriel n'attend d'être envoyé.", "info")
    return see_other(url_for("backoffice.outbox.index"), whole_page=True)


def _message(message_id: int) -> OutboxMessage:
    return OutboxMessage.get_or_none(OutboxMessage.id == message_id) or abort(404)


@bp.get("/<int:message_id>")
def show(message_id):
    message = _message(message_id)
    return render("backoffice/outbox/show.html", message=message,
                  enrolment=outbox.related_enrolment(message))


@bp.post("/<int:message_id>/renvoyer")
def retry(message_id):
    if outbox.retry(_message(message_id), g.account):
        flash("Le courriel est de nouveau en attente d'envoi.", "success")
    else:
        flash("Ce courriel n'est pas en échec : il n'est pas renvoyé.", "error")
    return see_other(url_for("backoffice.outbox.show", message_id=message_id), whole_page=True)
