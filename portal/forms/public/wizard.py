"""The five steps of the enrolment wizard. Which field is required when is the service's rule
(portal.services.enrolment.rules); the forms hold labels and format checks."""
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, RadioField, SelectField, StringField
from wtforms.validators import Length, Optional

from portal.forms import Identifier, SameAs, options
from portal.services.core import identifiers

YES_NO = options([("oui", "Oui"), ("non", "Non")])
STREET_TYPES = ["Rue", "Avenue", "Boulevard", "Place", "Quai", "Chemin", "Allée", "Impasse",
                "Route", "Cours", "Square", "Lieu-dit", "Autre"]
FILER_QUALITIES = options([("accounting", "Centre de gestion, expert-comptable…"),
                           ("employee", "Employé de la personne morale")])
VAT_RATES = options([("20", "20 %"), ("10", "10 %"), ("8.5", "8,5 % (départements d'outre-mer)"),
                     ("5.5", "5,5 %"), ("2.1", "2,1 %"), ("HT", "Non assujetti (HT)")])
EMAIL_MISMATCH = "Les deux adresses électroniques ne sont pas identiques."


def text(label, max_length=120, *checks):
    return StringField(label, validators=[Optional(), Length(max=max_length, message=f"{max_length} caractères au plus."), *checks])


class ReferencingForm(FlaskForm):
    ans_number = text("Numéro unique de référencement ANS", 40)
    hds_host = RadioField("Êtes-vous hébergeur de données de santé ?", choices=YES_NO,
                          validators=[Optional()], validate_choice=False)


class ApplicantForm(FlaskForm):
    siret = text("Numéro SIRET", 20, Identifier(identifiers.clean_siret))
    captcha_token = HiddenField()
    captcha_answer = text("Code de sécurité", 12)
    denomination = text("Dénomination sociale", 200)
    trade_name = text("Nom commercial", 200)
    street_type = SelectField("Type de voie", choices=options([("", "Sélectionnez le type de voie")] +
                                              [(t, t) for t in STREET_TYPES]), validators=[Optional()], validate_choice=False)
    commune = text("Commune")
    recipient = text("Identité du destinataire/service")
    building = text("Entrée/Bât/Immeuble")
    extension = text("Extension", 20)
    address_complement = text("Complément d'adresse")
    is_distributor = RadioField("Êtes-vous distributeur de la solution ?", choices=YES_NO,
                                validators=[Optional()], validate_choice=False)
    is_legal_rep = RadioField("Êtes-vous le représentant légal du fournisseur ?", choices=YES_NO,
                              validators=[Optional()], validate_choice=False)
    rep_last_name = text("Nom du représentant")
    rep_first_name = text("Prénom du représentant")
    rep_email = EmailField("Email du représentant", validators=[Optional(), Identifier(identifiers.clean_email)])
    rep_email_confirm = EmailField("Confirmation email du représentant",
                                   validators=[Optional(), SameAs("rep_email", EMAIL_MISMATCH)])
    rep_phone = text("Téléphone du représentant", 25, Identifier(identifiers.clean_phone))
    filer_last_name = text("Nom du dépositaire")
    filer_first_name = text("Prénom du dépositaire")
    filer_email = EmailField("Email du dépositaire", validators=[Optional(), Identifier(identifiers.clean_email)])
    filer_email_confirm = EmailField("Confirmation email du dépositaire",
                                     validators=[Optional(), SameAs("filer_email", EMAIL_MISMATCH)])
    filer_phone = text("Téléphone du dépositaire", 25, Identifier(identifiers.clean_phone))
    filer_quality = RadioField("Qualité de tiers déclarant", choices=FILER_QUALITIES,
                               validators=[Optional()], validate_choice=False)


class BankForm(FlaskForm):
    iban = text("IBAN", 50, Identifier(identifiers.clean_iban))
    bic = text("BIC", 15, Identifier(identifiers.clean_bic))
    account_holder = text("Titulaire", 200)


class VatForm(FlaskForm):
    vat_rate = RadioField("Taux de TVA applicable", choices=VAT_RATES, validators=[Optional()],
                          validate_choice=False)


class SummaryForm(FlaskForm):
    accept_cgu = BooleanField("J'ai lu et j'accepte les conditions générales d'utilisation (CGU) du portail.")
    accept_penal = BooleanField("J'ai pris connaissance de l'article 441-7 du code pénal, qui punit "
                                "d'un an d'emprisonnement et de 15 000 € d'amende l'établissement d'une "
                                "attestation faisant état de faits matériellement inexacts.")
    accept_truth = BooleanField("J'atteste l'authenticité des informations saisies et des pièces jointes.")
    captcha_token = HiddenField()
    captcha_answer = text("Code de sécurité", 12)


class ResumeLinkForm(FlaskForm):
    email = EmailField("Adresse électronique", validators=[Optional(), Identifier(identifiers.clean_email)])


class ComplementaryForm(FlaskForm):
    """« Faire une demande complémentaire »: the simplified wizard, on one page."""
    ans_number = ReferencingForm.ans_number
    hds_host = ReferencingForm.hds_host
    vat_rate = VatForm.vat_rate
    is_distributor = ApplicantForm.is_distributor


class CorrectionsForm(FlaskForm):
    """« Modifier »: the data a manager asked to correct, labelled as in the wizard."""
    class Meta:
        csrf = False  # CSRFProtect checks every POST

    iban = BankForm.iban
    bic = BankForm.bic
    account_holder = BankForm.account_holder
    vat_rate = VatForm.vat_rate
    trade_name = ApplicantForm.trade_name
    street_type = ApplicantForm.street_type
    commune = ApplicantForm.commune
    recipient = ApplicantForm.recipient
    building = ApplicantForm.building
    extension = ApplicantForm.extension
    address_complement = ApplicantForm.address_complement


STEP_FORMS = {1: ReferencingForm, 2: ApplicantForm, 3: BankForm, 4: VatForm, 5: SummaryForm}
