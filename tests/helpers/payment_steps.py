"""A manager's payment batch in the browser: the selection, the batch created, the bank's
execution recorded; axe-core on each page and state."""
from playwright.sync_api import expect

from tests.helpers.browser import assert_accessible, menu


def tick(page, number):
    """Tick « Mettre en paiement » of the request `number` (its label, as a person clicks it)."""
    label = page.locator("label", has_text=f"Mettre en paiement la demande {number}")
    label.click()
    expect(page.get_by_label(f"Mettre en paiement la demande {number}")).to_be_checked()


def put_in_payment(page, numbers):
    """« Paiements » > « Mettre en paiement »: the requests `numbers` ticked, the batch created;
    the batch's page shown."""
    menu(page, "Paiements", "Mettre en paiement")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mettre en paiement")
    for number in numbers:
        tick(page, number)
    page.get_by_role("button", name="Créer le lot de paiement").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lot de paiement n°")
    expect(page.locator("#messages")).to_contain_text("est créé")
    assert_accessible(page)


def record_execution(page, day):
    """The whole batch executed by the bank on `day` (AAAA-MM-JJ)."""
    page.get_by_label("Date d'exécution par la banque").fill(day)
    page.get_by_role("button", name="Enregistrer l'exécution de tout le lot").click()
    expect(page.locator("#messages")).to_contain_text("L'exécution est enregistrée")
    expect(page.locator("main .fr-badge").first).to_have_text("Exécuté")
    assert_accessible(page)
