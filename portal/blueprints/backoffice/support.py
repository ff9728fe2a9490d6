"""The messages sent to the support desk, read in the back-office. Staff only; thin views."""
from flask import Blueprint, abort, flash, g, request, url_for

from portal.downloads import download
from portal.htmx import render, see_other, wants_fragment
from portal.models import Enrolment
from portal.services.core import outbox, tables
from portal.services.content import support
from portal.services.core.document_types import TYPES

bp = Blueprint("support", __name__, url_prefix="/assistance")


@bp.get("/")
def index():
    view = tables.read(support.TABLE, support.rows(), request.args)
    return render("backoffice/support/index.html", "results", view=view,
                  categories=support.CATEGORIES, fragment=wants_fragment())


@bp.get("/<reference>")
def show(reference):
    message = support.find(reference) or abort(404)
    enrolment = Enrolment.get_or_none(Enrolment.number == message.enrolment_number) \
        if message.enrolment_number else None
    return render("backoffice/support/show.html", message=message, enrolment=enrolment,
                  category=support.CATEGORIES.get(message.category, message.category),
                  mails=outbox.for_related(f"support:{message.id}"), doc_types=TYPES)


@bp.get("/<reference>/piece-jointe")
def attachment(reference):
    return download((support.find(reference) or abort(404)).attachment)


@bp.post("/<reference>/traite")
def handle(reference):
    message = support.find(reference) or abort(404)
    if support.mark_handled(message, g.account):
        flash(f"Le message {reference} est marqué comme traité.", "success")
    else:
        flash(f"Le message {reference} était déjà traité.", "info")
    return see_other(url_for("backoffice.support.show", reference=reference), whole_page=True)
