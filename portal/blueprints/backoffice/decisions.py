"""The manager's decision on what an operator asked from « Mon compte » (a bank detail, a change
of natural persons) or sent for review (a document template): one view body for the back-office
blueprints."""
from flask import flash, g

from portal.forms import refuse_too_long
from portal.forms.operator.account import DecisionForm
from portal.htmx import see_other
from portal.services.core.errors import Refused
from portal.services.core.workflow import transition


def decide(record, workflow, show, done_url: str, what: str, form_class=DecisionForm):
    """The move chosen on `workflow`; `show(record, form, errors, status)` redraws the decision
    with the errors of a refusal; `what` names the request in the notice; `form_class` the
    decision's form (its choices are the workflow's moves)."""
    form = form_class()
    try:
        refuse_too_long(form)
        transition(workflow, record, form.action.data, g.account, form.comment.data)
    except Refused as exc:
        return show(record, form, exc.errors, 422)
    flash(f"{what} est « {record.status_label} » : l'opérateur en est informé par courriel.",
          "success")
    return see_other(done_url, whole_page=True)
