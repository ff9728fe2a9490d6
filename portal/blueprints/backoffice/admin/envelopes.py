"""The budget envelopes (issue 17) in the administration: their list with what each has consumed,
committed and left, and one channel's amount an admin sets, every change kept with who and when."""
from flask import abort, g, request

from portal.blueprints.backoffice.admin.routes import bp, done, page
from portal.forms.backoffice.admin import EnvelopeForm, first_errors
from portal.services.core.errors import Refused
from portal.services.funding import budget, envelopes


@bp.get("/enveloppes")
def envelope_list():
    return page("envelopes", "Enveloppes budgétaires", channels=budget.channels())


def _edit_page(channel, form, errors=None, status=200):
    return page("envelope", f"Enveloppe budgétaire — {channel.label}", status, channel=channel,
                form=form, errors=errors or {}, changes=envelopes.changes(channel))


@bp.route("/enveloppes/<key>", methods=["GET", "POST"])
def envelope_edit(key):
    channel = envelopes.channel(key) or abort(404)
    if request.method == "GET":
        return _edit_page(channel, EnvelopeForm(formdata=None,
                                                data=envelopes.as_form_data(channel)))
    form = EnvelopeForm()
    if not form.validate():
        return _edit_page(channel, form, first_errors(form), 422)
    try:
        envelopes.save(channel, form.amount.amount, g.account)
    except Refused as exc:
        return _edit_page(channel, form, exc.errors, 422)
    return done(f"L'enveloppe budgétaire « {channel.label} » est enregistrée.",
                "backoffice.admin.envelope_list")
