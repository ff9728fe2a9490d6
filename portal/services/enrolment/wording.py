"""The enrolment's questions and answers as the wizard words them: the wizard's forms label
their fields with these, and the recap of an enrolment shows its answers with them."""

YES_NO = (("oui", "Oui"), ("non", "Non"))
STREET_TYPES = ("Rue", "Avenue", "Boulevard", "Place", "Quai", "Chemin", "Allée", "Impasse",
                "Route", "Cours", "Square", "Lieu-dit", "Autre")
FILER_QUALITIES = (("accounting", "Centre de gestion, expert-comptable…"),
                   ("employee", "Employé de la personne morale"))
VAT_RATES = (("20", "20 %"), ("10", "10 %"), ("8.5", "8,5 % (départements d'outre-mer)"),
             ("5.5", "5,5 %"), ("2.1", "2,1 %"), ("HT", "Non assujetti (HT)"))

LABELS = {
    "ans_number": "Numéro unique de référencement ANS",
    "hds_host": "Êtes-vous hébergeur de données de santé ?",
    "siret": "Numéro SIRET",
    "denomination": "Dénomination sociale",
    "trade_name": "Nom commercial",
    "street_type": "Type de voie",
    "commune": "Commune",
    "recipient": "Identité du destinataire/service",
    "building": "Entrée/Bât/Immeuble",
    "extension": "Extension",
    "address_complement": "Complément d'adresse",
    "is_distributor": "Êtes-vous distributeur de la solution ?",
    "is_legal_rep": "Êtes-vous le représentant légal du fournisseur ?",
    "rep_last_name": "Nom du représentant",
    "rep_first_name": "Prénom du représentant",
    "rep_email": "Email du représentant",
    "rep_phone": "Téléphone du représentant",
    "filer_last_name": "Nom du dépositaire",
    "filer_first_name": "Prénom du dépositaire",
    "filer_email": "Email du dépositaire",
    "filer_phone": "Téléphone du dépositaire",
    "filer_quality": "Qualité de tiers déclarant",
    "iban": "IBAN",
    "bic": "BIC",
    "account_holder": "Titulaire",
    "vat_rate": "Taux de TVA applicable",
    # shown in the recap, asked by no field of the wizard
    "software_name": "Nom du logiciel",
    "software_version": "Version du logiciel",
    "dsr": "DSR concerné",
    "company_address": "Adresse postale",
    "bank_name": "Domiciliation",
    "profile": "Profil référencé",
    "is_buyer": "Opérateur acheteur",
}
# An answer as the wizard offered it (« oui » → « Oui »), by field.
CHOICES = {"hds_host": dict(YES_NO), "is_distributor": dict(YES_NO), "is_legal_rep": dict(YES_NO),
           "street_type": {street: street for street in STREET_TYPES},
           "filer_quality": dict(FILER_QUALITIES), "vat_rate": dict(VAT_RATES)}


def answer(name: str, value) -> str:
    """The answer `value` to the question `name` as the wizard offered it."""
    return CHOICES.get(name, {}).get(value, value)
