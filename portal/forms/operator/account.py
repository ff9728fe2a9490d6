"""« Mon compte » forms: a new bank detail, a change of natural persons (the wizard's own fields),
and a manager's decision on either."""
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, StringField, TextAreaField

from portal.forms import MaxLength, options
from portal.forms.public.wizard import ApplicantForm, BankForm
from portal.services.core import limits


class NewBankDetailForm(BankForm):
    class Meta:
        csrf = False  # CSRFProtect checks every POST

    rib_token = HiddenField()  # a RIB already accepted, kept while the form is corrected


class DecisionForm(FlaskForm):
    class Meta:
        csrf = False

    action = RadioField("Décision", choices=options([("valider", "Valider"), ("refuser", "Refuser")]),
                        validate_choice=False)
    comment = TextAreaField("Commentaire (obligatoire pour un refus)",
                            validators=[MaxLength(limits.TEXT, "Votre commentaire")])


class PersonsForm(FlaskForm):
    class Meta:
        csrf = False  # CSRFProtect checks every POST

    rep_last_name = ApplicantForm.rep_last_name
    rep_first_name = ApplicantForm.rep_first_name
    rep_email = ApplicantForm.rep_email
    rep_phone = ApplicantForm.rep_phone
    filer_last_name = ApplicantForm.filer_last_name
    filer_first_name = ApplicantForm.filer_first_name
    filer_email = ApplicantForm.filer_email
    filer_phone = ApplicantForm.filer_phone
    # files already accepted, kept while the form is corrected (services/kept_files.py)
    representative_id_token = HiddenField()
    filer_id_token = HiddenField()
    legal_rep_mandate_token = HiddenField()


class ApiTokenForm(FlaskForm):
    class Meta:
        csrf = False  # CSRFProtect checks every POST

    name = StringField("Nom du jeton", validators=[MaxLength(limits.NAME, "Le nom")])
