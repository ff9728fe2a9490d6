"""Look-ups in the reference data (ANS referencing list, company directory), as the service answers
them and as the applicant sees them in the wizard."""
from portal.services.enrolment import rules
from portal.services.reference import lookups
from tests.helpers.pages import html
from tests.helpers.enrolment import Wizard, database, error, form_data, value

UNKNOWN_VALID_SIRET = "12345678200010"  # right Luhn key, absent from the directory


def test_validated_referencing_is_found_whatever_the_case_and_spaces(demo):
    with database(demo):
        ref = lookups.find_referencing("  mss-2023-0001 ")
        assert ref is not None
        assert (ref.number, ref.software_name, ref.dsr) == ("MSS-2023-0001", "MediMail Pro", "MSS Opérateurs")
        assert ref.validated and ref.is_mss and not ref.is_dpi
        assert ref.holder_siret == "73282932000074"
        dpi = lookups.find_referencing("DPI-2023-0101")
        assert dpi.validated and dpi.is_dpi


def test_unknown_or_empty_referencing_is_not_found(demo):
    with database(demo):
        assert lookups.find_referencing("MSS-2099-9999") is None
        assert lookups.find_referencing("") is None
        assert lookups.find_referencing(None) is None


def test_pending_referencing_makes_an_anticipated_enrolment(demo):
    with database(demo):
        ref = lookups.find_referencing("MSS-2023-0003")
        assert ref is not None and not ref.validated
        assert rules.situation({"ans_number": "MSS-2023-0003"}).anticipated
        assert not rules.situation({"ans_number": "MSS-2023-0001"}).anticipated


def test_messages_for_unknown_numbers_advise_to_contact_support():
    # The seeds: « Si votre n° de référencement est inconnu à l'ASP, vous contactez l'assistance. »
    assert "inconnu" in lookups.UNKNOWN_ANS and "contactez l'assistance" in lookups.UNKNOWN_ANS
    assert "inconnu" in lookups.UNKNOWN_SIRET and "contactez l'assistance" in lookups.UNKNOWN_SIRET


def test_company_found_or_unknown(demo):
    with database(demo):
        company = lookups.find_company("73282932000074")
        assert company.denomination == "MEDIMAIL SOLUTIONS"
        assert (company.street, company.postcode, company.commune) == ("12 RUE DE LA PAIX", "75002", "PARIS")
        assert lookups.find_company("35600000000048").denomination == "CABINET COMPTABLE DURAND"
        assert lookups.find_company(UNKNOWN_VALID_SIRET) is None


# In the wizard ------------------------------------------------------------------------------

def test_search_shows_the_validated_referencing_and_its_documents(client, demo):
    response = Wizard(client).search_referencing("mss-2023-0001")
    assert response.status_code == 200
    page = html(response)
    card = page.select_one(".fr-card").get_text(" ", strip=True)
    assert "Référencement MSS-2023-0001" in card and "MediMail Pro" in card and "4.2" in card
    assert page.find(id="doc_referencing_certificate") is not None
    assert page.find(id="doc_operator_contract") is not None
    assert "enrôlement anticipé" not in page.get_text()


def test_search_of_a_pending_referencing_announces_an_anticipated_enrolment(client, demo):
    page = html(Wizard(client).search_referencing("MSS-2023-0003"))
    assert ("Votre référencement auprès de l'ANS n'est pas encore validé : vous faites une demande "
            "d'enrôlement anticipé.") in page.get_text()
    assert page.find(id="doc_referencing_certificate") is None


def test_search_of_an_unknown_referencing_says_to_contact_support(client, demo):
    response = Wizard(client).search_referencing("MSS-2099-9999")
    assert response.status_code == 422
    page = html(response)
    assert error(page, "ans_number") == lookups.UNKNOWN_ANS
    assert value(page, "ans_number") == "MSS-2099-9999"


def test_company_search_fills_the_legal_entity(client, demo):
    wizard = Wizard(client)
    assert wizard.step1().status_code == 303
    response = wizard.search_company("732 829 320 00074", htmx=True)
    assert response.status_code == 200
    page = html(response)
    assert "<html" not in response.get_data(as_text=True)
    assert value(page, "siret") == "73282932000074"
    assert value(page, "denomination") == "MEDIMAIL SOLUTIONS"
    assert value(page, "commune") == "PARIS"
    assert "12 RUE DE LA PAIX, 75002" in page.select_one(".portal-facts").get_text(" ", strip=True)


def test_company_search_of_an_unknown_siret_says_to_contact_support(client, demo):
    wizard = Wizard(client)
    wizard.step1()
    response = wizard.search_company(UNKNOWN_VALID_SIRET, htmx=True)
    assert response.status_code == 422
    page = html(response)
    assert error(page, "siret") == lookups.UNKNOWN_SIRET
    assert value(page, "siret") == UNKNOWN_VALID_SIRET
    assert page.find(id="denomination") is None  # no legal entity shown


def test_company_search_of_an_invalid_siret_says_why_before_any_lookup(client, demo):
    wizard = Wizard(client)
    wizard.step1()
    page = html(wizard.search_company("73282932000075"))
    assert error(page, "siret") == "Ce numéro SIRET n'est pas valide : vérifiez les chiffres saisis."


def test_company_search_needs_the_security_code(client, demo):
    wizard = Wizard(client)
    wizard.step1()
    page = html(wizard.search_company("73282932000074", answer="000000"))
    assert error(page, "captcha_answer") == ("Le code de sécurité saisi est incorrect : recopiez le "
                                             "nouveau code affiché.")
    assert page.find(id="denomination") is None
    page = html(wizard.search_company("73282932000074", answer=""))
    assert error(page, "captcha_answer") == "Saisissez le code de sécurité affiché."


def test_htmx_search_of_a_referencing_answers_a_fragment(client, demo):
    wizard = Wizard(client)
    data = {**form_data(wizard.page(1)), "ans_number": "MSS-2023-0001"}
    response = wizard.post("/enrolement/etape/1/rechercher", data, htmx=True)
    assert response.status_code == 200
    assert "<html" not in response.get_data(as_text=True)
    assert "HX-Request" in response.headers["Vary"]
    assert "Référencement MSS-2023-0001" in html(response).get_text()
