"""« Exporter vos bénéficiaires » (guide 003 §6): the beneficiaries (clients) declared in the
account's requests of one corridor, chosen first, as a CSV with the requests export's conventions
(services/core/csv_export.py: UTF-8 BOM, « ; », formula-safe cells), streamed as tuples of the
exported columns. Never another account's rows."""
from peewee import SQL, fn

from portal.models import FundingRequest
from portal.models.beneficiaries import Beneficiary
from portal.models.funding import KIND_LABELS, STATUS_LABELS
from portal.models.imports import Corridor
from portal.services.core import csv_export
from portal.services.core.errors import Refused

FIELD = "couloir"
NO_CORRIDOR = "Sélectionnez un couloir : le fichier liste les bénéficiaires de ses demandes."
NOT_YOURS = ("Sélectionnez un des couloirs proposés : ce sont ceux de vos demandes de "
             "financement déposées par import JSON.")


def corridors(account) -> list[Corridor]:
    """The corridors the account has requests in, by label (a few rows)."""
    filed = FundingRequest.select(SQL("1")).where(FundingRequest.account == account,
                                                  FundingRequest.corridor == Corridor.id)
    return list(Corridor.select().where(fn.EXISTS(filed)).order_by(Corridor.label))


def chosen(code: str | None, offered: list[Corridor]) -> Corridor:
    """The corridor of `code` among those `offered` (the account's); raises Refused."""
    code = (code or "").strip()
    if not code:
        raise Refused({FIELD: NO_CORRIDOR})
    found = next((c for c in offered if c.code == code), None)
    if found is None:
        raise Refused({FIELD: NOT_YOURS})
    return found


def columns(corridor: Corridor) -> tuple[csv_export.Column, ...]:
    """The identifier's column is named by the corridor (« Numéro FINESS géographique »…)."""
    Column = csv_export.Column
    return (Column(corridor.identifier_label, Beneficiary.identifier),
            Column("Nom", Beneficiary.name), Column("Email", Beneficiary.email),
            Column("Téléphone", Beneficiary.phone),
            Column("Numéro de demande", FundingRequest.number),
            Column("Numéro éditeur", FundingRequest.publisher_number),
            Column("Type", FundingRequest.kind, csv_export.label(KIND_LABELS)),
            Column("Statut de la demande", FundingRequest.status, csv_export.label(STATUS_LABELS)))


def lines(account, corridor: Corridor):
    """The CSV of every beneficiary of the account's requests of `corridor`, by request number
    then in the file's order."""
    query = (Beneficiary.select().join(FundingRequest)
             .where(FundingRequest.account == account, FundingRequest.corridor == corridor)
             .order_by(FundingRequest.number, Beneficiary.position))
    return csv_export.export(columns(corridor), query)
