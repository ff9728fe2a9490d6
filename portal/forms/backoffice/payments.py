"""Back-office forms of the payment batches and of the ASP's debtor account (the administration).
Formats only: the services check IBAN, BIC and what may be put into payment."""
from flask_wtf import FlaskForm
from wtforms import StringField

from portal.forms import MaxLength
from portal.forms.backoffice.admin import iso_date, stripped
from portal.services.core import limits


class _NoCsrf:
    csrf = False  # CSRFProtect (portal.extensions) already refuses any POST without a valid token


class DebtorAccountForm(FlaskForm):
    Meta = _NoCsrf
    name = StringField("Titulaire du compte", filters=[stripped],
                       validators=[MaxLength(limits.ORGANISATION, "Le titulaire")])
    iban = StringField("IBAN", filters=[stripped],
                       validators=[MaxLength(limits.IDENTIFIER, "L'IBAN")])
    bic = StringField("BIC", filters=[stripped], validators=[MaxLength(limits.IDENTIFIER, "Le BIC")])

    def values(self) -> dict:
        return {"name": self.name.data, "iban": self.iban.data, "bic": self.bic.data}


class ExecutionForm(FlaskForm):
    """The bank's execution of a batch's transfers: the day, for the whole batch or the lines
    checked."""
    Meta = _NoCsrf
    paid_on = StringField("Date d'exécution par la banque", filters=[stripped, iso_date],
                          validators=[MaxLength(limits.SHORT, "La date")])
