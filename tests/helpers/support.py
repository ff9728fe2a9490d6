"""The support form as the tests fill it."""
from tests.helpers.constants import CAPTCHA

URL = "/assistance"
GOOD = {"last_name": "Martin", "first_name": "Claire", "email": "Claire.Martin@medimail.fr",
        "siret": "732 829 320 00074", "enrolment_number": "enr-2026-000012",
        "category": "documents", "captcha_answer": CAPTCHA,
        "message": "Bonjour,\r\n\r\nLe RIB déposé à l'étape 3 est refusé : que faire ?\r\nMerci."}


def form_data(page) -> dict:
    """What a browser sends for the support form as the page shows it."""
    form = page.find("form", action=URL)
    data = {field["name"]: field.get("value", "") for field in form.find_all("input")
            if field.get("name")}
    for select in form.find_all("select"):
        chosen = select.find("option", selected=True)
        data[select["name"]] = chosen["value"] if chosen else ""
    for area in form.find_all("textarea"):
        text = area.get_text()  # a browser drops the line break that follows <textarea>
        data[area["name"]] = text[1:] if text.startswith("\n") else text
    return data
