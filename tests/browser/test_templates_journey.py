"""Document templates (guide 003 §5.3): an operator imports a wrong file (answered at once, the
answer focused), then a readable PDF, validates the import; a manager rejects it with a comment
(required); the operator sends a new one, deletes a stray import after a confirmation; the
manager accepts the new one; the balance form then says so. axe-core on every state; the
screens with their tables filled no wider than the viewport, from 320 px."""
from playwright.sync_api import expect

from portal import formatting
from portal.models import Account
from tests.helpers.accounts import signed_in
from tests.helpers.browser import assert_accessible, manager_signs_in, menu
from tests.helpers.enrolment import database
from tests.helpers.funding import COUNTS, send
from tests.helpers.operator_steps import operator_signs_in
from tests.helpers.templates import pdf
from tests.helpers.widths import problems
from tests.helpers.wizard_steps import TEXT

GUIDE = "Guide PDF Editeur et Client final de connexion à l'API"


def import_file(page, kind, path):
    page.get_by_label("Type de document").select_option(kind)
    page.get_by_label("Fichier à importer").set_input_files(str(path))
    page.get_by_role("button", name="Importer", exact=True).click()


def decide(staff_page, name, action, comment=""):
    menu(staff_page, "Instruction", "Modèles de pièces justificatives")
    expect(staff_page.get_by_role("heading", name="Modèles de pièces justificatives", level=1)).to_be_visible()
    assert_accessible(staff_page)
    staff_page.get_by_role("link", name=f"Instruire le modèle {name}").click()
    expect(staff_page.get_by_role("link", name="Ouvrir le document dans le navigateur")).to_be_visible()
    staff_page.locator("label").get_by_text(action, exact=True).click()
    staff_page.get_by_label("Commentaire (obligatoire pour un rejet)").fill(comment)
    staff_page.get_by_role("button", name="Enregistrer la décision").click()


def test_a_template_rejected_then_a_new_one_accepted(app, demo, page, staff_page, live_server,
                                                     mailbox, tmp_path):
    operator_signs_in(app, page, live_server, validated=True)
    menu(page, "Demandes financement", "Importer mes modèles de pièces justificatives")
    expect(page.get_by_role("heading", name="Importer mes modèles de pièces justificatives", level=1)).to_be_visible()
    assert_accessible(page)

    fake = tmp_path / "guide.pdf"
    fake.write_bytes(b"Ceci n'est pas un PDF.")
    import_file(page, "api_guide", fake)
    answer = page.get_by_role("heading", name="Le fichier doit être modifié")
    expect(answer).to_be_focused()
    expect(page.locator("#file-messages")).to_contain_text("ne correspond pas à son extension")
    assert_accessible(page)

    guide = tmp_path / "guide.pdf"
    guide.write_bytes(pdf(2))
    import_file(page, "api_guide", guide)
    answer = page.get_by_role("heading", name="Le fichier « guide.pdf » est accepté")
    expect(answer).to_be_focused()
    expect(page.locator(".fr-alert--success")).to_contain_text("PDF, 2 pages")
    expect(page.locator("#imports-non-valides tbody tr")).to_have_count(1)
    assert_accessible(page)
    page.locator(".fr-alert--success").get_by_role("button", name="Valider l'import").click()
    expect(page.locator("#messages")).to_contain_text("« En attente d'instruction »")
    expect(page.locator("#historique-modeles tbody tr")).to_contain_text("En attente d'instruction")
    assert_accessible(page)

    manager_signs_in(app, staff_page, live_server)
    decide(staff_page, "guide.pdf", "Rejeter")
    expect(staff_page.get_by_label("Commentaire (obligatoire pour un rejet)")).to_be_focused()
    expect(staff_page.locator("#comment-messages")).to_contain_text("Indiquez pourquoi")
    assert_accessible(staff_page)
    staff_page.get_by_label("Commentaire (obligatoire pour un rejet)").fill(
        "Le guide doit indiquer l'adresse de l'API.")
    staff_page.get_by_role("button", name="Enregistrer la décision").click()
    expect(staff_page.locator("#messages")).to_contain_text("« Rejeté »")
    assert_accessible(staff_page)

    page.reload()
    row = page.locator("#historique-modeles tbody tr").first
    expect(row).to_contain_text("Rejeté")
    expect(row).to_contain_text("Le guide doit indiquer l'adresse de l'API.")
    stray = tmp_path / "preuve.txt"
    stray.write_bytes(TEXT.read_bytes())
    import_file(page, "api_proof", stray)
    expect(page.get_by_role("heading", name="Le fichier « preuve.txt » est accepté")).to_be_focused()
    page.get_by_role("link", name="Supprimer l'import de preuve.txt").click()
    expect(page.get_by_role("heading", name="Supprimer l'import « preuve.txt »", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Supprimer cet import").click()
    expect(page.locator("#messages")).to_contain_text("L'import « preuve.txt » est supprimé.")
    new = tmp_path / "guide-v2.pdf"
    new.write_bytes(pdf(3))
    import_file(page, "api_guide", new)
    expect(page.get_by_role("heading", name="Le fichier « guide-v2.pdf » est accepté")).to_be_focused()
    page.get_by_role("button", name="Valider l'import de guide-v2.pdf").first.click()
    expect(page.locator("#messages")).to_contain_text("« En attente d'instruction »")

    decide(staff_page, "guide-v2.pdf", "Accepter")
    expect(staff_page.locator("#messages")).to_contain_text("« Accepté »")
    assert_accessible(staff_page)
    found = problems(staff_page, staff_page.url)  # the review page, decided, at every width
    page.reload()
    expect(page.locator("#historique-modeles tbody tr").first).to_contain_text("Accepté")
    assert_accessible(page)
    import_file(page, "api_guide", new)  # both tables filled, at every width
    expect(page.locator("#imports-non-valides tbody tr")).to_have_count(1)
    found += problems(page, page.url)
    menu(staff_page, "Instruction", "Modèles de pièces justificatives")
    found += problems(staff_page, staff_page.url)
    assert not found, "\n".join(found)
    page.set_viewport_size({"width": 1280, "height": 900})

    with database(app):
        operator = Account.get(Account.email == "claire.martin@medimail.fr")
    assert send(signed_in(app.test_client(), operator), **COUNTS).status_code == 303
    menu(page, "Demandes financement", "Ma demande de financement")
    page.get_by_role("tab", name="2- Ma demande de solde").click()
    zone = page.locator("#upload-api_guide")
    expect(zone).to_contain_text(
        f"Un modèle de ce type a été accepté par l'ASP le {formatting.date(formatting.today())}.")
    expect(page.locator("#upload-api_proof")).not_to_contain_text("Un modèle de ce type")
    assert_accessible(page)
