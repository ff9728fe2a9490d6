"""Enrolments filed through the real wizard, then moved through the workflow as a manager would."""
import io
import re
from contextlib import contextmanager

from werkzeug.datastructures import FileStorage

from portal.extensions import db
from portal.models import Enrolment
from portal.services.enrolment import workflow
from tests.helpers.enrolment import FIXTURES, Wizard

ANTICIPATED_MSS = "MSS-2023-0003"  # referencing not validated yet: an anticipated enrolment
ANTICIPATED_DPI = "DPI-2023-0102"
BUYER_SIRET = "55208131766522"  # SantéLien's SIRET: a buyer of MediMail, Apicrypt, Clinicalis


@contextmanager
def in_request(app):
    """What a view has: a request (for the links of the mails) and the database."""
    with app.test_request_context(), db.database.connection_context():
        yield


def file_enrolment(app, number: str = "MSS-2023-0001", **options) -> str:
    """Go through the five steps in a fresh browser (test client); the enrolment's number."""
    client = app.test_client()
    Wizard(client).submit(number=number, **options)
    with in_request(app):
        return Enrolment.select().order_by(Enrolment.id.desc()).get().number


def load(number: str) -> Enrolment:
    return Enrolment.get(Enrolment.number == number)


def move(app, number: str, action: str, actor, comment: str = "", **details):
    """Apply one move of the workflow (inside a request, as the views do)."""
    with in_request(app):
        return workflow.apply(load(number), action, actor, comment, **details)


def upload_file(name: str, as_name: str | None = None) -> FileStorage:
    return FileStorage(io.BytesIO((FIXTURES / name).read_bytes()), filename=as_name or name)


def link_in(text: str, path: str) -> str:
    """The first link of a mail's text that goes to `path` (its path and query, for the client)."""
    found = re.search(r"https?://[^/\s]+(" + re.escape(path) + r"\S+)", text)
    assert found, f"no link to {path} in:\n{text}"
    return found.group(1)
