"""« Contacter l'assistance ». The form holds the labels and what was typed; the checks are the
service's (portal.services.content.support), which also spends the captcha."""
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, SelectField, StringField, TextAreaField

from portal.forms import options
from portal.services.content.support import CATEGORIES


class SupportForm(FlaskForm):
    class Meta:
        # CSRFProtect (portal.extensions) already refuses any POST without a valid token, sent
        # as the csrf_token field or, by htmx, as the X-CSRFToken header.
        csrf = False

    last_name = StringField("Nom")
    first_name = StringField("Prénom")
    email = EmailField("Adresse électronique")
    siret = StringField("Numéro SIRET")
    enrolment_number = StringField("Numéro de demande d'enrôlement")
    category = SelectField("Catégorie", choices=options([("", "Sélectionnez une catégorie")]
                                                        + list(CATEGORIES.items())),
                           validate_choice=False)
    message = TextAreaField("Message")
    support_attachment_token = HiddenField()  # a signed-in sender's file, kept (kept_files)
    captcha_token = HiddenField()
    captcha_answer = StringField("Code de sécurité")
