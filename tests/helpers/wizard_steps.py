"""Steps of the enrolment wizard as a person does them, shared by the journeys."""
import re
from pathlib import Path

from playwright.sync_api import expect

from tests.helpers.browser import assert_accessible
from tests.helpers.constants import CAPTCHA

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PDF = FIXTURES / "document.pdf"
PNG = FIXTURES / "piece-identite.png"
JPG = FIXTURES / "rib.jpg"
FAKE_PDF = FIXTURES / "faux.pdf"
TEXT = FIXTURES / "notes.txt"


def file_input(page, label):
    return page.locator("input[type=file]").and_(page.get_by_label(label))


def settled(page):
    """Wait for htmx to finish swapping, as a person would before the next gesture."""
    expect(page.locator(".htmx-request, .htmx-swapping, .htmx-settling, .htmx-added")).to_have_count(0)


def _send_file(page, label, path):
    """Choose the file; its zone's live region is marked first, to check that it is the same
    element after the answer (a region put in anew is not announced by screen readers)."""
    settled(page)
    group = page.locator(".fr-upload-group", has=file_input(page, label))
    region = group.locator(".fr-messages-group")
    region.evaluate("region => region.dataset.kept = 'oui'")
    file_input(page, label).set_input_files(str(path))
    return group, region


def upload(page, label, path, expect_name=None):
    group, region = _send_file(page, label, path)
    expect(group.get_by_text("Fichier déposé : " + (expect_name or Path(path).name))).to_be_visible()
    expect(region).to_have_attribute("data-kept", "oui")


def upload_refused(page, label, path, message):
    group, region = _send_file(page, label, path)
    expect(group.locator(".fr-message--error")).to_contain_text(message)
    expect(region).to_have_attribute("data-kept", "oui")


def choose(page, question, option):
    """Click the label of a radio button, as a person does (DSFR draws the button on the label)."""
    group = page.get_by_role("group", name=question)
    group.locator("label").get_by_text(option, exact=True).click()
    expect(group.get_by_label(option, exact=True)).to_be_checked()


def tick(page, label_start):
    page.locator("label").filter(has_text=label_start).click()


def next_step(page, title):
    page.get_by_role("button", name="Etape suivante").click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    assert_accessible(page)


def start(page, base_url):
    page.goto(base_url + "/")
    page.get_by_role("link", name="Effectuer ma demande d'enrôlement").click()
    expect(page.get_by_role("heading", name="Référencement")).to_be_visible()
    assert_accessible(page)


def referencing(page, number, software):
    page.get_by_label("Numéro unique de référencement ANS").fill(number)
    page.get_by_role("button", name="Rechercher").click()
    expect(page.get_by_text(software)).to_be_visible()


def search_company(page, siret, answer=CAPTCHA):
    """« Rechercher », and its answer awaited, as a person reads it before going on."""
    page.get_by_label("Numéro SIRET").fill(siret)
    page.get_by_label("Code de sécurité").fill(answer)
    page.get_by_role("button", name="Rechercher").click()
    settled(page)


def to_the_company(page, base_url):
    """The shortest way to step 2 (a developer), its company found."""
    start(page, base_url)
    referencing(page, "MSS-2023-0001", "MediMail Pro")
    upload(page, "Certificat de référencement", PDF)
    upload(page, "Contrat opérateur V2", PDF)
    next_step(page, "Demandeur")
    search_company(page, "732 829 320 00074")
    expect(page.get_by_label("Dénomination sociale")).to_have_value("MEDIMAIL SOLUTIONS")


def person(page, role, last, first, email, phone, id_file=PNG):
    page.get_by_label(f"Nom du {role}", exact=True).fill(last)
    page.get_by_label(f"Prénom du {role}").fill(first)
    page.get_by_label(re.compile(f"^Email du {role}")).fill(email)
    page.get_by_label(f"Confirmation email du {role}").fill(email)
    page.get_by_label(f"Téléphone du {role}").fill(phone)
    upload(page, f"Pièce d'identité (CNI, Passeport, Titre de séjour) du {role}", id_file)


def bank(page, iban, bic, holder):
    page.get_by_label("IBAN").fill(iban)
    page.get_by_label("BIC").fill(bic)
    page.get_by_label("Titulaire").click()


def finish(page):
    tick(page, "J'ai lu et j'accepte")
    tick(page, "J'ai pris connaissance de l'article 441-7")
    tick(page, "J'atteste l'authenticité")
    page.get_by_label("Code de sécurité").fill(CAPTCHA)
    page.get_by_role("button", name="Terminer").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    number = dialog.get_by_role("heading").inner_text().split("n° ")[1].strip()
    assert_accessible(page)
    return number
