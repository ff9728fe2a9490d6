"""Instruction journeys in Chromium: a manager signs in, finds the enrolment in the queue, asks for a
document, validates (fully or partially) or rejects; the operator follows the links of the mails it
receives at the SMTP server, deposits, sets its password and signs in. axe-core on every page."""
import re

from playwright.sync_api import expect

from tests.helpers.auth import received
from tests.helpers.browser import (assert_accessible, decision, manager_signs_in, open_enrolment,
                                   status_is)
from tests.helpers.wizard_steps import (JPG, TEXT, bank, choose, finish, next_step, person,
                                        to_the_company, upload, upload_refused)
from tests.helpers.instruction import ANTICIPATED_MSS, file_enrolment, link_in

HOLDER = "claire.martin@medimail.fr"
CHOSEN = "Ma-Messagerie-Sante-2026!"


def mail_to(mailbox, count, subject_part):
    """The mail to the holder whose subject says `subject_part` (waiting for `count` mails)."""
    found = [m for m in received(mailbox, HOLDER, count) if subject_part in m["Subject"]]
    assert found, [m["Subject"] for m in mailbox.to(HOLDER)]
    return mailbox.text(found[-1]).replace("\r\n", "\n")


def file_in_browser(page, base_url) -> str:
    """The shortest enrolment through the wizard: a developer, filed by its legal representative."""
    to_the_company(page, base_url)
    page.get_by_label("Nom commercial").fill("MediMail")
    page.get_by_label("Type de voie").select_option("Rue")
    choose(page, "Êtes-vous distributeur de la solution ?", "Non")
    choose(page, "Êtes-vous le représentant légal du fournisseur ?", "Oui")
    person(page, "représentant", "Martin", "Claire", HOLDER, "01 23 45 67 89")
    next_step(page, "Coordonnées bancaires")
    bank(page, "FR76 3000 6000 0112 3456 7890 189", "AGRIFRPP", "MEDIMAIL SOLUTIONS")
    expect(page.get_by_label("Domiciliation")).to_have_value("CREDIT AGRICOLE SA")
    page.get_by_label("Titulaire").fill("MEDIMAIL SOLUTIONS")
    upload(page, "RIB", JPG)
    next_step(page, "Taux de TVA")
    choose(page, "Taux de TVA applicable", "20 %")
    next_step(page, "Récapitulatif")
    return finish(page)


def test_documents_asked_deposited_by_link_then_validation_and_first_sign_in(
        app, page, staff_page, live_server, demo, mailbox):
    number = file_in_browser(page, live_server)

    manager_signs_in(app, staff_page, live_server)
    staff_page.get_by_label("Statut").select_option(label="En cours")
    staff_page.get_by_label("Type d'enrôlement").select_option(label="Enrôlement initial")
    staff_page.get_by_role("button", name="Filtrer").click()
    expect(staff_page.get_by_role("status")).to_contain_text("1 demande")
    expect(staff_page).to_have_url(re.compile(r"statut=in_progress"))
    assert_accessible(staff_page)
    open_enrolment(staff_page, number)

    form = decision(staff_page, "Demander des pièces")
    form.locator("label").get_by_text("RIB", exact=True).click()  # DSFR draws the box on the label
    expect(form.get_by_label("RIB", exact=True)).to_be_checked()
    form.get_by_label("Message au demandeur").fill("Le RIB est illisible : merci de le renvoyer.")
    form.get_by_role("button", name="Demander des pièces").click()
    expect(staff_page.locator("#messages")).to_contain_text("La demande de pièces a été envoyée")
    status_is(staff_page, "En attente de pièce(s) jointe(s) complémentaire(s)")

    asked = mail_to(mailbox, 2, "Pièces justificatives à compléter")
    assert "- RIB" in asked and "Le RIB est illisible : merci de le renvoyer." in asked
    deposit_link = live_server + link_in(asked, "/depot/")
    page.goto(deposit_link)
    expect(page.get_by_role("heading", name="Déposer des pièces justificatives")).to_be_visible()
    expect(page.get_by_text("Le RIB est illisible : merci de le renvoyer.")).to_be_visible()
    assert_accessible(page)
    upload_refused(page, "RIB", TEXT, "Le format de ce fichier n'est pas accepté")
    expect(page.locator("#doc_rib-messages")).to_have_attribute("aria-live", "polite")
    assert_accessible(page)
    upload(page, "RIB", JPG)
    page.get_by_role("button", name="Terminer mon dépôt").click()
    page.get_by_role("dialog").get_by_role("button", name="Confirmer").click()
    expect(page.get_by_role("heading", name="Dépôt terminé", level=1)).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("« En cours »")
    assert_accessible(page)
    assert "Nous avons bien reçu les pièces" in mail_to(mailbox, 3, "Pièces justificatives reçues")

    response = page.goto(deposit_link)
    assert response.status == 410
    expect(page.get_by_role("heading", name="Ce lien de dépôt n'est plus valable")).to_be_visible()
    assert_accessible(page)

    staff_page.reload()
    status_is(staff_page, "En cours")
    expect(staff_page.get_by_text("rib.jpg").first).to_be_attached()
    decision(staff_page, "Valider la demande").get_by_role("button", name="Valider la demande").click()
    status_is(staff_page, "Validée")

    assert "« Validée »" in mail_to(mailbox, 6, "Validation de votre demande")
    uid = re.search(r"Votre identifiant : (\S+)", mail_to(mailbox, 6, "identifiant")).group(1)
    page.goto(live_server + link_in(mail_to(mailbox, 6, "mot de passe"), "/mot-de-passe/creation/"))
    expect(page.get_by_role("heading", name="Choisir votre mot de passe", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Nouveau mot de passe", exact=True).fill(CHOSEN)
    page.get_by_label("Confirmation du nouveau mot de passe", exact=True).fill(CHOSEN)
    page.get_by_role("button", name="Enregistrer mon mot de passe").click()

    page.wait_for_url("**/connexion")
    page.get_by_label("Identifiant").fill(uid)
    page.get_by_label("Mot de passe", exact=True).fill(CHOSEN)
    page.get_by_role("button", name="Valider").click()
    page.wait_for_url("**/question-secrete")  # the password chosen is kept: no second step
    expect(page.locator("#navigation-principale")).to_have_count(0)
    assert_accessible(page)
    page.get_by_label("Question secrète").select_option(label="Dans quelle ville êtes-vous né(e) ?")
    page.get_by_label(re.compile(r"^Réponse")).fill("Lyon")
    page.get_by_role("button", name="Envoyer").click()

    page.wait_for_url(live_server + "/espace/")
    expect(page.locator("tr[data-statut=validated] td")).to_have_text("1")
    expect(page.locator("tr[data-statut=total] td")).to_have_text("1")
    assert_accessible(page)


def test_anticipated_enrolment_partially_validated(app, page, staff_page, live_server, demo,
                                                    mailbox):
    number = file_enrolment(app, ANTICIPATED_MSS, buyer=True)
    manager_signs_in(app, staff_page, live_server)
    staff_page.get_by_label("Type d'enrôlement").select_option(
        label="Enrôlement anticipé (initial ou complémentaire)")
    expect(staff_page.get_by_role("status")).to_contain_text("1 demande")
    expect(staff_page.locator("#table-enrolements tbody td").nth(8)).to_have_text(
        "Enrôlement initial (anticipé)")
    open_enrolment(staff_page, number)
    form = decision(staff_page, "Validation partielle (enrôlement anticipé)")
    form.get_by_label("Commentaire (facultatif)").fill("En attente du référencement ANS.")
    assert_accessible(staff_page)
    form.get_by_role("button", name="Validation partielle (enrôlement anticipé)").click()
    status_is(staff_page, "Validation partielle : en attente de certificat(s)")
    expect(staff_page.locator("#decisions .fr-accordion__btn")).to_have_text(["Rejeter la demande"])
    assert_accessible(staff_page)

    text = mail_to(mailbox, 4, "Validation partielle")
    assert "- Certificat de référencement" in text
    uid = re.search(r"Votre identifiant : (\S+)", mail_to(mailbox, 4, "identifiant")).group(1)
    page.goto(live_server + link_in(mail_to(mailbox, 4, "mot de passe"), "/mot-de-passe/creation/"))
    page.get_by_label("Nouveau mot de passe", exact=True).fill(CHOSEN)
    page.get_by_label("Confirmation du nouveau mot de passe", exact=True).fill(CHOSEN)
    page.get_by_role("button", name="Enregistrer mon mot de passe").click()
    page.wait_for_url("**/connexion")
    page.get_by_label("Identifiant").fill(uid)
    page.get_by_label("Mot de passe", exact=True).fill(CHOSEN)
    page.get_by_role("button", name="Valider").click()
    page.wait_for_url("**/question-secrete")
    expect(page.get_by_role("heading", name="Question secrète", level=1)).to_be_visible()


def test_a_rejection_needs_its_reason(app, page, staff_page, live_server, demo, mailbox):
    number = file_enrolment(app)
    manager_signs_in(app, staff_page, live_server)
    open_enrolment(staff_page, number)
    form = decision(staff_page, "Rejeter la demande")
    reason = form.get_by_label("Motif du rejet")
    reason.fill("   ")
    form.get_by_role("button", name="Rejeter la demande").click()
    message = staff_page.locator("#rejeter-comment-messages")
    expect(message).to_contain_text("Indiquez le motif")
    expect(message).to_have_attribute("aria-live", "polite")
    reason = staff_page.locator("#rejeter-comment")
    expect(reason).to_have_attribute("aria-invalid", "true")
    expect(reason).to_be_focused()
    status_is(staff_page, "En cours")
    assert_accessible(staff_page)

    staff_page.keyboard.type("Doublon de la demande précédente.")
    staff_page.keyboard.press("Tab")
    expect(staff_page.get_by_role("button", name="Rejeter la demande", exact=True).last).to_be_focused()
    staff_page.keyboard.press("Enter")
    status_is(staff_page, "Rejetée")
    last = staff_page.locator("#historique tbody tr").last
    expect(last).to_contain_text("Doublon de la demande précédente.")
    text = mail_to(mailbox, 2, "Rejet de votre demande")
    assert "Doublon de la demande précédente." in text
    assert_accessible(staff_page)
