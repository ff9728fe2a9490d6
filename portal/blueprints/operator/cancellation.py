"""« Demander l'annulation » of one of the operator's funding requests, from its consultation: a
move of the cancellation workflow (services/funding/workflow.py), a manager grants or refuses it."""
from flask import Blueprint, abort, flash, g, url_for

from portal.forms import refuse_too_long
from portal.forms.operator.funding import CancellationForm
from portal.blueprints.operator import funding
from portal.htmx import see_other
from portal.services.core.errors import Refused
from portal.services.funding import screens, workflow

bp = Blueprint("cancellation", __name__, url_prefix="/espace/financement")


@bp.post("/<funding_number>/annulation")
def ask(funding_number):
    page = screens.consultation(g.account, funding_number) or abort(404)
    form = CancellationForm()
    try:
        refuse_too_long(form)
        step = workflow.apply(page.request, workflow.ASK_CANCEL, g.account, form.comment.data)
    except Refused as exc:
        return funding.show_page(page, "cancellation", 422, exc.errors,
                                 comment=form.comment.data)
    flash(step.move.done, "success")
    return see_other(url_for("operator.funding.show", funding_number=funding_number),
                     whole_page=True)
