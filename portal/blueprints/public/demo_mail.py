"""The outbox read in the browser, for the demonstration: registered only when PORTAL_DEMO is set
and no SMTP server is configured, so the mails of a trial run can be read without a mail server."""
from flask import Blueprint, abort

from portal.htmx import render
from portal.models import OutboxMessage

bp = Blueprint("demo_mail", __name__, url_prefix="/courriels-demo")
PAGE_SIZE = 50


@bp.get("/")
def index():
    messages = OutboxMessage.select().order_by(OutboxMessage.id.desc()).limit(PAGE_SIZE)
    return render("public/demo_mail/index.html", messages=list(messages))


@bp.get("/<int:message_id>")
def show(message_id):
    message = OutboxMessage.get_or_none(OutboxMessage.id == message_id) or abort(404)
    return render("public/demo_mail/show.html", message=message)
