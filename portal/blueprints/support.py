"""« Contacter l'assistance »: a public form, mailed to the support desk. Thin views."""
from flask import Blueprint, redirect, session, url_for

from portal.forms.support import SupportForm
from portal.htmx import render, see_other, wants_fragment
from portal.services import captcha, support

bp = Blueprint("support", __name__, url_prefix="/assistance")
TEMPLATE = "support/contact.html"
SENT = "support_sent"


def show(form, errors=None, status=200):
    return render(TEMPLATE, "support", status=status, form=form, errors=errors or {},
                  captcha_token=captcha.new_token(), max_length=support.MESSAGE_MAX,
                  max_length_text=support.thousands(support.MESSAGE_MAX))


@bp.get("")
def contact():
    return show(SupportForm(formdata=None))


@bp.post("")
def send():
    form = SupportForm()
    message, errors = support.send(form.data)
    if errors:
        return show(form, errors, 422)
    session[SENT] = message.reference
    return see_other(url_for("support.sent"), "#assistance")


@bp.get("/message-envoye")
def sent():
    message = support.find(session.get(SENT))
    if message is None:
        return redirect(url_for("support.contact"), 303)
    return render(TEMPLATE, "support", sent=message, swap_status=wants_fragment())
