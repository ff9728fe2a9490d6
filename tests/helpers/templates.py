"""Document templates for the tests: real PDFs (drawn with fpdf2, so that pypdf reads them), an
encrypted one, the operator's import through the page, a manager's decision."""
import io

from fpdf import FPDF
from fpdf.enums import EncryptionMethod

from portal.models import DocumentTemplate
from tests.helpers.enrolment import HTMX, database
from tests.helpers.pages import html

PAGE = "/espace/financement/modeles/"
STAFF = "/gestion/modeles/"


def pdf(pages: int = 1, password: str | None = None) -> bytes:
    document = FPDF()
    if password:
        document.set_encryption(owner_password=password, user_password=password,
                                encryption_method=EncryptionMethod.RC4)
    document.set_font("helvetica")
    for n in range(pages):
        document.add_page()
        document.cell(0, 10, f"Guide de connexion, page {n + 1}")
    return bytes(document.output())


def csrf(client, url=PAGE) -> str:
    return html(client.get(url)).find("input", attrs={"name": "csrf_token"})["value"]


def upload(client, kind="api_guide", content=None, name="guide.pdf", htmx=False):
    """Step 1 of the import, as the page's form sends it."""
    token = csrf(client)
    data = {"csrf_token": token, "kind": kind}
    if content is not None:
        data["file"] = (io.BytesIO(content), name)
    headers = {**HTMX, "X-CSRFToken": token} if htmx else {}
    return client.post(PAGE, data=data, headers=headers, content_type="multipart/form-data")


def latest(app) -> DocumentTemplate:
    with database(app):
        return DocumentTemplate.select().order_by(DocumentTemplate.id.desc()).get()


def post(client, url, **data):
    return client.post(url, data={"csrf_token": csrf(client), **data})


def imported_and_sent(app, client, **options) -> DocumentTemplate:
    """A template imported and validated by the operator: « En attente d'instruction »."""
    assert upload(client, content=pdf(3), **options).status_code == 303
    template = latest(app)
    assert post(client, f"{PAGE}{template.id}/valider").status_code == 303
    return latest(app)


def decide(manager, template, action, comment=""):
    url = f"{STAFF}{template.id}"
    return manager.post(url, data={"csrf_token": csrf(manager, url), "action": action,
                                   "comment": comment})
