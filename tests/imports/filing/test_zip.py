"""« Déposer un fichier zip pour toutes les demandes »: files named by publisher's number (or in a
folder of that name), what matches no request listed back, bad archives refused whole."""
import io
import zipfile

from portal.models import Document, FundingRequest
from tests.helpers.enrolment import HTMX, FIXTURES, database
from tests.helpers.json_reports import file, zip_of
from tests.helpers.pages import html
from tests.imports.filing.test_documents import pieces, requests_of, token

PDF = (FIXTURES / "document.pdf").read_bytes()
PNG = (FIXTURES / "piece-identite.png").read_bytes()


def send_zip(client, filed, content, name="pieces.zip"):
    return client.post(f"{pieces(filed)}/zip", data={"zip": (io.BytesIO(content), name)},
                       headers={**HTMX, "X-CSRFToken": token(client, filed)},
                       content_type="multipart/form-data")


def documents_of(app, filed):
    with database(app):
        return {r.publisher_number: [d.original_name for d in Document.select().where(
            Document.funding_request == r.id)] for r in FundingRequest.select().where(
            FundingRequest.json_import == filed.id)}


def test_a_zip_maps_files_by_publisher_number_and_lists_the_others(app, supplier, client):
    filed = file(app, *supplier)
    response = send_zip(client, filed, zip_of({"ED-001.pdf": PDF, "ED-999.pdf": PDF,
                                               "__MACOSX/._ED-001.pdf": b"x"}))
    assert response.status_code == 200 and "<html" not in response.get_data(as_text=True)
    text = html(response).select_one("#zip-resultat").get_text(" ", strip=True)
    assert "1 pièce déposée depuis l'archive" in text
    assert "« ED-999.pdf » : aucune demande de cet import n'a le numéro éditeur « ED-999 »" in text
    assert documents_of(app, filed) == {"ED-001": ["ED-001.pdf"], "ED-002": []}


def test_a_folder_per_number_completes_the_import(app, supplier, client):
    filed = file(app, *supplier)
    response = send_zip(client, filed, zip_of({"ED-001/bon de commande.pdf": PDF,
                                               "lot/ED-002.png": PNG}))
    assert response.status_code == 204 and response.headers["HX-Redirect"].endswith(pieces(filed))
    assert documents_of(app, filed) == {"ED-001": ["bon de commande.pdf"], "ED-002": ["ED-002.png"]}
    assert {r.status_label for r in requests_of(app, filed)} == {"En cours"}


def test_two_files_for_one_request_keep_the_first(app, supplier, client):
    filed = file(app, *supplier)
    response = send_zip(client, filed, zip_of({"ED-001.pdf": PDF, "a/ED-001.png": PNG}))
    assert "un autre fichier de l'archive vise déjà la demande « ED-001 »" in html(response).get_text()
    assert documents_of(app, filed)["ED-001"] == ["ED-001.pdf"]


def test_a_wrong_entry_is_refused_the_others_kept(app, supplier, client):
    filed = file(app, *supplier)
    response = send_zip(client, filed, zip_of({"ED-001.pdf": PDF, "ED-002.pdf": b"pas un pdf"}))
    assert "« ED-002.pdf » : Le contenu de ce fichier ne correspond pas" in html(response).get_text()
    assert documents_of(app, filed) == {"ED-001": ["ED-001.pdf"], "ED-002": []}


def refused(client, filed, content, name="pieces.zip"):
    response = send_zip(client, filed, content, name)
    assert response.status_code == 422
    page = html(response)
    assert page.select_one("#zip")["aria-invalid"] == "true"
    return page.select_one("#zip-messages").get_text(strip=True)


def test_not_a_zip_is_refused(app, supplier, client):
    filed = file(app, *supplier)
    assert refused(client, filed, PDF, "pieces.zip") == \
        "Ce fichier n'est pas une archive zip lisible : déposez un fichier .zip."


def test_path_traversal_and_absolute_paths_are_refused(app, supplier, client):
    filed = file(app, *supplier)
    for name in ("../ED-001.pdf", "/etc/ED-001.pdf", "a/../../ED-001.pdf", "C:/ED-001.pdf"):
        assert "chemin interdit" in refused(client, filed, zip_of({name: PDF}))
    assert documents_of(app, filed) == {"ED-001": [], "ED-002": []}


def test_a_zip_bomb_is_refused_unread(app, supplier, client):
    filed = file(app, *supplier)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("ED-001.pdf", b"\0" * (3 * 1024 * 1024))  # a thousandfold
    assert "compressé de façon anormale" in refused(client, filed, buffer.getvalue())
    assert documents_of(app, filed) == {"ED-001": [], "ED-002": []}


def test_too_many_entries_are_refused(app, supplier, client):
    filed = file(app, *supplier)
    assert "plus de 500 fichiers" in refused(client, filed, zip_of(
        {f"f{i}.txt": b"x" for i in range(501)}))


def test_an_entry_lying_about_its_size_is_refused_as_damaged():
    """The declared size is not trusted: zipfile reads no more than it, and the CRC fails."""
    from portal.services.imports import zips
    content = PDF + bytes(range(256)) * (20 * 1024)  # 5 Mo
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("ED-001.pdf", content)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        entry = zips.entries(archive, set())[0]
        entry.info.file_size = 100  # what a forged header would say
        try:
            zips.read(archive, entry)
        except ValueError as exc:
            assert str(exc) == "Le fichier « ED-001.pdf » de l'archive est endommagé : il ne peut être lu."
        else:
            raise AssertionError("read past its declared size")
        entry.info.file_size = len(content)  # what it is: above 4 Mo, refused unread
        try:
            zips.read(archive, entry)
        except ValueError as exc:
            assert "dépasse la taille maximale de 4 Mo" in str(exc)
        else:
            raise AssertionError("an entry above 4 Mo read")


def test_without_javascript_a_zip_comes_back_to_the_page_with_what_it_gave(app, supplier, client):
    filed = file(app, *supplier)
    response = client.post(f"{pieces(filed)}/zip", data={
        "zip": (io.BytesIO(zip_of({"ED-001.pdf": PDF, "ED-999.pdf": PDF})), "pieces.zip"),
        "csrf_token": token(client, filed)}, content_type="multipart/form-data")
    assert response.status_code == 303 and response.headers["Location"].endswith(pieces(filed))
    text = html(client.get(pieces(filed))).select_one("#messages").get_text(" ", strip=True)
    assert "1 pièce(s) déposée(s) depuis l'archive." in text and "« ED-999.pdf »" in text
