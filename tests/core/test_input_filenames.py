"""A file's name sent with control characters (RFC 2231 `filename*`, which may carry a line
break): stored on one line, so that its download works; a document stored so before is mended
by the migration."""
import importlib

from portal.extensions import db
from portal.models import Document
from portal.models.accounts import MANAGER
from tests.helpers.accounts import make_account, signed_in
from tests.helpers.enrolment import FIXTURES, START, database
from tests.helpers.instruction import file_enrolment
from tests.helpers.wizard_routes import htmx_headers

BOUNDARY = "frontiere42"


def _multipart(field: str, quoted_name: str, content: bytes) -> bytes:
    """What a crafted client sends: the name as RFC 2231 percent-encoded UTF-8."""
    return (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{field}\"; "
            f"filename*=UTF-8''{quoted_name}\r\nContent-Type: image/jpeg\r\n\r\n").encode() \
        + content + f"\r\n--{BOUNDARY}--\r\n".encode()


def test_a_name_with_a_line_break_is_stored_on_one_line_and_downloads(wizard):
    wizard.reach(3)
    body = _multipart("doc_rib", "rib%0D%0Abanque%00%09.jpg", (FIXTURES / "rib.jpg").read_bytes())
    response = wizard.client.post(f"{START}/document/rib", data=body,
                                  content_type=f"multipart/form-data; boundary={BOUNDARY}",
                                  headers=htmx_headers(wizard))
    assert response.status_code == 200
    assert "Fichier déposé : ribbanque.jpg" in response.get_data(as_text=True)
    assert wizard.step3(files={}).status_code == 303
    assert wizard.step4().status_code == 303
    assert wizard.step5().status_code == 303
    app = wizard.client.application
    with database(app):
        document = Document.get(Document.kind == "rib", Document.enrolment.is_null(False))
        assert document.original_name == "ribbanque.jpg"
    manager = signed_in(app.test_client(), make_account(app, MANAGER))
    download = manager.get(f"/gestion/documents/{document.id}")
    assert download.status_code == 200
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert "ribbanque.jpg" in download.headers["Content-Disposition"]
    assert download.data == (FIXTURES / "rib.jpg").read_bytes()


def test_the_migration_mends_names_stored_before(app, demo):
    file_enrolment(app)
    with database(app):
        document = Document.select().where(Document.enrolment.is_null(False)).first()
        document.original_name = "rib\r\nbanque\t.jpg"
        document.save()
        importlib.import_module("portal.migrations.0021_document_names").apply(db.database)
        assert Document.get_by_id(document.id).original_name == "ribbanque.jpg"
    manager = signed_in(app.test_client(), make_account(app, MANAGER))
    assert manager.get(f"/gestion/documents/{document.id}").status_code == 200
