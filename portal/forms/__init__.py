"""FlaskForm classes, one module per blueprint, plus shared validators."""
from wtforms.fields.choices import SelectChoice
from wtforms.validators import StopValidation, ValidationError

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
