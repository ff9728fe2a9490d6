"""An accountant files for two companies: each screen of « Mon compte » and « Ma demande de
financement » says which company it is about, the chooser switches it and the choice holds from
one screen to the next; the lists show both companies; axe on every screen, the chooser within
every width."""
import datetime

from playwright.sync_api import expect

from portal.models import Enrolment
from portal.models.enrolment import VALIDATED
from tests.helpers.accounts import PASSWORD
from tests.helpers.auth import ready_account
from tests.helpers.browser import assert_accessible, menu, open_sign_in, sign_in
from tests.helpers.enrolment import database
from tests.helpers.instruction import file_enrolment
from tests.helpers.operator import own_filed, seed
from tests.helpers.widths import problems

LILAS = "CLINIQUE DES LILAS"


def test_switch_company_across_the_private_space(app, demo, page, live_server):
    file_enrolment(app, third_party=True)
    accountant = ready_account(app, email="paul.durand@cabinet-durand.fr", last_name="Durand",
                               first_name="Paul")
    medimail = own_filed(app, accountant)
    seed(app, accountant, 1, prefix="ENR-2026-LILAS", siret="55210055400013", denomination=LILAS,
         rep_last_name="Lefèvre", ans_number="MSS-2023-0002", status=VALIDATED,
         submitted_at=lambda i: datetime.datetime(2030, 1, 1))
    with database(app):
        Enrolment.update(status=VALIDATED).where(Enrolment.id == medimail.id).execute()
    open_sign_in(page, live_server)
    sign_in(page, accountant.uid, PASSWORD)

    recap = page.get_by_role("region", name="Récapitulatif")
    chooser = page.get_by_label("Entreprise affichée")
    menu(page, "Mon compte", "Gérer mes coordonnées bancaires")
    expect(recap).to_contain_text(LILAS)  # the latest company, until another is chosen
    assert_accessible(page)
    assert problems(page, "coordonnées bancaires") == []  # the chooser fits 320 to 1920 px
    page.set_viewport_size({"width": 1280, "height": 900})

    chooser.select_option(label=f"{medimail.denomination} (SIRET {medimail.siret})")
    page.get_by_role("button", name="Afficher").click()
    expect(recap).to_contain_text(medimail.denomination)
    expect(recap).not_to_contain_text(LILAS)
    expect(page.locator("#coordonnees-bancaires")).to_contain_text(medimail.iban)
    assert_accessible(page)

    menu(page, "Mon compte", "Gérer mes coordonnées personnes physiques")
    expect(recap).to_contain_text(medimail.denomination)
    expect(page.get_by_label("Nom du représentant", exact=True)).to_have_value(medimail.rep_last_name)
    assert_accessible(page)

    menu(page, "Demandes financement", "Ma demande de financement")
    expect(recap).to_contain_text(medimail.siret)
    assert_accessible(page)
    chooser.select_option(label=f"{LILAS} (SIRET 55210055400013)")
    page.get_by_role("button", name="Afficher").click()
    expect(recap).to_contain_text("55210055400013")
    expect(chooser).to_have_value("55210055400013")
    assert_accessible(page)

    menu(page, "Mon compte", "Gérer mes coordonnées personnes physiques")
    expect(page.get_by_label("Nom du représentant", exact=True)).to_have_value("Lefèvre")

    menu(page, "Enrôlement", "Gérer mes demandes d'enrôlement")
    expect(page.get_by_text("toutes les entreprises de votre compte")).to_be_visible()
    expect(page.locator("tbody")).to_contain_text("55210055400013")
    expect(page.locator("tbody")).to_contain_text(medimail.siret)
    assert_accessible(page)
