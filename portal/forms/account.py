"""« Mon compte » forms: a new bank detail (the wizard's own fields) and a manager's decision."""
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, TextAreaField

from portal.forms import options
from portal.forms.enrolment import BankForm


class NewBankDetailForm(BankForm):
    class Meta:
        csrf = False  # CSRFProtect checks every POST

    rib_token = HiddenField()  # a RIB already accepted, kept while the form is corrected


class BankDecisionForm(FlaskForm):
    class Meta:
        csrf = False

    action = RadioField("Décision", choices=options([("valider", "Valider"), ("refuser", "Refuser")]),
                        validate_choice=False)
    comment = TextAreaField("Commentaire (obligatoire pour un refus)")
