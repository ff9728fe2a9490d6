"""Forms of the admin screens: the labels and the format checks, in French. Uniqueness and the
import's own checks are the services' (admin_content, reference_import)."""
from decimal import Decimal

from flask_wtf import FlaskForm
from wtforms import BooleanField, FileField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

from portal import formatting
from portal.forms import MaxLength
from portal.services.core import limits
from portal.services.reference.cells import POSITION_MAX, TEXT_MAX, TITLE_MAX, parse_date

TEXT_MAX_SHOWN = formatting.count(TEXT_MAX)  # « 5 000 »


def stripped(value):
    return value.strip() if isinstance(value, str) else value


class _NoCsrf:
    # CSRFProtect (portal.extensions) already refuses any POST without a valid token.
    csrf = False


class FrenchDate:
    """A date typed as AAAA-MM-JJ (what <input type="date"> sends) or JJ/MM/AAAA."""

    def __call__(self, form, field):
        if field.data and parse_date(field.data) is None:
            raise ValidationError("Saisissez une date valide, au format JJ/MM/AAAA.")


def iso_date(value: str | None) -> str | None:
    """A date typed JJ/MM/AAAA kept as AAAA-MM-JJ: <input type="date"> shows nothing else, so a
    form shown again with its errors would otherwise lose it."""
    parsed = parse_date(value)
    return parsed.isoformat() if parsed else value


class WholeNumber:
    def __call__(self, form, field):
        value = field.data or ""
        if not (value.isdigit() and int(value) <= POSITION_MAX):
            raise ValidationError(f"Saisissez un nombre entier de 0 à {POSITION_MAX}, "
                                  "par exemple 3.")


class CsvImportForm(FlaskForm):
    Meta = _NoCsrf
    csv_file = FileField("Fichier CSV")


class NewsForm(FlaskForm):
    Meta = _NoCsrf
    title = StringField("Titre", filters=[stripped], validators=[
        DataRequired("Saisissez le titre de l'actualité."),
        Length(max=TITLE_MAX, message=f"Le titre ne doit pas dépasser {TITLE_MAX} caractères.")])
    body = TextAreaField("Texte", filters=[stripped], validators=[
        DataRequired("Saisissez le texte de l'actualité."),
        Length(max=TEXT_MAX,
               message=f"Le texte ne doit pas dépasser {TEXT_MAX_SHOWN} caractères.")])
    published_on = StringField("Date de publication", filters=[stripped, iso_date], validators=[
        DataRequired("Saisissez la date de publication."), MaxLength(limits.SHORT), FrenchDate()])
    for_operators = BooleanField("Réservée aux opérateurs")

    def values(self) -> dict:
        return {"title": self.title.data, "body": self.body.data,
                "published_on": parse_date(self.published_on.data),
                "for_operators": bool(self.for_operators.data)}

    @classmethod
    def of(cls, item) -> "NewsForm":
        return cls(formdata=None, data={"title": item.title, "body": item.body,
                                        "published_on": item.published_on.isoformat(),
                                        "for_operators": item.for_operators})


class FaqForm(FlaskForm):
    Meta = _NoCsrf
    rubric = StringField("Rubrique", filters=[stripped], validators=[
        DataRequired("Saisissez la rubrique de la question."),
        Length(max=TITLE_MAX, message=f"La rubrique ne doit pas dépasser {TITLE_MAX} caractères.")])
    question = StringField("Question", filters=[stripped], validators=[
        DataRequired("Saisissez la question."),
        Length(max=TITLE_MAX,
               message=f"La question ne doit pas dépasser {TITLE_MAX} caractères.")])
    answer = TextAreaField("Réponse", filters=[stripped], validators=[
        DataRequired("Saisissez la réponse."),
        Length(max=TEXT_MAX,
               message=f"La réponse ne doit pas dépasser {TEXT_MAX_SHOWN} caractères.")])
    position = StringField("Position", filters=[stripped], validators=[
        DataRequired("Saisissez la position de la question."), MaxLength(limits.SHORT),
        WholeNumber()])

    def values(self) -> dict:
        return {"rubric": self.rubric.data, "question": self.question.data,
                "answer": self.answer.data, "position": int(self.position.data)}

    @classmethod
    def of(cls, entry) -> "FaqForm":
        return cls(formdata=None, data={"rubric": entry.rubric, "question": entry.question,
                                        "answer": entry.answer, "position": str(entry.position)})


def first_errors(form) -> dict:
    """Field name → its first French message."""
    return {name: messages[0] for name, messages in form.errors.items()}


class Euros:
    """An amount in euros, « 58,33 » or « 58.33 », at most 2 decimals, ≥ 0; field.amount holds
    it as a Decimal."""

    def __call__(self, form, field):
        try:
            amount = formatting.parse_decimal(field.data, places=2)
        except formatting.NotANumber:
            amount = None
        if amount is None or amount < 0 or amount >= Decimal("1e10"):
            raise ValidationError("Saisissez un montant en euros, par exemple 58,33.")
        field.amount = amount


def amount_field(label: str):
    return StringField(label, filters=[stripped], validators=[
        DataRequired(f"Saisissez le montant : {label[0].lower() + label[1:]}."),
        MaxLength(limits.NUMBER), Euros()])


class TariffForm(FlaskForm):
    Meta = _NoCsrf
    rate_applicative = amount_field("Montant par boîte aux lettres applicative (€ HT)")
    rate_organisational = amount_field("Montant par boîte aux lettres organisationnelle (€ HT)")
    rate_personal = amount_field("Montant par boîte aux lettres personnelle (€ HT)")
    fixed_part = amount_field("Montant fixe éligible pour l'opérateur (€ HT)")
    cap = amount_field("Plafond de l'avance et du solde réunis (€ HT)")
    closing_date = StringField("Date de clôture de l'appel", filters=[stripped, iso_date],
                               validators=[DataRequired("Saisissez la date de clôture."),
                                           MaxLength(limits.SHORT), FrenchDate()])

    def values(self) -> dict:
        amounts = {field.name: field.amount for field in self if hasattr(field, "amount")}
        return dict(amounts, closing_date=parse_date(self.closing_date.data))


class EnvelopeForm(FlaskForm):
    Meta = _NoCsrf
    amount = amount_field("Montant de l'enveloppe budgétaire (€ TTC)")
