"""What the tests of the enrolment wizard's routes share: the messages, a wizard fixture's
helpers, an upload as htmx sends it."""
import json

from portal.models import EnrolmentDraft
from tests.helpers.enrolment import HTMX, START, database

REQUIRED = "Ce champ est obligatoire."
DEPOSIT = "Déposez ce document avant de passer à l'étape suivante."
STEP_TITLES = {1: "Référencement", 2: "Demandeur", 3: "Coordonnées bancaires", 4: "Taux de TVA",
               5: "Récapitulatif"}
WRONG_TYPE = "Le format de ce fichier n'est pas accepté. Formats acceptés : pdf, png, jpg, jpeg."
FAKE_CONTENT = "Le contenu de ce fichier ne correspond pas à son extension : il est peut-être endommagé."
TOO_BIG = "Le fichier dépasse la taille maximale de 4 Mo."


def text(response) -> str:
    return response.get_data(as_text=True)


def draft_step(app, token: str) -> int:
    with database(app):
        return EnrolmentDraft.get(EnrolmentDraft.token == token).step


def htmx_headers(wizard) -> dict:
    """What htmx sends: HX-Request, and the CSRF token from hx-headers on <body>."""
    body = wizard.page(1).body
    return {**HTMX, **json.loads(body["hx-headers"])}


def upload(wizard, kind: str, file):
    """The upload field sends its file alone (hx-params), as soon as it is chosen."""
    return wizard.client.post(f"{START}/document/{kind}", data={f"doc_{kind}": file},
                              headers=htmx_headers(wizard), content_type="multipart/form-data")
