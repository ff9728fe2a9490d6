"""The budget owner's decision: the requests ticked, or the one whose « Décider » was pressed."""
from flask_wtf import FlaskForm
from wtforms import SelectMultipleField, StringField

from portal.forms import MaxLength
from portal.services.core import limits
from portal.services.funding.budget import LISTED


class BudgetDecisionForm(FlaskForm):
    class Meta:
        csrf = False  # CSRFProtect checks every POST

    demandes = SelectMultipleField("Demandes à décider", choices=[], validate_choice=False)
    seule = StringField("Demande à décider", validators=[MaxLength(limits.IDENTIFIER)])

    def numbers(self) -> list[str]:
        """The one request pressed, else those ticked."""
        if self.seule.data:
            return [self.seule.data]
        return [n for n in (self.demandes.data or [])[:LISTED] if isinstance(n, str)]
