"""« Ma demande de financement »: the advance's six mailbox counts, the balance's support contact and
documents. The checks are the service's
(portal.services.funding.requests)."""
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, StringField, URLField

from portal.services.funding.requests import COUNT_LABELS


class AdvanceForm(FlaskForm):
    class Meta:
        csrf = False  # CSRFProtect checks every POST

    current_applicative = StringField(COUNT_LABELS["applicative"])
    current_organisational = StringField(COUNT_LABELS["organisational"])
    current_personal = StringField(COUNT_LABELS["personal"])
    closing_applicative = StringField(COUNT_LABELS["applicative"])
    closing_organisational = StringField(COUNT_LABELS["organisational"])
    closing_personal = StringField(COUNT_LABELS["personal"])


class BalanceForm(FlaskForm):
    class Meta:
        csrf = False

    support_name = StringField("Nom du contact support de l'opérateur")
    support_phone = StringField("Numéro de téléphone du contact support de l'opérateur")
    support_email = EmailField("Adresse mail du contact support de l'opérateur")
    documentation_url = URLField("Lien vers le site web mettant à disposition la documentation "
                                 "pour les clients et éditeurs")
    # files already accepted, kept while the form is corrected (services/kept_files.py)
    api_proof_token = HiddenField()
    api_guide_token = HiddenField()
    paid_invoice_token = HiddenField()
