"""An operator creates an API token (a name forgotten first), reads it once, revokes it after the
confirmation; axe on every state."""
from playwright.sync_api import expect

from tests.helpers.browser import assert_accessible, menu
from tests.helpers.operator_steps import operator_signs_in


def test_create_read_once_and_revoke_a_token(app, demo, page, live_server, mailbox):
    operator_signs_in(app, page, live_server)
    menu(page, "Mon compte", "Gérer mes jetons d'API")
    expect(page.get_by_role("heading", name="Gérer mes jetons d'API", level=1)).to_be_visible()
    expect(page.get_by_text("Vous n'avez pas encore de jeton d'API.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Créer un jeton").click()
    expect(page.locator("#name-messages")).to_contain_text("Donnez un nom à ce jeton")
    expect(page.get_by_label("Nom du jeton")).to_be_focused()
    assert_accessible(page)
    page.get_by_label("Nom du jeton").fill("Logiciel de facturation")
    page.get_by_role("button", name="Créer un jeton").click()
    expect(page.get_by_role("heading", name="Votre jeton est créé")).to_be_focused()
    token = page.get_by_label("Votre nouveau jeton").input_value()
    assert token.startswith("psn_")
    row = page.locator("#jetons-api tbody tr")
    expect(row).to_contain_text("Logiciel de facturation")
    expect(row).to_contain_text("Actif")
    assert_accessible(page)
    page.reload()
    expect(page.get_by_label("Votre nouveau jeton")).to_have_count(0)
    page.get_by_role("link", name="Révoquer le jeton Logiciel de facturation").click()
    expect(page.get_by_role("heading", name="Révoquer le jeton « Logiciel de facturation »")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Révoquer ce jeton").click()
    expect(page.locator("#messages")).to_contain_text("est révoqué")
    expect(page.locator("#jetons-api tbody tr")).to_contain_text("Révoqué le")
    assert_accessible(page)
