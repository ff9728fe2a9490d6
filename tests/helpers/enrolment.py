"""Drive the enrolment wizard through the test client as a browser without JavaScript would:
read the form from the page, change what the user types, post it with its files."""
import re
import io
from contextlib import contextmanager
from pathlib import Path

from portal.extensions import db
from tests.helpers.constants import CAPTCHA
from tests.helpers.pages import html

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
START = "/enrolement"
COOKIE = "brouillon_enrolement"
HTMX = {"HX-Request": "true"}

REP = {"rep_last_name": "Martin", "rep_first_name": "Claire",
       "rep_email": "claire.martin@medimail.fr", "rep_email_confirm": "claire.martin@medimail.fr",
       "rep_phone": "01 23 45 67 89"}
FILER = {"filer_last_name": "Durand", "filer_first_name": "Paul",
         "filer_email": "paul.durand@cabinet-durand.fr",
         "filer_email_confirm": "paul.durand@cabinet-durand.fr", "filer_phone": "06 12 34 56 78",
         "filer_quality": "accounting"}
BANK = {"iban": "FR76 3000 6000 0112 3456 7890 189", "bic": "AGRIFRPP",
        "account_holder": "MEDIMAIL SOLUTIONS"}


@contextmanager
def database(app):
    """Read or change the database between requests (the connection closed afterwards, as a
    request would find it)."""
    with app.app_context(), db.database.connection_context():
        yield


def step_url(step: int) -> str:
    return f"{START}/etape/{step}"


def fixture_file(name: str, as_name: str | None = None):
    """A file of tests/fixtures as the test client uploads it."""
    return io.BytesIO((FIXTURES / name).read_bytes()), as_name or name


def form_data(page, action: str | None = None) -> dict:
    """What a browser would send for the page's form (the wizard's, unless `action` says)."""
    forms = page.find_all("form")
    if action:
        form = next(f for f in forms if f.get("action") == action)
    else:
        form = next(f for f in forms if "/etape/" in (f.get("action") or ""))
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name:
            continue
        if field.name == "select":
            chosen = field.find("option", selected=True)
            data[name] = chosen.get("value", "") if chosen else ""
        elif field.name == "textarea":
            data[name] = field.get_text()
        elif field.get("type") in ("radio", "checkbox"):
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif field.get("type") != "file":
            data[name] = field.get("value", "")
    return data


def message(page, field_id: str) -> str:
    """The message shown beside a field (empty when none)."""
    group = page.find(id=f"{field_id}-messages")
    assert group is not None, f"no message area for {field_id}"
    return group.get_text(" ", strip=True)


def error(page, field_id: str) -> str:
    group = page.find(id=f"{field_id}-messages")
    assert group is not None, f"no message area for {field_id}"
    found = group.select_one(".fr-message--error")
    # Its text as read (a link inside keeps the spaces around it; no-break spaces stay).
    return re.sub(r"[ \t\n]+", " ", found.get_text()).strip() if found else ""


def value(page, field_id: str) -> str:
    return page.find(id=field_id).get("value", "")


def checked(page, name: str) -> str | None:
    box = page.find("input", attrs={"name": name, "checked": True})
    return box.get("value") if box else None


class Wizard:
    """One applicant's browser going through the wizard."""

    def __init__(self, client):
        self.client = client
        response = client.get(START)
        assert response.status_code == 303

    @property
    def token(self) -> str:
        return self.client.get_cookie(COOKIE).value

    def open(self, step: int, htmx: bool = False):
        return self.client.get(step_url(step), headers=HTMX if htmx else {})

    def page(self, step: int):
        response = self.open(step)
        assert response.status_code == 200, response.status_code
        return html(response)

    def post(self, url: str, data: dict, htmx: bool = False):
        headers = dict(HTMX) if htmx else {}
        if htmx and "csrf_token" in data:
            headers["X-CSRFToken"] = data["csrf_token"]
        return self.client.post(url, data=data, headers=headers, content_type="multipart/form-data")

    def search_referencing(self, number: str):
        data = {**form_data(self.page(1)), "ans_number": number}
        return self.post(f"{START}/etape/1/rechercher", data)

    def search_company(self, siret: str, answer: str = CAPTCHA, htmx: bool = False):
        data = {**form_data(self.page(2)), "siret": siret, "captcha_answer": answer}
        return self.post(f"{START}/etape/2/rechercher", data, htmx)

    # Steps filled with valid answers; `changes` replaces what is typed, `files` what is sent.
    def step1(self, number: str = "MSS-2023-0001", files=None, htmx=False, **changes):
        response = self.search_referencing(number)
        assert response.status_code == 200, response.status_code
        if files is None:
            files = {"doc_referencing_certificate": fixture_file("document.pdf", "certificat.pdf"),
                     "doc_operator_contract": fixture_file("document.pdf", "contrat.pdf")}
            if number.startswith("MSS-2023-0003"):  # anticipated: no document
                files = {}
        data = {**form_data(html(response)), **changes, **files}
        return self.post(step_url(1), data, htmx)

    def step2(self, siret: str = "73282932000074", third_party: bool = False, buyer: bool = False,
              files=None, htmx=False, **changes):
        response = self.search_company(siret)
        assert response.status_code == 200, response.status_code
        data = {**form_data(html(response)), "trade_name": "MediMail", "street_type": "Rue",
                "is_distributor": "non", "is_legal_rep": "non" if third_party else "oui", **REP}
        if third_party:
            data.update(FILER)
        data.update(changes)
        if files is None:
            files = {"doc_representative_id": fixture_file("piece-identite.png")}
            if third_party:
                files["doc_filer_id"] = fixture_file("piece-identite.png", "identite-depositaire.png")
                files["doc_service_contract"] = fixture_file("document.pdf", "contrat-prestation.pdf")
            if buyer:
                files["doc_purchase_order"] = fixture_file("document.pdf", "bon-de-commande.pdf")
        data.update(files)
        return self.post(step_url(2), data, htmx)

    def step3(self, files=None, htmx=False, **changes):
        if files is None:
            files = {"doc_rib": fixture_file("rib.jpg")}
        data = {**form_data(self.page(3)), **BANK, **changes, **files}
        return self.post(step_url(3), data, htmx)

    def step4(self, htmx=False, **changes):
        data = {**form_data(self.page(4)), "vat_rate": "20", **changes}
        return self.post(step_url(4), data, htmx)

    def step5(self, htmx=False, **changes):
        data = {**form_data(self.page(5)), "accept_cgu": "y", "accept_penal": "y",
                "accept_truth": "y", "captcha_answer": CAPTCHA, **changes}
        return self.post(step_url(5), data, htmx)

    def reach(self, step: int, **options):
        """Fill the steps before `step` with valid answers."""
        fillers = {1: lambda: self.step1(options.get("number", "MSS-2023-0001")),
                   2: lambda: self.step2(options.get("siret", "73282932000074"),
                                         options.get("third_party", False),
                                         options.get("buyer", False)),
                   3: self.step3, 4: self.step4}
        for current in range(1, step):
            response = fillers[current]()
            assert response.status_code == 303, (current, response.status_code,
                                                  _errors(response))
            assert response.headers["Location"].endswith(step_url(current + 1))

    def submit(self, **options):
        self.reach(5, **options)
        response = self.step5()
        assert response.status_code == 303, _errors(response)
        return response


def _errors(response) -> list[str]:
    return [m.get_text(strip=True) for m in html(response).select(".fr-message--error")]
