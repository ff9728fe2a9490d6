"""The antivirus hook: with CLAMD_ADDRESS set, each upload goes to clamd (INSTREAM) before it is
kept; an infected file is refused beside its field; clamd down refuses (fail closed) unless
CLAMD_FAIL_OPEN. And every document, a %PDF+HTML polyglot included, is downloaded as an
attachment with its stored content type."""
import io
import os
import socket

import pytest

from portal.models import Document
from portal.models.accounts import MANAGER
from tests.helpers.accounts import make_account, signed_in
from tests.helpers.enrolment import database, error
from tests.helpers.fake_clamd import MARKER, FakeClamd
from tests.helpers.instruction import file_enrolment
from tests.helpers.pages import html
from tests.helpers.wizard_routes import upload

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n"
INFECTED = "Ce fichier est refusé : l'antivirus y a détecté un contenu malveillant. " \
           "Vérifiez-le, puis déposez-en une copie saine."
UNAVAILABLE = "Le contrôle antivirus des fichiers est momentanément indisponible : " \
              "réessayez dans quelques minutes."


@pytest.fixture
def clamd(app):
    server = FakeClamd()
    app.config["CLAMD_ADDRESS"] = server.address
    yield server
    server.close()


def _send(wizard, content: bytes, name="certificat.pdf"):
    return upload(wizard, "referencing_certificate", (io.BytesIO(content), name))


def _stored(app) -> int:
    with database(app):
        return Document.select().count()


def test_a_clean_upload_is_scanned_then_kept(app, wizard, clamd):
    response = _send(wizard, PDF + b"propre" * 20_000)  # several INSTREAM chunks
    assert response.status_code == 200
    assert clamd.received == [PDF + b"propre" * 20_000]
    assert _stored(app) == 1


def test_an_infected_upload_is_refused_beside_its_field(app, wizard, clamd):
    response = _send(wizard, PDF + MARKER)
    assert response.status_code == 422
    assert error(html(response), "doc_referencing_certificate") == INFECTED
    assert len(clamd.received) == 1
    assert _stored(app) == 0
    assert os.listdir(app.config["UPLOAD_DIR"]) == []


def test_clamd_on_a_unix_socket(app, wizard, tmp_path):
    server = FakeClamd(str(tmp_path / "clamd.ctl"))
    app.config["CLAMD_ADDRESS"] = server.address
    try:
        assert _send(wizard, PDF + MARKER).status_code == 422
        assert _send(wizard, PDF).status_code == 200
    finally:
        server.close()


def _closed_port() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return "127.0.0.1:%d" % probe.getsockname()[1]


def test_clamd_down_refuses_the_upload_by_default(app, wizard):
    app.config["CLAMD_ADDRESS"] = _closed_port()
    response = _send(wizard, PDF)
    assert response.status_code == 422
    assert error(html(response), "doc_referencing_certificate") == UNAVAILABLE
    assert _stored(app) == 0


def test_clamd_down_keeps_the_upload_when_failing_open(app, wizard):
    app.config.update(CLAMD_ADDRESS=_closed_port(), CLAMD_FAIL_OPEN=True)
    assert _send(wizard, PDF).status_code == 200
    assert _stored(app) == 1


def test_without_clamd_nothing_is_scanned(app, wizard):
    assert app.config["CLAMD_ADDRESS"] is None
    assert _send(wizard, PDF + MARKER).status_code == 200


POLYGLOT = b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n" \
           b"1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n"


def test_every_document_downloads_as_an_attachment_with_its_type(app, demo):
    file_enrolment(app)
    manager = signed_in(app.test_client(), make_account(app, MANAGER))
    with database(app):
        documents = list(Document.select().where(Document.enrolment.is_null(False)))
        first = documents[0]
        first.content_type, first.original_name = "application/pdf", "polyglotte.html"
        first.save()
    with open(os.path.join(app.config["UPLOAD_DIR"], first.stored_name), "wb") as out:
        out.write(POLYGLOT)
    assert len(documents) >= 3
    for document in documents:
        response = manager.get(f"/gestion/documents/{document.id}")
        assert response.status_code == 200
        assert response.headers["Content-Disposition"].startswith("attachment;")
        expected = "application/pdf" if document.id == first.id else document.content_type
        assert response.mimetype == expected
