"""Forms of the admin screens: the labels and the format checks, in French. Uniqueness and the
import's own checks are the services' (admin_content, reference_import)."""
import datetime

from flask_wtf import FlaskForm
from wtforms import BooleanField, FileField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError


class _NoCsrf:
    # CSRFProtect (portal.extensions) already refuses any POST without a valid token.
    csrf = False


class FrenchDate:
    """A date typed as AAAA-MM-JJ (what <input type="date"> sends) or JJ/MM/AAAA."""

    def __call__(self, form, field):
        if field.data and parse_date(field.data) is None:
            raise ValidationError("Saisissez une date valide, au format JJ/MM/AAAA.")


def parse_date(value: str | None) -> datetime.date | None:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime((value or "").strip(), pattern).date()
        except ValueError:
            continue
    return None


class WholeNumber:
    def __call__(self, form, field):
        value = (field.data or "").strip()
        if not (value.isdigit() and int(value) < 100000):
            raise ValidationError("Saisissez un nombre entier positif, par exemple 3.")


class CsvImportForm(FlaskForm):
    Meta = _NoCsrf
    csv_file = FileField("Fichier CSV")


class NewsForm(FlaskForm):
    Meta = _NoCsrf
    title = StringField("Titre", validators=[
        DataRequired("Saisissez le titre de l'actualité."),
        Length(max=200, message="Le titre ne doit pas dépasser 200 caractères.")])
    body = TextAreaField("Texte", validators=[
        DataRequired("Saisissez le texte de l'actualité."),
        Length(max=5000, message="Le texte ne doit pas dépasser 5 000 caractères.")])
    published_on = StringField("Date de publication", validators=[
        DataRequired("Saisissez la date de publication."), FrenchDate()])
    for_operators = BooleanField("Réservée aux opérateurs")

    def values(self) -> dict:
        return {"title": self.title.data.strip(), "body": self.body.data.strip(),
                "published_on": parse_date(self.published_on.data),
                "for_operators": bool(self.for_operators.data)}

    @classmethod
    def of(cls, item) -> "NewsForm":
        return cls(formdata=None, data={"title": item.title, "body": item.body,
                                        "published_on": item.published_on.isoformat(),
                                        "for_operators": item.for_operators})


class FaqForm(FlaskForm):
    Meta = _NoCsrf
    question = StringField("Question", validators=[
        DataRequired("Saisissez la question."),
        Length(max=200, message="La question ne doit pas dépasser 200 caractères.")])
    answer = TextAreaField("Réponse", validators=[
        DataRequired("Saisissez la réponse."),
        Length(max=5000, message="La réponse ne doit pas dépasser 5 000 caractères.")])
    position = StringField("Position", validators=[
        DataRequired("Saisissez la position de la question."), WholeNumber()])

    def values(self) -> dict:
        return {"question": self.question.data.strip(), "answer": self.answer.data.strip(),
                "position": int(self.position.data.strip())}

    @classmethod
    def of(cls, entry) -> "FaqForm":
        return cls(formdata=None, data={"question": entry.question, "answer": entry.answer,
                                        "position": str(entry.position)})


def first_errors(form) -> dict:
    """Field name → its first French message."""
    return {name: messages[0] for name, messages in form.errors.items()}
