"""Check reports built by hand (services/imports/report.py), for the tests of what follows the
checks: filing, step 2, the imports table, whose tests need imports of known contents without
going through a file (step 1 and the API are tested with real files: tests/helpers/json_files.py).
A supplier of the DPI corridor (a validated DPI enrolment of the demo referencing), and a
stand-in for the output JSON builder."""
import datetime
import io
import json
import zipfile
from decimal import Decimal

from portal.models import Corridor, Enrolment, JsonImport
from portal.models.accounts import MANAGER, OPERATOR
from portal.services.enrolment import workflow as wf
from portal.services.imports import filing
from portal.services.imports.report import Problem, Report, RequestResult
from tests.helpers.accounts import make_account
from tests.helpers.enrolment import Wizard, database, fixture_file
from tests.helpers.instruction import in_request, move
from tests.helpers.json_requests import corridor_with

DPI = "DPI-2023-0101"  # the demo referencing of « Dossier Patient Horizon » (DSR « DPI »)
KINDS = {"advance": "avance", "balance": "solde"}


def corridor(app, code="DPI-ES", dsr="DPI", prefix="FINDPI", active=True) -> Corridor:
    with database(app):
        return corridor_with(dict(code=code, label="Dossier patient informatisé — établissements",
                                  software_type="DPI", dsr=dsr, dossier_prefix=prefix,
                                  identifier_kind="finess", active=active,
                                  identifier_label="Numéro FINESS géographique",
                                  cap_per_request=Decimal("12000.00")))


def dpi_enrolment(app) -> str:
    """Filed through the wizard (no health data hosted: the statement); its number."""
    wizard = Wizard(app.test_client())
    files = {"doc_referencing_certificate": fixture_file("document.pdf", "certificat.pdf"),
             "doc_hds_statement": fixture_file("document.pdf", "attestation.pdf")}
    assert wizard.step1(DPI, files=files, hds_host="non").status_code == 303
    for step in (wizard.step2, wizard.step3, wizard.step4, wizard.step5):
        assert step().status_code == 303
    with in_request(app):
        return Enrolment.select().order_by(Enrolment.id.desc()).get().number


def supplier(app, email="claire.martin@medimail.fr", make=make_account):
    """A supplier whose DPI enrolment is validated, and the DPI corridor: (account, enrolment,
    corridor); `make` makes the account (auth.ready_account for one that signs in)."""
    number = dpi_enrolment(app)
    account = make(app, OPERATOR, email=email)
    move(app, number, wf.VALIDATE, make_account(app, MANAGER))
    with database(app):
        enrolment = Enrolment.get(Enrolment.number == number)
    return account, enrolment, corridor(app)


def data(publisher_number: str, amount="10000.00", advance_number="") -> dict:
    ht = Decimal(amount)
    return {"publisher_number": publisher_number, "software": "DPI",
            "order_date": datetime.date(2026, 1, 15), "vat_regime": "Assujetti", "vat_rate": "20",
            "declared_ht": ht, "amount_ht": ht, "amount_ttc": (ht * Decimal("1.2")),
            "beneficiaries": [{"identifier": "750712184", "name": "Centre hospitalier de Test",
                               "email": "dsi@ch-test.fr", "phone": "0102030405",
                               "matches_advance": True if advance_number else None}],
            "mandate_beneficiary": False, "mandate_payment": False, "mandatary": {},
            "scenarios": {"S1": True, "S2": False}, "advance_number": advance_number}


def report(enrolment, numbers=("ED-001", "ED-002"), rejected=("ED-003",), kind="advance",
           advances=None, corridor_code="DPI-ES") -> Report:
    """A report of a file: `numbers` retained, `rejected` rejected with one reason; for a balance,
    `advances` maps a publisher's number to its advance's ASP number."""
    results, items = [], []
    for index, number in enumerate([*numbers, *rejected]):
        items.append({"numeroEditeur": number, "montantSegurHT": "10000.00"})
        if number in rejected:
            results.append(RequestResult(index, number, [Problem(
                f"demandes[{index}].montantSegurHT", "Le montant dépasse le plafond du couloir "
                "par demande.", "au plus 12 000,00 € HT", "15 000,00 € HT")]))
        else:
            results.append(RequestResult(index, number, data=data(
                number, advance_number=(advances or {}).get(number, ""))))
    document = {"typeDemande": KINDS[kind], "couloir": corridor_code,
                "numeroReferencementANS": enrolment.ans_number, "demandes": items}
    return Report(kind, corridor_code, requests=results, document=document)


def output_of(built: Report, filed: dict) -> dict:
    """A stand-in for services/imports/output.output(report, filed, False): the input, each
    request with its ASP number and status, or its reasons."""
    document = json.loads(json.dumps(built.document))
    for result, item in zip(built.requests, document["demandes"]):
        if result.index in filed:
            item["numeroDemandeASP"], item["statut"] = filed[result.index]
        else:
            item["statut"] = "Rejetée à l'import"
            item["motifsRejet"] = [p.as_json() for p in result.problems]
    return document


def raw(built: Report) -> bytes:
    return json.dumps(built.document, ensure_ascii=False).encode()


def file(app, account, enrolment, corridor_row, built=None, filename="demandes.json") -> JsonImport:
    """An import filed by the service, as step 1 does."""
    built = built or report(enrolment)
    with in_request(app):
        return filing.file_import(built, account, enrolment, corridor_row, filename, raw(built),
                                  build_output=lambda filed: output_of(built, filed))


def zip_of(files: dict) -> bytes:
    """An archive of name → bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()
