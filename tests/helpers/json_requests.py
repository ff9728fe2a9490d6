"""Requests filed from a JSON file (issue 15), made directly through the models, as the import
files them: a supplier with a validated DPI enrolment, the DPI corridor of hospitals (FINESS, a
list of scenarios) and a city corridor (RPPS, scenarios as a table), advances and balances with
their beneficiaries, mandates, scenarios, publisher's numbers and statuses."""
import datetime
import json
import secrets
from decimal import Decimal

from portal.models import Account, Enrolment, FundingRequest
from portal.models.accounts import MANAGER, OPERATOR
from portal.models.beneficiaries import Beneficiary
from portal.models.funding import ADVANCE, BALANCE, IN_PROGRESS, SUFFIXES
from portal.models.imports import COMPLETE, Corridor, JsonImport
from portal.services.enrolment import workflow as wf
from portal.services.account import accounts
from portal.services.funding import requests as funding_requests
from tests.helpers.accounts import make_account
from tests.helpers.auth import QUESTION
from tests.helpers.enrolment import Wizard, database, fixture_file
from tests.helpers.instruction import in_request, move

DPI_NUMBER = "DPI-2023-0101"  # « Dossier Patient Horizon », profile « Opérateur développeur »
DEVELOPER = "Opérateur développeur"
DISTRIBUTOR = "Opérateur distributeur"
DPI_SCENARIOS = [
    {"code": "S1", "label": "Installation initiale du DPI référencé Ségur", "profiles": [DEVELOPER],
     "group": ""},
    {"code": "S2", "label": "Montée de version vers la version référencée Ségur",
     "profiles": [DEVELOPER, DISTRIBUTOR], "group": ""},
    {"code": "S3", "label": "Raccordement à la messagerie sécurisée de santé", "profiles": [],
     "group": ""},
    {"code": "S4", "label": "Installation par un distributeur", "profiles": [DISTRIBUTOR],
     "group": ""},
]
CITY_SCENARIOS = [  # the table layout (as for MS1): rows are groups, columns the scenarios
    {"code": "PT-INST", "label": "Installation", "profiles": [DEVELOPER], "group": "Poste de travail"},
    {"code": "PT-MAJ", "label": "Mise à jour", "profiles": [DEVELOPER], "group": "Poste de travail"},
    {"code": "SRV-INST", "label": "Installation", "profiles": [], "group": "Serveur du cabinet"},
    {"code": "SRV-MAJ", "label": "Mise à jour", "profiles": [DEVELOPER], "group": "Serveur du cabinet"},
]
HOSPITALS = [  # FINESS géographique, raison sociale, e-mail, téléphone
    ("750100125", "Hôpital Saint-Louis", "dsi@saint-louis.aphp.fr", "01 42 49 49 49"),
    ("690781810", "Centre hospitalier de Villefranche-sur-Saône", "informatique@ch-villefranche.fr",
     "04 74 09 29 29"),
    ("130786049", "Hôpital de la Timone", "si.timone@ap-hm.fr", "04 91 38 00 00"),
]
DOCTORS = [  # RPPS, nom, e-mail, téléphone
    ("10003456789", "Dr Camille Lefèvre", "c.lefevre@cabinet-republique.fr", "03 20 55 10 10"),
    ("10101234567", "Dr Hugo Bernard", "hugo.bernard@medecin.fr", "05 56 44 12 12"),
]
MANDATARY = {"raisonSociale": "Groupement Hospitalier Nord-Est", "siret": "26750045200011",
             "email": "achats@ghne.fr", "telephone": "01 40 05 48 48"}


def dpi_supplier(app, email="sophie.garnier@horizon-sante.fr"):
    """The representative of the DPI publisher, its DPI enrolment (VAT 20 %) validated; the
    account and the enrolment's number."""
    wizard = Wizard(app.test_client())
    files = {"doc_referencing_certificate": fixture_file("document.pdf", "certificat.pdf"),
             "doc_hds_statement": fixture_file("document.pdf", "attestation-hds.pdf")}
    assert wizard.step1(DPI_NUMBER, files=files, hds_host="non").status_code == 303
    for step in (wizard.step2, wizard.step3, wizard.step4, wizard.step5):
        assert step().status_code == 303
    with in_request(app):
        number = Enrolment.select().order_by(Enrolment.id.desc()).get().number
    account = make_account(app, OPERATOR, email=email, last_name="Garnier", first_name="Sophie")
    move(app, number, wf.VALIDATE, make_account(app, MANAGER))
    with database(app):
        enrolment = Enrolment.get(Enrolment.number == number)
        enrolment.holder = account
        enrolment.save()
    return account, number


def dpi_corridor(**changes) -> Corridor:
    """« DPI-ES », the hospitals' patient record software (inside an open connection)."""
    values = dict(code="DPI-ES", label="Dossier patient informatisé — établissements de santé",
                  software_type="Dossier patient informatisé (DPI)", dsr="DPI",
                  dossier_prefix="FINDPI", identifier_kind="finess",
                  identifier_label="Numéro FINESS géographique",
                  scenarios_json=json.dumps(DPI_SCENARIOS, ensure_ascii=False),
                  scenario_layout="list", cap_per_request=Decimal("150000.00"),
                  cap_per_beneficiary=Decimal("50000.00"), advance_share=Decimal("30"),
                  max_beneficiaries=5)
    return corridor_with({**values, **changes})


def city_corridor(**changes) -> Corridor:
    """« MS1 », the city doctors' practice software, its scenarios drawn as a table."""
    values = dict(code="MS1", label="Logiciel de gestion de cabinet — médecins de ville",
                  software_type="Logiciel de gestion de cabinet (LGC)", dsr="DPI",
                  dossier_prefix="FINLGC", identifier_kind="rpps",
                  identifier_label="Numéro RPPS", scenario_layout="table",
                  scenarios_json=json.dumps(CITY_SCENARIOS, ensure_ascii=False),
                  cap_per_request=Decimal("12000.00"), cap_per_beneficiary=Decimal("6000.00"),
                  advance_share=Decimal("30"), max_beneficiaries=2)
    return corridor_with({**values, **changes})


def corridor_with(values: dict) -> Corridor:
    """The corridor with these values: the demo set's one of that prefix (load-demo has run)
    made so, else a new one."""
    found = Corridor.get_or_none(Corridor.dossier_prefix == values["dossier_prefix"])
    if found is None:
        return Corridor.create(**values)
    Corridor.update(**values).where(Corridor.id == found.id).execute()
    return Corridor.get_by_id(found.id)


def json_import(account, enrolment, corridor, kind=ADVANCE, total=1) -> JsonImport:
    return JsonImport.create(
        account=account, enrolment=enrolment, corridor=corridor, kind=kind,
        filename=f"demandes-{'avance' if kind == ADVANCE else 'solde'}-{corridor.code}.json",
        stored_name=secrets.token_hex(16) + ".json", sha256="0" * 64, requests_total=total,
        requests_retained=total, status=COMPLETE)


def json_request(account, enrolment, corridor, kind=ADVANCE, publisher_number="ED-2026-0001",
                 status=IN_PROGRESS, people=HOSPITALS[:2], advance=None, sequence=None,
                 declared_ht="48000.00", scenarios=None, mandate_beneficiary=True,
                 mandate_payment=False, mandatary=MANDATARY, matches=None,
                 imported=None, **changes) -> FundingRequest:
    """One request as the import files it (inside an open connection), its history row written;
    a balance shares the dossier of its `advance`; `matches`: each beneficiary's « Correspond à
    l'avance » (a balance)."""
    if advance is not None:
        dossier = advance.dossier
    else:
        sequence = sequence or FundingRequest.select().count() + 1
        dossier = f"{corridor.dossier_prefix}{sequence:06d}"
    declared = Decimal(declared_ht)
    retained = declared if kind == BALANCE else (declared * corridor.advance_share / 100)
    retained = retained.quantize(Decimal("0.01"))
    values = dict(
        number=f"{dossier}-{SUFFIXES[kind]}", dossier=dossier, kind=kind, enrolment=enrolment,
        account=account, status=status, software=corridor.software_type, vat_rate="20",
        declared_ht=declared, amount_ht=retained, amount_ttc=(retained * Decimal("1.2")),
        corridor=corridor, json_import=imported or json_import(account, enrolment, corridor, kind),
        publisher_number=publisher_number, advance=advance,
        order_date=datetime.date(2026, 1, 15), vat_regime="Assujetti à la TVA",
        mandate_beneficiary=mandate_beneficiary, mandate_payment=mandate_payment,
        mandatary_json=json.dumps(mandatary if (mandate_beneficiary or mandate_payment) else {},
                                  ensure_ascii=False),
        scenarios_json=json.dumps(scenarios if scenarios is not None
                                  else {s["code"]: i % 2 == 0
                                        for i, s in enumerate(corridor.scenarios)}))
    request = FundingRequest.create(**{**values, **changes})
    for position, (identifier, name, email, phone) in enumerate(people):
        Beneficiary.create(request=request, position=position, identifier=identifier, name=name,
                           email=email, phone=phone,
                           matches_advance=None if kind == ADVANCE else
                           (True if matches is None else matches[position]))
    funding_requests.log(request, None, IN_PROGRESS, account,
                         f"Dépôt de la {request.title} par import JSON")
    return request


def dossier_of(app, account, enrolment_number, corridor_factory=dpi_corridor, **changes):
    """A corridor, then an advance (decided) and its balance (« En cours », one beneficiary
    not declared at the advance) of the account; (advance, balance), their numbers readable
    after the connection closes."""
    with database(app):
        enrolment = Enrolment.get(Enrolment.number == enrolment_number)
        corridor = corridor_factory()
        people = HOSPITALS if corridor.identifier_kind == "finess" else DOCTORS
        advance = json_request(account, enrolment, corridor, ADVANCE, "ED-2026-0001",
                               "decided", people[:2], **changes)
        balance = json_request(account, enrolment, corridor, BALANCE, "ED-2026-0001-S",
                               IN_PROGRESS, people[1:3] if len(people) > 2 else people,
                               advance=advance, declared_ht="150000.00",
                               matches=[True, False], mandate_beneficiary=False)
        return advance, balance


def ready_supplier(app):
    """The DPI supplier past its first sign-in, its advance (decided) and balance filed."""
    account, enrolment = dpi_supplier(app)
    with database(app):
        account = Account.get_by_id(account.id)
        account.secret_question = QUESTION
        account.secret_answer_hash = accounts.hash_secret("saint etienne")
        account.save()
    return account, *dossier_of(app, account, enrolment)
