"""Issue 14, item 11: a refresh loses nothing typed. In the wizard and in each long form of the
private space a person types (an invalid value too), sees « Brouillon enregistré à … », reloads
the page and finds what was typed, with the parts its answers open; axe on each page."""
import re
from urllib.parse import quote

from playwright.sync_api import expect

from portal.models import Account
from tests.helpers.accounts import signed_in
from tests.helpers.browser import assert_accessible, menu
from tests.helpers.enrolment import database
from tests.helpers.funding import COUNTS, send
from tests.helpers.operator_steps import operator_signs_in
from tests.helpers.wizard_steps import choose, settled, to_the_company

HDS = "Êtes-vous hébergeur de données de santé ?"
SAVED = re.compile(r"^Brouillon enregistré à \d{1,2} h \d{2}$")


def kept(page, last: str):
    """What the request storing `last` (the last thing typed) brings: the line says it's kept."""
    return page.expect_response(lambda r: "/brouillon" in r.url and r.request.method == "POST"
                                and last in (r.request.post_data or "") and r.status == 200)


def saved_line(page):
    line = page.get_by_role("status").filter(has_text="Brouillon enregistré")
    expect(line).to_have_text(SAVED)
    return line


def test_the_wizard_keeps_step_two_across_a_reload(page, live_server, demo):
    to_the_company(page, live_server)
    choose(page, "Êtes-vous distributeur de la solution ?", "Non")
    choose(page, "Êtes-vous le représentant légal du fournisseur ?", "Oui")
    settled(page)  # the parts the answers open, drawn
    with kept(page, "Durandal"):
        page.get_by_label("Nom commercial").fill("MediMail")
        page.get_by_label("Nom du représentant", exact=True).fill("Martin")
        page.get_by_label(re.compile("^Email du représentant")).fill("claire.martin@")  # invalid
        page.get_by_label("Téléphone du représentant").fill("01 23")
        page.get_by_label("Complément d'adresse").fill("Durandal")
    saved_line(page)
    expect(page.locator("#brouillon")).not_to_be_focused()

    page.reload()
    expect(page.get_by_role("heading", name="Demandeur")).to_be_visible()
    expect(page.get_by_label("Nom commercial")).to_have_value("MediMail")
    expect(page.get_by_label("Nom du représentant", exact=True)).to_have_value("Martin")
    expect(page.get_by_label(re.compile("^Email du représentant"))).to_have_value("claire.martin@")
    expect(page.get_by_label("Téléphone du représentant")).to_have_value("01 23")
    expect(page.get_by_label("Complément d'adresse")).to_have_value("Durandal")
    group = page.get_by_role("group", name="Êtes-vous le représentant légal du fournisseur ?")
    expect(group.get_by_label("Oui", exact=True)).to_be_checked()
    expect(page.locator(".fr-message--error")).to_have_count(0)  # checked on « Etape suivante »
    saved_line(page)
    assert_accessible(page)

    page.get_by_role("button", name="Etape suivante").click()  # now it is checked
    expect(page.locator("#rep_email-messages .fr-message--error")).to_be_visible()


def typed_then_reloaded(page, fields):
    """Type `fields` (locator → value), wait for the request keeping the last one and the line
    saying so; reload the page: each field shows its value again, the line too; axe."""
    with kept(page, quote(list(fields.values())[-1], safe="")):
        for field, value in fields.items():
            field.fill(value)
    saved_line(page)
    page.reload()
    for field, value in fields.items():
        expect(field).to_have_value(value)
    saved_line(page)
    assert_accessible(page)


def test_persons_then_bank_details_kept_across_a_reload(app, demo, page, live_server):
    operator_signs_in(app, page, live_server)
    menu(page, "Mon compte", "Gérer mes coordonnées personnes physiques")
    typed_then_reloaded(page, {page.get_by_label("Téléphone du représentant"): "01 98 76"})
    page.goto(live_server + "/mon-compte/coordonnees-bancaires/ajout")
    typed_then_reloaded(page, {page.get_by_label("IBAN"): "FR76 1027",
                               page.get_by_label("Titulaire"): "MEDIMAIL BIS"})


def test_balance_and_complementary_kept_across_a_reload(app, demo, page, live_server):
    operator_signs_in(app, page, live_server, validated=True)
    with database(app):
        operator = Account.get(Account.email == "claire.martin@medimail.fr")
    assert send(signed_in(app.test_client(), operator), **COUNTS).status_code == 303  # advance decided
    page.goto(live_server + "/espace/financement/demande?onglet=solde")
    solde = page.locator("#solde")
    typed_then_reloaded(page, {solde.get_by_label("Nom du contact support de l'opérateur"): "Support Medi",
                               solde.get_by_label("Adresse mail du contact support de l'opérateur"): "support@"})

    menu(page, "Enrôlement", "Faire une demande complémentaire")
    page.get_by_label("Numéro unique de référencement ANS").fill("DPI-2023-0101")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.get_by_role("heading", name="Référencement DPI-2023-0101")).to_be_visible()
    with kept(page, "hds_host=oui"):
        choose(page, HDS, "Oui")
    saved_line(page)
    page.reload()
    expect(page.get_by_role("group", name=HDS).get_by_label("Oui", exact=True)).to_be_checked()
    saved_line(page)
    assert_accessible(page)
