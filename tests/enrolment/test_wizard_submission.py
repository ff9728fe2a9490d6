"""The submission of an enrolment, its number and acknowledgement mail; the SIRET of step 2."""
import os

from portal.models import Document, Enrolment, EnrolmentDraft
from portal.models.base import utcnow
from portal.services.core import storage
from tests.helpers.constants import CAPTCHA
from tests.helpers.pages import html
from tests.helpers.enrolment import (COOKIE, REP, START, Wizard, database, error, fixture_file,
                                     form_data, step_url, value)
from tests.helpers.wizard_routes import upload


# Submission -----------------------------------------------------------------------------------

def test_numbering_follows_the_year_and_the_order_of_submission(client, demo):
    year = utcnow().year
    first = Wizard(client)
    first_draft = first.token
    first.submit()
    page = html(client.get("/enrolement/confirmation"))
    assert f"n° ENR-{year}-000001 a bien été enregistrée" in page.get_text()
    second = Wizard(client)  # the same browser starts a new request
    assert second.token != first_draft
    second.submit(number="MSS-2023-0003", siret="44306184100047")
    page = html(client.get("/enrolement/confirmation"))
    assert f"n° ENR-{year}-000002 a bien été enregistrée" in page.get_text()
    with database(demo):
        assert [e.number for e in Enrolment.select().order_by(Enrolment.id)] == [
            f"ENR-{year}-000001", f"ENR-{year}-000002"]


def test_full_submission_by_the_legal_representative(client, demo, mailbox):
    wizard = Wizard(client)
    token = wizard.token
    wizard.reach(5)
    response = wizard.step5(htmx=True)
    assert response.status_code == 204
    assert response.headers["HX-Redirect"] == "/enrolement/confirmation"
    assert not client.get_cookie(COOKIE)  # the draft is done

    page = html(client.get("/enrolement/confirmation"))
    with database(demo):
        enrolment = Enrolment.get()
        number = enrolment.number
        assert enrolment.status_label == "En cours"
        assert enrolment.kind_label == "Enrôlement initial"
        assert (enrolment.ans_number, enrolment.software_name) == ("MSS-2023-0001", "MediMail Pro")
        assert (enrolment.siret, enrolment.denomination) == ("73282932000074", "MEDIMAIL SOLUTIONS")
        assert (enrolment.street, enrolment.postcode, enrolment.commune) == ("12 RUE DE LA PAIX", "75002", "PARIS")
        assert not enrolment.is_buyer and enrolment.is_legal_representative
        assert enrolment.rep_phone == "01 23 45 67 89"
        assert enrolment.iban == "FR76 3000 6000 0112 3456 7890 189"
        assert enrolment.bank_name == "CREDIT AGRICOLE SA"
        assert enrolment.vat_rate == "20"
        assert enrolment.holder_email == "claire.martin@medimail.fr"
        kinds = sorted(d.kind for d in enrolment.documents)
        assert kinds == ["operator_contract", "referencing_certificate", "representative_id", "rib"]
        assert all(os.path.exists(storage.path_of(d)) for d in enrolment.documents)
        [event] = enrolment.events
        assert event.to_status == "in_progress" and event.actor == "Demandeur"
        assert EnrolmentDraft.get_or_none(EnrolmentDraft.token == token) is None

    assert "Elle est au statut « En cours »" in page.get_text()
    assert "Un courriel d'accusé de réception a été envoyé à claire.martin@medimail.fr." in page.get_text()
    [mail] = mailbox.to("claire.martin@medimail.fr")
    assert len(mailbox.messages) == 1
    assert mail["Subject"] == f"Accusé de réception de votre demande d'enrôlement n° {number}"
    body = mailbox.text(mail)
    assert f"n° {number} déposée le" in body
    assert "Fournisseur : MEDIMAIL SOLUTIONS (SIRET 73282932000074)." in body
    assert "Votre demande est au statut « En cours »" in body
    assert "anticipé" not in body

    # back to the wizard: a new, empty request
    assert client.get(START).headers["Location"].endswith(step_url(1))


def test_full_submission_by_a_third_party_mails_the_filer(client, demo, mailbox):
    wizard = Wizard(client)
    wizard.submit(siret="55208131766522", third_party=True, buyer=True)
    with database(demo):
        enrolment = Enrolment.get()
        assert enrolment.status_label == "En cours"
        assert not enrolment.is_legal_representative and enrolment.is_buyer
        assert enrolment.holder_email == "paul.durand@cabinet-durand.fr"
        assert enrolment.rep_email == "claire.martin@medimail.fr"
        assert (enrolment.filer_last_name, enrolment.filer_quality) == ("Durand", "accounting")
        kinds = sorted(d.kind for d in enrolment.documents)
        assert kinds == ["filer_id", "operator_contract", "purchase_order", "referencing_certificate",
                         "representative_id", "rib", "service_contract"]
        number = enrolment.number
    [mail] = mailbox.to("paul.durand@cabinet-durand.fr")
    assert mail["Subject"] == f"Accusé de réception de votre demande d'enrôlement n° {number}"
    assert "Fournisseur : SANTELIEN SAS (SIRET 55208131766522)." in mailbox.text(mail)
    assert mailbox.to("claire.martin@medimail.fr") == []
    page = html(client.get("/enrolement/confirmation"))
    assert "envoyé à paul.durand@cabinet-durand.fr" in page.get_text()


def test_anticipated_submission_says_so(client, demo, mailbox):
    Wizard(client).submit(number="MSS-2023-0003", siret="44306184100047")
    with database(demo):
        enrolment = Enrolment.get()
        assert enrolment.anticipated and enrolment.kind_label == "Enrôlement initial (anticipé)"
        assert [d.kind for d in enrolment.documents.order_by(Document.kind)] == ["representative_id", "rib"]
    [mail] = mailbox.to("claire.martin@medimail.fr")
    assert "demande d'enrôlement anticipé n° " in mailbox.text(mail)
    assert "vous devrez déposer votre certificat de référencement" in mailbox.text(mail)


def test_documents_no_longer_asked_are_not_attached(client, demo, mailbox):
    wizard = Wizard(client)
    wizard.reach(4)
    assert upload(wizard, "vat_exemption", fixture_file("document.pdf", "attestation-tva.pdf")).status_code == 200
    with database(demo):
        path = storage.path_of(Document.get(Document.kind == "vat_exemption"))
    assert os.path.exists(path)
    assert wizard.step4(vat_rate="20").status_code == 303  # finally not exempt
    assert wizard.step5().status_code == 303
    with database(demo):
        enrolment = Enrolment.get()
        assert "vat_exemption" not in [d.kind for d in enrolment.documents]
        assert Document.select().where(Document.kind == "vat_exemption").count() == 0
    assert not os.path.exists(path)


def test_submission_with_an_incomplete_step_goes_back_to_it(wizard, app):
    wizard.reach(5)
    with database(app):  # the RIB disappeared (e.g. removed by another tab)
        for document in Document.select().where(Document.kind == "rib"):
            storage.delete(document)
    response = wizard.step5()
    assert response.status_code == 303
    assert response.headers["Location"].endswith(step_url(3))
    with database(app):
        assert Enrolment.select().count() == 0


def test_confirmation_without_submission_goes_to_the_wizard(client, demo):
    response = client.get("/enrolement/confirmation")
    assert response.status_code == 303 and response.headers["Location"].endswith(START)




# The SIRET of step 2 is the one « Rechercher » found ------------------------------------------

def test_siret_changed_after_the_search_must_be_searched_again(wizard, app):
    wizard.reach(3)
    # back on step 2, the applicant types another company's SIRET and goes on without searching
    data = {**form_data(wizard.page(2)), "siret": "55208131766522",
            "doc_purchase_order": fixture_file("document.pdf", "bon-de-commande.pdf")}
    response = wizard.post(step_url(2), data, htmx=True)
    assert response.status_code == 422
    page = html(response)
    assert error(page, "siret") == ("Cliquez sur « Rechercher » pour retrouver votre entreprise à "
                                    "partir du numéro SIRET.")
    assert value(page, "siret") == "55208131766522"
    with database(app):
        assert EnrolmentDraft.get(EnrolmentDraft.token == wizard.token).values["siret"] == "73282932000074"
    # the search is offered again; once searched, the new company is the applicant, with its own
    # name and address
    data = {**form_data(page), "captcha_answer": CAPTCHA}
    response = wizard.post(f"{START}/etape/2/rechercher", data, htmx=True)
    assert response.status_code == 200
    page = html(response)
    assert value(page, "denomination") == "SANTELIEN SAS"
    data = {**form_data(page), "trade_name": "SantéLien",
            "doc_purchase_order": fixture_file("document.pdf", "bon-de-commande.pdf")}
    assert wizard.post(step_url(2), data).status_code == 303
    assert wizard.step3().status_code == 303 and wizard.step4().status_code == 303
    applicant = wizard.page(5).find(id="recap-2").parent.get_text(" ", strip=True)
    assert "55208131766522" in applicant and "SANTELIEN SAS" in applicant
    assert "4 AVENUE JEAN JAURES" in applicant
    assert "MEDIMAIL SOLUTIONS" not in applicant and "12 RUE DE LA PAIX" not in applicant


def test_searched_siret_retyped_with_spaces_is_the_same_company(wizard, demo):
    wizard.step1()
    response = wizard.search_company("73282932000074")
    data = {**form_data(html(response)), "siret": "732 829 320 00074", "trade_name": "MediMail",
            "street_type": "Rue", "is_distributor": "non", "is_legal_rep": "oui", **REP,
            "doc_representative_id": fixture_file("piece-identite.png")}
    response = wizard.post(step_url(2), data)
    # the developer's own SIRET, only spaced: no purchase order asked
    assert response.status_code == 303, html(response).select(".fr-message--error")
    assert wizard.step3().status_code == 303 and wizard.step4().status_code == 303
    assert wizard.step5().status_code == 303
    with database(demo):
        enrolment = Enrolment.get()
        assert enrolment.siret == "73282932000074" and not enrolment.is_buyer
