"""« Contacter l'assistance »: a public form, mailed to the support desk. Thin views."""
from flask import Blueprint, g, redirect, request, session, url_for

from portal.forms import too_long
from portal.forms.public.contact import SupportForm
from portal.htmx import render, see_other, wants_fragment
from portal.models.accounts import OPERATOR
from portal.services.core import captcha, kept_files
from portal.services.core.quotas import per_ip
from portal.services.content import support
from portal.services.core.document_types import TYPES
from portal.services.core.errors import Refused

bp = Blueprint("contact", __name__, url_prefix="/assistance")
TEMPLATE = "public/contact/contact.html"
SENT = "support_sent"


def may_attach() -> bool:
    """A file may be sent along by a signed-in operator (whose files are kept by account)."""
    return bool(g.account) and g.account.role == OPERATOR


def show(form, errors=None, status=200, attachment=None):
    return render(TEMPLATE, "support", status=status, form=form, errors=errors or {},
                  captcha_token=captcha.new_token(), max_length=support.MESSAGE_MAX,
                  may_attach=may_attach(), attachment=attachment, doc_types=TYPES)


@bp.get("")
def contact():
    return show(SupportForm(formdata=None))


@bp.post("")
@per_ip("SUPPORT_RATE_LIMIT")
def send():
    form = SupportForm()
    taken = kept_files.take_all(g.account, form, ["support_attachment"], request.files) \
        if may_attach() else kept_files.Taken({"support_attachment": None}, {})
    attachment = taken.documents["support_attachment"]
    try:
        message = support.send(form.data, attachment, {**too_long(form), **taken.refused})
    except Refused as exc:
        return show(form, exc.errors, 422, attachment)
    session[SENT] = message.reference
    return see_other(url_for("public.contact.sent"), "#assistance")


@bp.get("/message-envoye")
def sent():
    message = support.find(session.get(SENT))
    if message is None:
        return redirect(url_for("public.contact.contact"), 303)
    return render(TEMPLATE, "support", sent=message, swap_status=wants_fragment())
