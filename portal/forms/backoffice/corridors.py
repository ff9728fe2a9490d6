"""The admin's form of one corridor: labels and format checks in French. The scenarios' mini-syntax
is read by services/imports/corridors.py (one reader for the CSV and the form)."""
from decimal import Decimal

from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

from portal import formatting
from portal.forms import MaxLength, options
from portal.forms.backoffice.admin import _NoCsrf, stripped
from portal.services.core import limits
from portal.services.imports import corridors


class Amount:
    """An amount in euros (« 12 000,00 »), > 0, 2 decimals at most, below `maximum`; empty when
    `optional` (no cap). field.amount holds it as a Decimal (or None)."""

    def __init__(self, message: str, optional: bool = False, maximum=corridors.MONEY_MAX):
        self.message, self.optional, self.maximum = message, optional, Decimal(maximum)

    def __call__(self, form, field):
        try:
            amount = formatting.parse_decimal(field.data, places=2)
        except formatting.NotANumber:
            raise ValidationError(self.message)
        if amount is None and self.optional:
            field.amount = None
            return
        if amount is None or amount <= 0 or amount >= self.maximum:
            raise ValidationError(self.message)
        field.amount = amount


class Scenarios:
    def __call__(self, form, field):
        try:
            field.scenarios = corridors.parse_scenarios(field.data)
        except ValueError as exc:
            message = str(exc)
            raise ValidationError(message[0].upper() + message[1:])


class Count:
    def __call__(self, form, field):
        value = field.data or ""
        if not (value.isdigit() and 1 <= int(value) <= corridors.BENEFICIARIES_MAX):
            raise ValidationError("Saisissez un nombre entier de 1 à "
                                  f"{corridors.BENEFICIARIES_MAX}, par exemple 10.")


CAP = "Saisissez un montant positif en euros, par exemple 45 000,00, ou laissez vide."


class CorridorForm(FlaskForm):
    Meta = _NoCsrf
    label = StringField("Libellé", filters=[stripped], validators=[
        DataRequired("Saisissez le libellé du couloir."),
        Length(max=255, message="Le libellé ne doit pas dépasser 255 caractères.")])
    cap_per_request = StringField("Plafond par demande (€ HT)", filters=[stripped],
                                  validators=[MaxLength(limits.NUMBER, "Le montant"),
                                              Amount(CAP, optional=True)])
    cap_per_beneficiary = StringField("Plafond par bénéficiaire (€ HT)", filters=[stripped],
                                      validators=[MaxLength(limits.NUMBER, "Le montant"),
                                              Amount(CAP, optional=True)])
    advance_share = StringField("Part de l'avance (% du montant retenu)", filters=[stripped],
                                validators=[MaxLength(limits.NUMBER, "Le pourcentage"),
                                            Amount("Saisissez un pourcentage de 0,01 à 100, par "
                                                   "exemple 30.", maximum="100.01")])
    max_beneficiaries = StringField("Nombre maximal de bénéficiaires par demande",
                                    filters=[stripped],
                                    validators=[MaxLength(limits.NUMBER, "Le nombre"), Count()])
    active = BooleanField("Couloir ouvert aux dépôts")
    scenario_layout = RadioField("Présentation des scénarios d'installation",
                                 choices=options(corridors.LAYOUTS.items()),
                                 validators=[DataRequired("Choisissez la présentation des "
                                                          "scénarios.")])
    scenarios = TextAreaField("Scénarios d'installation", validators=[
        MaxLength(limits.TEXT, "Le texte des scénarios"), Scenarios()])

    def values(self) -> dict:
        return {"label": self.label.data, "cap_per_request": self.cap_per_request.amount,
                "cap_per_beneficiary": self.cap_per_beneficiary.amount,
                "advance_share": self.advance_share.amount,
                "max_beneficiaries": int(self.max_beneficiaries.data),
                "active": bool(self.active.data), "scenario_layout": self.scenario_layout.data,
                "scenarios": self.scenarios.scenarios}
