"""The outbox read in the browser, for the demonstration: registered only when PORTAL_DEMO is set
and no SMTP server is configured, so the mails of a trial run can be read without a mail server.
Its mails hold set-password links: it answers only a browser on the portal's own machine (a
loopback address, and no proxy's forwarding header), 404 for anybody else."""
from flask import Blueprint, abort, request

from portal.htmx import render
from portal.models import OutboxMessage

bp = Blueprint("demo_mail", __name__, url_prefix="/courriels-demo")
PAGE_SIZE = 50
LOOPBACK = {"127.0.0.1", "::1"}
FORWARDING_HEADERS = ("X-Forwarded-For", "Forwarded", "X-Real-IP", "X-Forwarded-Host")


def reachable() -> bool:
    """Whether this request comes straight from the portal's own machine."""
    address = request.environ.get("werkzeug.proxy_fix.orig", {}).get("REMOTE_ADDR",
                                                                       request.remote_addr)
    return address in LOOPBACK and not any(h in request.headers for h in FORWARDING_HEADERS)


@bp.before_request
def only_from_this_machine():
    if not reachable():
        abort(404)


@bp.get("/")
def index():
    messages = OutboxMessage.select().order_by(OutboxMessage.id.desc()).limit(PAGE_SIZE)
    return render("public/demo_mail/index.html", messages=list(messages))


@bp.get("/<int:message_id>")
def show(message_id):
    message = OutboxMessage.get_or_none(OutboxMessage.id == message_id) or abort(404)
    return render("public/demo_mail/show.html", message=message)
