"""A manager selects three enrolments in the queue and asks each the same document: one action
refused first (no document ticked), then the summary, dossier by dossier; each enrolment now
awaits its documents, its history saying so. axe-core on every state."""
from playwright.sync_api import expect

from portal.models import Enrolment, EnrolmentEvent
from portal.models.enrolment import AWAITING_DOCUMENTS
from tests.helpers.browser import assert_accessible, manager_signs_in
from tests.helpers.enrolment import database
from tests.helpers.instruction import file_enrolment


def tick(page, box):
    """Tick a DSFR checkbox or radio where a person does: on the box its label draws over the
    input (a row's label has no words on screen, hence `force`)."""
    box.click(force=True)
    expect(box).to_be_checked()


def test_a_manager_asks_three_enrolments_the_same_document(app, demo, page, live_server, mailbox):
    numbers = [file_enrolment(app) for _ in range(4)]
    manager_signs_in(app, page, live_server)
    rows = page.locator("#table-enrolements tbody tr")
    expect(rows).to_have_count(4)
    for number in numbers[:3]:
        tick(page, page.get_by_label(f"Sélectionner la demande {number}"))
    # a box ticked does not reload the results (it belongs to the grouped actions' form)
    expect(page.get_by_label(f"Sélectionner la demande {numbers[0]}")).to_be_checked()
    bulk = page.locator("#lot")
    tick(page, bulk.get_by_role("radio", name="Demander les mêmes pièces"))
    bulk.get_by_label("Message à l'opérateur").fill("Merci de joindre un RIB lisible.")
    bulk.get_by_role("button", name="Appliquer aux demandes sélectionnées").click()
    expect(page.locator("#lot-kinds-messages")).to_contain_text("Cochez au moins une pièce")
    expect(page.locator("#lot")).to_contain_text("Aucune action n'a été faite")
    assert_accessible(page)

    for number in numbers[:3]:
        tick(page, page.get_by_label(f"Sélectionner la demande {number}"))
    bulk = page.locator("#lot")
    expect(bulk.get_by_role("radio", name="Demander les mêmes pièces")).to_be_checked()  # kept
    expect(bulk.get_by_label("Message à l'opérateur")).to_have_value("Merci de joindre un RIB lisible.")
    tick(page, bulk.get_by_role("checkbox", name="RIB", exact=True))
    bulk.get_by_role("button", name="Appliquer aux demandes sélectionnées").click()
    expect(page.get_by_role("heading", name="Résultat de l'action groupée", level=1)).to_be_visible()
    expect(page.locator(".fr-alert")).to_contain_text("3 demandes traitées, 0 refusée")
    summary = page.locator("#resultat-lot tbody tr")
    expect(summary).to_have_count(3)
    for number in numbers[:3]:
        expect(summary.filter(has_text=number)).to_contain_text("Fait")
    assert_accessible(page)
    with database(app):
        for number in numbers:
            enrolment = Enrolment.get(Enrolment.number == number)
            asked = EnrolmentEvent.select().where(EnrolmentEvent.enrolment == enrolment,
                                                  EnrolmentEvent.to_status == AWAITING_DOCUMENTS)
            assert asked.count() == (1 if number in numbers[:3] else 0), number
            assert (enrolment.status == AWAITING_DOCUMENTS) == (number in numbers[:3])
    page.get_by_role("link", name="Retour à la liste des demandes").click()
    expect(page.locator("#table-enrolements tbody tr", has_text=numbers[0])).to_contain_text(
        "En attente de pièce(s)")
