"""The five steps of the enrolment wizard. Which field is required when is the service's rule
(portal.services.enrolment.rules); the forms hold labels and format checks."""
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, RadioField, SelectField, StringField
from wtforms.validators import Optional

from portal.forms import Identifier, MaxLength, SameAs, options
from portal.services.core import identifiers, limits
from portal.services.enrolment.wording import FILER_QUALITIES, LABELS, STREET_TYPES, VAT_RATES, YES_NO

EMAIL_MISMATCH = "Les deux adresses électroniques ne sont pas identiques."


def text(label, max_length=limits.ADDRESS, *checks):
    return StringField(label, validators=[Optional(), MaxLength(max_length), *checks])


def email_field(label, *checks):
    return EmailField(label, validators=[Optional(), MaxLength(limits.EMAIL), *checks])


class ReferencingForm(FlaskForm):
    ans_number = text(LABELS["ans_number"], limits.IDENTIFIER)
    hds_host = RadioField(LABELS["hds_host"], choices=options(YES_NO),
                          validators=[Optional()], validate_choice=False)


class ApplicantForm(FlaskForm):
    siret = text(LABELS["siret"], limits.IDENTIFIER, Identifier(identifiers.clean_siret))
    captcha_token = HiddenField()
    captcha_answer = text("Code de sécurité", limits.CODE)
    denomination = text(LABELS["denomination"], limits.ORGANISATION)
    trade_name = text(LABELS["trade_name"], limits.ORGANISATION)
    street_type = SelectField(LABELS["street_type"], choices=options([("", "Sélectionnez le type de voie")] +
                                              [(street, street) for street in STREET_TYPES]), validators=[Optional()], validate_choice=False)
    commune = text(LABELS["commune"])
    recipient = text(LABELS["recipient"])
    building = text(LABELS["building"])
    extension = text(LABELS["extension"], limits.SHORT)
    address_complement = text(LABELS["address_complement"])
    is_distributor = RadioField(LABELS["is_distributor"], choices=options(YES_NO),
                                validators=[Optional()], validate_choice=False)
    is_legal_rep = RadioField(LABELS["is_legal_rep"], choices=options(YES_NO),
                              validators=[Optional()], validate_choice=False)
    rep_last_name = text(LABELS["rep_last_name"], limits.NAME)
    rep_first_name = text(LABELS["rep_first_name"], limits.NAME)
    rep_email = email_field(LABELS["rep_email"], Identifier(identifiers.clean_email))
    rep_email_confirm = email_field("Confirmation email du représentant",
                              SameAs("rep_email", EMAIL_MISMATCH))
    rep_phone = text(LABELS["rep_phone"], limits.PHONE, Identifier(identifiers.clean_phone))
    filer_last_name = text(LABELS["filer_last_name"], limits.NAME)
    filer_first_name = text(LABELS["filer_first_name"], limits.NAME)
    filer_email = email_field(LABELS["filer_email"], Identifier(identifiers.clean_email))
    filer_email_confirm = email_field("Confirmation email du dépositaire",
                                SameAs("filer_email", EMAIL_MISMATCH))
    filer_phone = text(LABELS["filer_phone"], limits.PHONE, Identifier(identifiers.clean_phone))
    filer_quality = RadioField(LABELS["filer_quality"], choices=options(FILER_QUALITIES),
                               validators=[Optional()], validate_choice=False)


class BankForm(FlaskForm):
    iban = text(LABELS["iban"], limits.IDENTIFIER, Identifier(identifiers.clean_iban))
    bic = text(LABELS["bic"], limits.IDENTIFIER, Identifier(identifiers.clean_bic))
    account_holder = text(LABELS["account_holder"], limits.ORGANISATION)


class VatForm(FlaskForm):
    vat_rate = RadioField(LABELS["vat_rate"], choices=options(VAT_RATES), validators=[Optional()],
                          validate_choice=False)


class SummaryForm(FlaskForm):
    accept_cgu = BooleanField("J'ai lu et j'accepte les conditions générales d'utilisation (CGU) du portail.")
    accept_penal = BooleanField("J'ai pris connaissance de l'article 441-7 du code pénal, qui punit "
                                "d'un an d'emprisonnement et de 15 000 € d'amende l'établissement d'une "
                                "attestation faisant état de faits matériellement inexacts.")
    accept_truth = BooleanField("J'atteste l'authenticité des informations saisies et des pièces jointes.")
    captcha_token = HiddenField()
    captcha_answer = text("Code de sécurité", limits.CODE)


class ResumeLinkForm(FlaskForm):
    email = email_field("Adresse électronique", Identifier(identifiers.clean_email))


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
