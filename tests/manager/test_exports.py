"""Exports for managers: each queue as CSV and XLSX, what its filters select, streamed; a
dossier as one ZIP (its PDF summary and its documents). Staff only: an operator never gets one."""
import csv
import io
import re
import secrets
import zipfile
from xml.etree import ElementTree

import pytest
from pypdf import PdfReader

from portal.models import Document, Enrolment, FundingRequest
from portal.models.funding import INCOMPLETE
from portal.services.core import storage
from tests.helpers.accounts import signed_in
from tests.helpers.enrolment import database
from tests.helpers.pages import html
from tests.helpers.queries import counting

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def csv_rows(response) -> list[list[str]]:
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def xlsx_rows(response) -> list[list[tuple[str, str]]]:
    """Each row's cells as (type, text): « n » a number, « d » a date (a number styled), « s »
    a string (inline), « f » a formula (never expected); ("", "") where no cell is written."""
    book = zipfile.ZipFile(io.BytesIO(response.get_data()))
    assert book.testzip() is None
    sheet = ElementTree.fromstring(book.read("xl/worksheets/sheet1.xml"))
    rows = []
    for row in sheet.iter(SHEET + "row"):
        cells = {}
        for c in row.iter(SHEET + "c"):
            column = ord(re.match(r"[A-Z]", c.get("r")).group()) - ord("A")  # A to Z suffice
            if c.find(SHEET + "f") is not None:
                cells[column] = ("f", "")
            elif c.get("t") == "inlineStr":
                cells[column] = ("s", "".join(t.text or "" for t in c.iter(SHEET + "t")))
            else:
                cells[column] = ("d" if c.get("s") == "2" else "n", c.find(SHEET + "v").text)
        rows.append([cells.get(i, ("", "")) for i in range(max(cells) + 1)])
    return rows


def test_the_funding_queue_exports_what_its_filters_select(known, staff):
    decided = csv_rows(staff.get("/gestion/export/financements.csv?statut=decided"))
    assert decided[0][:3] == ["Numéro de dossier", "Type", "Numéro éditeur"]
    assert sorted(row[0] for row in decided[1:]) == sorted([*known["mss"], known["advance"]])
    balances = csv_rows(staff.get("/gestion/export/financements.csv?type=balance"))
    assert [row[0] for row in balances[1:]] == [known["balance"]]
    response = staff.get("/gestion/export/financements.xlsx?statut=decided&type=advance")
    assert response.content_type == XLSX_TYPE and response.headers["Cache-Control"] == "no-store"
    assert re.fullmatch(r'attachment; filename="demandes-de-financement-\d{4}-\d\d-\d\d\.xlsx"',
                        response.headers["Content-Disposition"])
    rows = xlsx_rows(response)
    assert [cell[1] for cell in rows[0][:2]] == ["Numéro de dossier", "Type"]
    assert sorted(row[0][1] for row in rows[1:]) == sorted([*known["mss"], known["advance"]])
    mss = next(row for row in rows[1:] if row[0][1] == known["mss"][0])
    assert mss[6] == ("d", "46083")  # « Date de dépôt »: 02/03/2026 (Excel's day 46083)
    assert mss[9] == ("n", "6666.67") and mss[13][0] == "d"  # an amount, the day it was paid
    assert mss[1] == ("s", "Avance")


def test_the_buttons_carry_the_filters_of_the_page(known, staff):
    page = html(staff.get("/gestion/financement/?statut=decided"))
    links = [a["href"] for a in page.select("#resultats a[href^='/gestion/export/']")]
    assert links == ["/gestion/export/financements.csv?statut=decided",
                     "/gestion/export/financements.xlsx?statut=decided"]


@pytest.mark.parametrize("key, first_header", [
    ("enrolements", "Numéro demande"), ("financements", "Numéro de dossier"),
    ("coordonnees", "Ajoutée le"), ("modifications", "Demandée le"), ("modeles", "Envoyé le")])
def test_every_queue_exports_both_formats(known, staff, key, first_header):
    assert csv_rows(staff.get(f"/gestion/export/{key}.csv"))[0][0] == first_header
    assert xlsx_rows(staff.get(f"/gestion/export/{key}.xlsx"))[0][0] == ("s", first_header)


def test_one_query_reads_the_rows_and_a_text_is_never_a_formula(app, known, staff):
    with database(app):
        Enrolment.update(denomination='=HYPERLINK("http://x.example","clic")').where(
            Enrolment.number == known["dpi_enrolment"]).execute()
    with counting() as queries:
        rows = xlsx_rows(staff.get("/gestion/export/enrolements.xlsx"))
    assert len([sql for sql in queries.sql if 'FROM "enrolment"' in sql]) == 1
    row = next(row for row in rows if row[0][1] == known["dpi_enrolment"])
    assert row[4] == ("s", '=HYPERLINK("http://x.example","clic")')
    assert all(kind != "f" for row in rows for kind, _ in row)
    text = staff.get("/gestion/export/enrolements.csv").get_data(as_text=True)
    assert "'=HYPERLINK" in text


def test_a_wrong_filter_sends_back_to_the_queue(known, staff):
    response = staff.get("/gestion/export/enrolements.xlsx?du=2026-04-02&au=2026-04-01")
    assert response.status_code == 303
    assert response.headers["Location"].startswith("/gestion/enrolements?")
    assert staff.get("/gestion/export/inconnue.csv").status_code == 404
    assert staff.get("/gestion/export/enrolements.pdf").status_code == 404


def stored_piece(app, request_number, content=b"%PDF-1.4\n% une facture\n"):
    with database(app):
        request = FundingRequest.get(FundingRequest.number == request_number)
        document = Document.create(kind="invoice", original_name="facture.pdf",
                                   stored_name=secrets.token_hex(16) + ".pdf",
                                   content_type="application/pdf", size=len(content),
                                   sha256="0" * 64, funding_request=request)
        path = storage.path_of(document)
    import os
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as file:
        file.write(content)
    return content


def test_a_funding_dossier_as_one_zip(app, known, staff):
    content = stored_piece(app, known["advance"])
    response = staff.get(f"/gestion/financement/{known['advance']}/dossier.zip")
    assert response.content_type == "application/zip"
    body = response.get_data()
    assert int(response.headers["Content-Length"]) == len(body)
    archive = zipfile.ZipFile(io.BytesIO(body))
    assert archive.namelist() == [f"synthese-{known['advance']}.pdf",
                                  "pieces-justificatives/01-facture.pdf"]
    assert archive.read("pieces-justificatives/01-facture.pdf") == content
    summary = PdfReader(io.BytesIO(archive.read(archive.namelist()[0])))
    text = " ".join(page.extract_text() for page in summary.pages)
    assert f"Demande de financement n° {known['advance']}" in text
    assert "Historique" in text and "Décidée" in text
    page = html(staff.get(f"/gestion/financement/{known['advance']}"))
    assert page.select_one(f"a[href='/gestion/financement/{known['advance']}/dossier.zip']")


def test_an_enrolment_dossier_as_one_zip(app, known, staff):
    archive = zipfile.ZipFile(io.BytesIO(staff.get(
        f"/gestion/enrolements/{known['dpi_enrolment']}/dossier.zip").get_data()))
    assert archive.namelist() == [f"synthese-{known['dpi_enrolment']}.pdf",
                                  "pieces-justificatives/01-certificat.pdf",
                                  "pieces-justificatives/02-attestation-hds.pdf",
                                  "pieces-justificatives/03-piece-identite.png",
                                  "pieces-justificatives/04-rib.jpg"]
    text = PdfReader(io.BytesIO(archive.read(archive.namelist()[0]))).pages[0].extract_text()
    assert known["dpi_siret"] in text


def test_staff_only(app, known, staff):
    operator = signed_in(app.test_client(), known["supplier"])
    for url in ("/gestion/export/financements.csv", "/gestion/export/financements.xlsx",
                f"/gestion/financement/{known['advance']}/dossier.zip",
                f"/gestion/enrolements/{known['dpi_enrolment']}/dossier.zip"):
        assert operator.get(url).status_code == 403, url
        assert app.test_client().get(url).status_code in (302, 303), url
    with database(app):
        FundingRequest.update(status=INCOMPLETE).where(
            FundingRequest.number == known["balance"]).execute()
    assert staff.get(f"/gestion/financement/{known['balance']}/dossier.zip").status_code == 404
