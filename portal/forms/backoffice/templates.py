"""A manager's decision on a document template: « Accepter » or « Rejeter » (with a comment)."""
from wtforms import RadioField, TextAreaField

from portal.forms import MaxLength, options
from portal.forms.operator.account import DecisionForm
from portal.services.core import limits
from portal.services.templates.workflow import ACCEPT, MOVES, REJECT


class TemplateDecisionForm(DecisionForm):
    action = RadioField("Décision", choices=options([(a, MOVES[a].label) for a in (ACCEPT, REJECT)]),
                        validate_choice=False)
    comment = TextAreaField(MOVES[REJECT].comment_label,
                            validators=[MaxLength(limits.TEXT, "Votre commentaire")])
