"""FlaskForm classes, one module per blueprint, plus shared validators."""
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, StopValidation, ValidationError

from portal import formatting
from portal.services.core.errors import refuse_if
from portal.services.core.identifiers import InvalidIdentifier


class Identifier:
    """Check a field with a service's clean function (which raises a French message)."""

    def __init__(self, clean):
        self.clean = clean

    def __call__(self, form, field):
        if not field.data:
            return
        try:
            self.clean(field.data)
        except InvalidIdentifier as exc:
            raise ValidationError(str(exc))


class SameAs:
    """Confirmation fields: « Les deux adresses électroniques ne sont pas identiques. »"""

    def __init__(self, other: str, message: str):
        self.other, self.message = other, message

    def __call__(self, form, field):
        other = form[self.other].data or ""
        if field.data and other and field.data.strip().lower() != other.strip().lower():
            raise StopValidation(self.message)


def options(pairs) -> list[SelectChoice]:
    """(value, label) pairs as the choices of a select or radio field."""
    return [SelectChoice(value, label) for value, label in pairs]


class MaxLength(Length):
    """At most `limit` characters (services/core/limits.py; a line break counts once, as the
    browser counts it). Its message says how long the text is: « Ce texte compte 5 012
    caractères : raccourcissez-le à 5 000 caractères au plus. »"""

    def __init__(self, limit: int, noun: str = "Ce texte"):
        super().__init__(max=limit)
        self.noun = noun

    def __call__(self, form, field):
        length = len(field.data.replace("\r\n", "\n")) if isinstance(field.data, str) else 0
        if length > self.max:
            raise ValidationError(f"{self.noun} compte {formatting.count(length)} caractères : "
                                  f"raccourcissez-le à {formatting.count(self.max)} caractères "
                                  "au plus.")


def too_long(form) -> dict:
    """Field name → the French message, for each text longer than its limit (the views whose
    service checks the rest, without form.validate())."""
    errors = {}
    for name, field in form._fields.items():
        for check in field.validators:
            if isinstance(check, Length):
                try:
                    check(form, field)
                except ValidationError as exc:
                    errors[name] = str(exc)
    return errors


def refuse_too_long(form, **facts) -> None:
    """Raise Refused (by field) when a text of the form is too long: before its service acts."""
    refuse_if(too_long(form), **facts)
