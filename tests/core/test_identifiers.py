"""The identifiers users type (SIRET, IBAN, BIC, e-mail, phone): what is accepted, how it is
written back, and the French message shown beside the field when it is refused."""
import pytest

from portal.services.core.identifiers import (InvalidIdentifier, bank_name, clean_bic, clean_email,
                                         clean_iban, clean_phone, clean_siret)

SIRET_INVALID = "Ce numéro SIRET n'est pas valide : vérifiez les chiffres saisis."
SIRET_LENGTH = "Le numéro SIRET comporte 14 chiffres."
IBAN_INVALID = ("Cet IBAN n'est pas valide (clé de contrôle ou clé RIB incorrecte) : vérifiez-le, "
                "de préférence par copier-coller.")
BIC_INVALID = "Ce BIC n'est pas valide : il comporte 8 ou 11 caractères, par exemple BNPAFRPP."
EMAIL_INVALID = "Saisissez une adresse électronique valide, par exemple nom@domaine.fr."
PHONE_INVALID = "Saisissez un numéro de téléphone à 10 chiffres, par exemple 01 23 45 67 89."


def refused(clean, value) -> str:
    with pytest.raises(InvalidIdentifier) as caught:
        clean(value)
    return str(caught.value)


def iban_fr(bban: str) -> str:
    """A French IBAN with right ISO 7064 check digits for any BBAN, even one whose RIB key is wrong."""
    number = int("".join(str(int(c, 36)) for c in bban + "FR00"))
    return f"FR{98 - number % 97:02d}{bban}"


# SIRET ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("typed", ["73282932000074", "732 829 320 00074", " 73282932000074 ",
                                   "732.829.320.00074"])
def test_siret_is_accepted_with_spaces_and_written_compact(typed):
    assert clean_siret(typed) == "73282932000074"


def test_siret_with_a_wrong_digit_fails_the_luhn_check():
    assert refused(clean_siret, "73282932000075") == SIRET_INVALID
    assert refused(clean_siret, "732 829 320 00047") == SIRET_INVALID  # two digits swapped


@pytest.mark.parametrize("typed", ["7328293200007", "732829320000740", "7328293200007A", "732829320"])
def test_siret_of_the_wrong_length_or_with_letters_says_14_digits(typed):
    assert refused(clean_siret, typed) == SIRET_LENGTH


def test_empty_siret_asks_for_it():
    assert refused(clean_siret, "") == "Saisissez le numéro SIRET."
    assert refused(clean_siret, "   ") == "Saisissez le numéro SIRET."


def test_la_poste_establishments_follow_their_own_rule():
    # La Poste's establishments (SIREN 356 000 000) fail Luhn: the sum of their digits is a
    # multiple of 5 instead. The head office keeps the Luhn key.
    assert clean_siret("356 000 000 49837") == "35600000049837"
    assert clean_siret("35600000000048") == "35600000000048"
    assert refused(clean_siret, "35600000049838") == SIRET_INVALID


# IBAN / BIC ----------------------------------------------------------------------------------

def test_iban_with_spaces_and_lowercase_is_normalised():
    iban = clean_iban("fr76 3000 6000 0112 3456 7890 189")
    assert iban.compact == "FR7630006000011234567890189"
    assert iban.formatted == "FR76 3000 6000 0112 3456 7890 189"
    assert clean_iban("FR7630006000011234567890189").formatted == "FR76 3000 6000 0112 3456 7890 189"


def test_iban_with_a_wrong_rib_key_is_refused_even_when_its_check_digits_match():
    wrong_key = iban_fr("30006000011234567890188")  # RIB key 88 instead of 89
    assert wrong_key[2:4] != "76"
    assert refused(clean_iban, wrong_key) == IBAN_INVALID
    # the same helper with the right key gives the valid IBAN: the refusal is the RIB key's
    assert clean_iban(iban_fr("30006000011234567890189")).compact == "FR7630006000011234567890189"


@pytest.mark.parametrize("typed", ["FR77 3000 6000 0112 3456 7890 189",  # check digits
                                   "FR76 3000 6000 0112 3456 7890 18",  # too short
                                   "", "pas un IBAN"])
def test_wrong_ibans_are_refused_with_the_french_message(typed):
    assert refused(clean_iban, typed) == IBAN_INVALID


def test_bic_is_normalised_and_gives_the_bank_name():
    bic = clean_bic("bnpa frpp")
    assert str(bic) == "BNPAFRPP"
    assert bank_name(bic) == "BNP PARIBAS"
    assert str(clean_bic("AGRIFRPPXXX")) == "AGRIFRPPXXX"


@pytest.mark.parametrize("typed", ["BNPAFRP", "BNPAFRPPXX", "12345678", ""])
def test_wrong_bics_are_refused_with_an_example(typed):
    assert refused(clean_bic, typed) == BIC_INVALID


# E-mail --------------------------------------------------------------------------------------

def test_email_is_trimmed_and_lowercased():
    assert clean_email("  Claire.Martin@MediMail.fr ") == "claire.martin@medimail.fr"
    assert clean_email("c.martin+segur@sante-numerique.gouv.fr") == "c.martin+segur@sante-numerique.gouv.fr"


@pytest.mark.parametrize("typed", ["claire.martin", "claire.martin@medimail", "claire martin@medimail.fr",
                                   "claire..martin@medimail.fr", "@medimail.fr", "claire@@medimail.fr",
                                   ""])
def test_wrong_emails_are_refused(typed):
    assert refused(clean_email, typed) == EMAIL_INVALID


# Phone ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("typed", ["0123456789", "01 23 45 67 89", "01.23.45.67.89", "01-23-45-67-89",
                                   "+33 1 23 45 67 89", "0033 1 23 45 67 89", "+33123456789"])
def test_french_phone_numbers_are_written_in_pairs(typed):
    assert clean_phone(typed) == "01 23 45 67 89"


def test_mobile_and_overseas_numbers_are_accepted():
    assert clean_phone("06 12 34 56 78") == "06 12 34 56 78"
    assert clean_phone("0262 12 34 56") == "02 62 12 34 56"


@pytest.mark.parametrize("typed", ["012345678", "01234567890", "00 12 34 56 78", "1234567890",
                                   "+44 20 7946 0958", "01 23 45 67 8A", ""])
def test_wrong_phone_numbers_are_refused(typed):
    assert refused(clean_phone, typed) == PHONE_INVALID
