"""Sign-in and password pages. The forms hold the labels and what was typed; the checks are the
service's (portal.services.account.sign_in). Passwords are never sent back to the browser."""
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField

from portal.forms import MaxLength, options
from portal.services.core import limits
from portal.services.account.sign_in import SECRET_QUESTIONS


class _Form(FlaskForm):
    class Meta:
        # CSRFProtect (portal.extensions) already refuses any POST without a valid token.
        csrf = False


class SignInForm(_Form):
    uid = StringField("Identifiant", validators=[MaxLength(limits.EMAIL)])
    password = PasswordField("Mot de passe", validators=[MaxLength(limits.PASSWORD)])


class ForgotUidForm(_Form):
    email = EmailField("Adresse électronique", validators=[MaxLength(limits.EMAIL)])


class ForgotPasswordForm(_Form):
    uid = StringField("Identifiant", validators=[MaxLength(limits.EMAIL)])
    email = EmailField("Adresse électronique", validators=[MaxLength(limits.EMAIL)])


class NewPasswordForm(_Form):
    """The mailed link's page (creation or reset); `answer` only when a secret question guards it."""
    answer = StringField("Réponse à votre question secrète", validators=[MaxLength(limits.ANSWER)])
    new_password = PasswordField("Nouveau mot de passe", validators=[MaxLength(limits.PASSWORD)])
    confirmation = PasswordField("Confirmation du nouveau mot de passe",
                                 validators=[MaxLength(limits.PASSWORD)])


class ChangePasswordForm(_Form):
    current_password = PasswordField("Mot de passe actuel", validators=[MaxLength(limits.PASSWORD)])
    new_password = PasswordField("Nouveau mot de passe", validators=[MaxLength(limits.PASSWORD)])
    confirmation = PasswordField("Confirmation du nouveau mot de passe",
                                 validators=[MaxLength(limits.PASSWORD)])


class SecretQuestionForm(_Form):
    question = SelectField("Question secrète", validate_choice=False, choices=options(
        [("", "Sélectionnez une question")] + list(SECRET_QUESTIONS.items())))
    answer = StringField("Réponse", validators=[MaxLength(limits.ANSWER)])
