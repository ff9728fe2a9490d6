"""Test data of the JSON channel (issue 15): a supplier with an enrolment of a corridor's DSR, a
valid file's dict for a corridor and that supplier, a decided advance to file a balance against.
Needs the demo reference data (the `demo` fixture): corridors DPI-ES and MDV-LGC, referencings
DPI-2023-0101 (validated) and LGC-2023-0201."""
import datetime
import itertools
import json
from decimal import Decimal

from portal.models import (AnsReferencing, Beneficiary, Corridor, Enrolment, FundingRequest)
from portal.models.accounts import OPERATOR
from portal.models.enrolment import VALIDATED
from portal.services.imports import identifiers
from portal.services.imports.schema import AMOUNT_FIELD, TYPES
from tests.helpers.accounts import make_account
from tests.helpers.enrolment import database

DPI, CITY = "DPI-ES", "MDV-LGC"
REFERENCING = {DPI: "DPI-2023-0101", CITY: "LGC-2023-0201"}
# Valid identifiers (Luhn keys right): FINESS géographiques of real hospitals, RPPS made up.
FINESS = ("750712184", "130783236", "690781810", "330781196", "590780193")
RPPS = ("10003456786", "10101010105", "10000000009", "10000001007", "10000002005")
_numbers = itertools.count(1)


def supplier(app, corridor_code: str = DPI, status: str = VALIDATED, vat_rate: str = "20",
             account=None):
    """(account, enrolment): an operator holding an enrolment of the corridor's referencing."""
    account = account or make_account(app, OPERATOR)
    with database(app):
        referencing = AnsReferencing.get(AnsReferencing.number == REFERENCING[corridor_code])
        enrolment = Enrolment.create(
            number=f"ENR-JSON-{next(_numbers):06d}", status=status, referencing=referencing,
            anticipated=not referencing.validated, ans_number=referencing.number,
            software_name=referencing.software_name,
            software_version=referencing.software_version, dsr=referencing.dsr,
            siret="73282932000074", denomination="MEDIMAIL", trade_name="MediMail",
            street_type="Rue", street="de la Paix", postcode="75002", commune="Paris",
            rep_last_name="Martin", rep_first_name="Claire", rep_email=account.email,
            rep_phone="0123456789", iban="FR7630006000011234567890189", bic="AGRIFRPP",
            account_holder="MEDIMAIL", vat_rate=vat_rate, holder_email=account.email,
            holder=account)
    return account, enrolment


def corridor(app, code: str = DPI) -> Corridor:
    with database(app):
        return Corridor.get(Corridor.code == code)


def beneficiary(corridor_row: Corridor, position: int = 0) -> dict:
    kind = identifiers.kind_of(corridor_row)
    values = RPPS if kind.code == "rpps" else FINESS
    return {kind.key: values[position], "nom": f"Centre hospitalier n° {position + 1}",
            "email": f"dsi{position + 1}@ch-exemple.fr", "telephone": "01 23 45 67 89"}


def request(corridor_row: Corridor, kind: str = "advance", number: str = "CMD-2026-001",
            amount: float = 12000.0, beneficiaries: int = 1, advance_number: str = "") -> dict:
    item = {"numeroEditeur": number, "logiciel": "Dossier Patient Horizon 7.5",
            "dateCommande": "2026-01-15", "regimeTVA": "assujetti", "tauxTVA": 20,
            AMOUNT_FIELD[kind]: amount,
            "beneficiaires": [beneficiary(corridor_row, i) for i in range(beneficiaries)],
            "mandatBeneficiaire": False, "mandatPaiement": False}
    if kind == "balance":
        item["numeroDemandeAvanceASP"] = advance_number
    if corridor_row.scenarios:
        item["scenarios"] = {s["code"]: index == 0 for index, s in
                             enumerate(corridor_row.scenarios)}
    return item


def valid_file(corridor_row: Corridor, enrolment: Enrolment, kind: str = "advance",
               count: int = 1, **options) -> dict:
    """A file of `count` valid requests (numbered CMD-2026-001…) for the corridor and enrolment."""
    return {"typeDemande": TYPES[kind], "couloir": corridor_row.code,
            "numeroReferencementANS": enrolment.ans_number,
            "demandes": [request(corridor_row, kind, f"CMD-2026-{i + 1:03d}", **options)
                         for i in range(count)]}


def raw(document) -> bytes:
    """A file's bytes, as a supplier's software writes them."""
    return json.dumps(document, ensure_ascii=False, indent=2).encode()


def decided_advance(app, account, enrolment, corridor_row: Corridor, number="CMD-2026-001",
                    status="decided", identifiers_=None, amount_ht="3600.00") -> FundingRequest:
    """An advance filed from a JSON, decided, with its beneficiaries."""
    with database(app):
        count = FundingRequest.select().count() + 1
        advance = FundingRequest.create(
            number=f"{corridor_row.dossier_prefix}{count:06d}-M0",
            dossier=f"{corridor_row.dossier_prefix}{count:06d}", kind="advance",
            enrolment=enrolment, account=account, status=status, software=corridor_row.software_type,
            vat_rate="20", declared_ht=Decimal("12000.00"), amount_ht=Decimal(amount_ht),
            amount_ttc=Decimal(amount_ht) * Decimal("1.2"), corridor=corridor_row,
            publisher_number=number, order_date=datetime.date(2026, 1, 15),
            vat_regime="assujetti", mandate_beneficiary=False, mandate_payment=False)
        for position, identifier in enumerate(identifiers_ or [beneficiary(corridor_row)[
                identifiers.kind_of(corridor_row).key]]):
            Beneficiary.create(request=advance, position=position, identifier=identifier,
                               name=f"Bénéficiaire {position + 1}")
        return advance
