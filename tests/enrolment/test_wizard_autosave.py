"""Item 11 of issue 14: what is typed at a step is kept as one types, unchecked, so that a
reload shows it back; « Etape suivante » still checks it."""
from portal.models import EnrolmentDraft
from tests.helpers.enrolment import START, checked, database, error, form_data, html, step_url, value
from tests.helpers.queries import counting
from tests.helpers.wizard_routes import htmx_headers

KEEP = f"{START}/brouillon"


def keep(wizard, step: int, **typed):
    data = {**form_data(wizard.page(step)), "etape": str(step), **typed}
    return wizard.client.post(KEEP, data=data, headers=htmx_headers(wizard))


def test_typed_values_come_back_unchecked_after_a_reload(wizard):
    wizard.reach(2)
    wizard.search_company("73282932000074")
    response = keep(wizard, 2, trade_name="MediMail", rep_last_name="Durand",
                    rep_email="pas-une-adresse", rep_phone="12", is_legal_rep="oui",
                    is_distributor="non")
    assert response.status_code == 200
    assert response.get_data(as_text=True).startswith("Brouillon enregistré à ")
    assert " h " in response.get_data(as_text=True)

    page = wizard.page(2)  # the reload
    assert value(page, "rep_last_name") == "Durand"
    assert value(page, "rep_email") == "pas-une-adresse"  # invalid, kept as typed
    assert value(page, "rep_phone") == "12"
    assert checked(page, "is_legal_rep") == "oui"
    assert page.find(id="representant") is not None  # the part that answer opens
    assert error(page, "rep_email") == ""  # checked only on « Etape suivante »
    assert page.find(id="brouillon").get_text(strip=True).startswith("Brouillon enregistré à ")


def test_next_step_still_checks_what_was_kept(wizard):
    wizard.reach(2)
    keep(wizard, 2, rep_email="pas-une-adresse", is_legal_rep="oui")
    response = wizard.step2(rep_email="pas-une-adresse")
    assert response.status_code == 422
    assert error(html(response), "rep_email")
    assert wizard.step2().status_code == 303
    assert value(wizard.page(2), "rep_email") != "pas-une-adresse"  # the validated values now


def test_a_first_keystroke_stores_the_draft_and_a_later_step_is_refused(app, wizard):
    with database(app):
        assert EnrolmentDraft.select().count() == 0
    assert keep(wizard, 1, ans_number="MSS-20").status_code == 200
    with database(app):
        assert EnrolmentDraft.select().count() == 1
    assert value(wizard.page(1), "ans_number") == "MSS-20"
    data = {**form_data(wizard.page(1)), "etape": "3", "iban": "FR76"}
    assert wizard.client.post(KEEP, data=data, headers=htmx_headers(wizard)).status_code == 404


def test_too_long_a_text_keeps_its_last_value(wizard):
    wizard.reach(2)
    keep(wizard, 2, rep_last_name="Durand", is_legal_rep="oui")
    keep(wizard, 2, rep_last_name="D" * 101, is_legal_rep="oui")
    assert value(wizard.page(2), "rep_last_name") == "Durand"


def test_keeping_needs_the_csrf_token(wizard):
    data = {k: v for k, v in form_data(wizard.page(1)).items() if k != "csrf_token"}
    response = wizard.client.post(KEEP, data={**data, "etape": "1", "ans_number": "MSS-X"},
                                  headers={"HX-Request": "true"})
    assert response.status_code == 400
    assert keep(wizard, 1, ans_number="MSS-Y").status_code == 200
    assert value(wizard.page(1), "ans_number") == "MSS-Y"


def test_another_browser_never_sees_them(wizard, client, app):
    wizard.reach(2)
    keep(wizard, 2, rep_last_name="Durand", is_legal_rep="oui")
    other = app.test_client()
    other.get(START)
    page = html(other.get(step_url(1)))
    assert "Durand" not in str(page)


def test_bank_step_shows_the_domiciliation_of_what_was_typed(wizard):
    wizard.reach(3)
    keep(wizard, 3, iban="FR76 3000 6000 0112 3456 7890 189", bic="AGRIFRPP")
    page = wizard.page(3)
    assert value(page, "iban") == "FR76 3000 6000 0112 3456 7890 189"
    assert value(page, "bank_name") == "CREDIT AGRICOLE SA"


def test_a_keystroke_costs_three_statements(wizard):
    """The draft read by its cookie, read again locked (a request of the same browser may have
    stored something meanwhile), then its values written: no quota, no file, no check."""
    wizard.reach(2)
    keep(wizard, 2, rep_last_name="D", is_legal_rep="oui")
    data = {**form_data(wizard.page(2)), "etape": "2", "rep_last_name": "Du"}
    headers = htmx_headers(wizard)
    with counting() as queries:
        response = wizard.client.post(KEEP, data=data, headers=headers)
    assert response.status_code == 200
    assert len(queries.sql) == 3, queries.sql


def test_a_keystroke_saved_late_keeps_the_company_found_meanwhile(wizard):
    """A browser's requests overlap: the autosave of what was typed in the SIRET field read the
    draft before « Rechercher » stored the company, and writes after it. The company stays (it
    was lost, and the reload showed the search form again)."""
    from portal.services.enrolment import drafts
    wizard.reach(2)
    app = wizard.client.application
    with database(app):
        late = drafts.find(wizard.token)  # as the autosave request read it when it began
    wizard.search_company("73282932000074")  # « Rechercher » answers first
    with database(app):
        drafts.keep_typed(late, 2, {"siret": "732 829 320 00074", "trade_name": "MediMail"})
    page = wizard.page(2)  # the reload
    assert value(page, "denomination") == "MEDIMAIL SOLUTIONS"
    assert value(page, "trade_name") == "MediMail"
