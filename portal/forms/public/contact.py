"""« Contacter l'assistance ». The form holds the labels and what was typed; the checks are the
service's (portal.services.content.support), which also spends the captcha."""
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, SelectField, StringField, TextAreaField

from portal.forms import MaxLength, options
from portal.services.core import limits
from portal.services.content.support import CATEGORIES


class SupportForm(FlaskForm):
    class Meta:
        # CSRFProtect (portal.extensions) already refuses any POST without a valid token, sent
        # as the csrf_token field or, by htmx, as the X-CSRFToken header.
        csrf = False

    last_name = StringField("Nom", validators=[MaxLength(limits.NAME)])
    first_name = StringField("Prénom", validators=[MaxLength(limits.NAME)])
    email = EmailField("Adresse électronique", validators=[MaxLength(limits.EMAIL)])
    siret = StringField("Numéro SIRET", validators=[MaxLength(limits.IDENTIFIER)])
    enrolment_number = StringField("Numéro de demande d'enrôlement",
                                   validators=[MaxLength(limits.IDENTIFIER)])
    category = SelectField("Catégorie", choices=options([("", "Sélectionnez une catégorie")]
                                                        + list(CATEGORIES.items())),
                           validate_choice=False)
    message = TextAreaField("Message", validators=[MaxLength(limits.TEXT, "Votre message")])
    support_attachment_token = HiddenField()  # a signed-in sender's file, kept (kept_files)
    captcha_token = HiddenField()
    captcha_answer = StringField("Code de sécurité", validators=[MaxLength(limits.CODE)])
