"""« Ma demande de financement »: the advance's six mailbox counts, the balance's support contact and
documents. The checks are the service's
(portal.services.funding.requests)."""
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, SelectField, StringField, TextAreaField, URLField

from portal.forms import MaxLength
from portal.services.core import limits
from portal.services.funding.requests import COUNT_LABELS


def count(label: str) -> StringField:
    """A count, not a free text: the service reads it as a number (≤ 10 000 000) and says
    what is wrong with it along with the other counts, however long it is."""
    return StringField(label)


class AdvanceForm(FlaskForm):
    class Meta:
        csrf = False  # CSRFProtect checks every POST

    current_applicative = count(COUNT_LABELS["applicative"])
    current_organisational = count(COUNT_LABELS["organisational"])
    current_personal = count(COUNT_LABELS["personal"])
    closing_applicative = count(COUNT_LABELS["applicative"])
    closing_organisational = count(COUNT_LABELS["organisational"])
    closing_personal = count(COUNT_LABELS["personal"])


class BalanceForm(FlaskForm):
    class Meta:
        csrf = False

    support_name = StringField("Nom du contact support de l'opérateur",
                               validators=[MaxLength(limits.ORGANISATION)])
    support_phone = StringField("Numéro de téléphone du contact support de l'opérateur",
                                validators=[MaxLength(limits.PHONE)])
    support_email = EmailField("Adresse mail du contact support de l'opérateur",
                               validators=[MaxLength(limits.EMAIL)])
    documentation_url = URLField("Lien vers le site web mettant à disposition la documentation "
                                 "pour les clients et éditeurs", validators=[MaxLength(limits.URL)])
    # files already accepted, kept while the form is corrected (services/kept_files.py)
    api_proof_token = HiddenField()
    api_guide_token = HiddenField()
    paid_invoice_token = HiddenField()


class BeneficiariesExportForm(FlaskForm):
    """« Exporter vos bénéficiaires »: a corridor first (a GET form; the service checks it)."""
    class Meta:
        csrf = False  # a GET: nothing changes

    couloir = SelectField("Couloir", validate_choice=False)

    def offer(self, corridors) -> "BeneficiariesExportForm":
        self.couloir.choices = [("", "Sélectionnez un couloir")] + [
            (c.code, f"{c.label} ({c.code})") for c in corridors]
        return self


class CancellationForm(FlaskForm):
    class Meta:
        csrf = False  # CSRFProtect checks every POST

    comment = TextAreaField("Motif de la demande d'annulation",
                            validators=[MaxLength(limits.TEXT, "Votre motif")])
