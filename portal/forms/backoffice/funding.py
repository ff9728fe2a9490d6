"""Back-office form of the funding requests: a decision (the queue is a core table)."""
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, StringField, TextAreaField
from wtforms.validators import Optional

from portal.forms import MaxLength
from portal.services.core import limits


class FundingDecisionForm(FlaskForm):
    class Meta:
        csrf = False  # CSRFProtect checks every POST

    action = HiddenField()
    comment = TextAreaField("Commentaire à l'opérateur",
                            validators=[MaxLength(limits.TEXT, "Votre commentaire")])
    paid_on = DateField("Date du paiement", validators=[Optional()])
    paid_amount = StringField("Montant payé (€)", validators=[MaxLength(limits.NUMBER)])
    recovery_on = DateField("Date de l'ordre de recouvrement", validators=[Optional()])
    recovery_amount = StringField("Montant à recouvrer (€)", validators=[MaxLength(limits.NUMBER)])
    recovery_reference = StringField("Référence de l'ordre de recouvrement",
                                     validators=[MaxLength(limits.IDENTIFIER)])
