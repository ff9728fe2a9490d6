"""The JSON imports in the back-office (/gestion/importations): the list of every supplier's
imports, a table of the core component (filters « Fournisseur ou SIRET », « Couloir »,
« Statut » and the import dates; one query for the rows, the enrolment, the corridor and the
account joined, one COUNT), and one import's page (its facts in one query, its requests in
another). Staff only (the back-office's guard)."""
from portal.models import Account, Corridor, Enrolment, FundingRequest, JsonImport
from portal.models.funding import KIND_LABELS
from portal.models.imports import IMPORT_STATUS_LABELS
from portal.services.core.tables import CHOICE, RANGE, Column, Table


def _supplier(value):
    return Enrolment.denomination.contains(value) | Enrolment.siret.contains(value)


def table(corridors: dict) -> Table:
    """`corridors`: code → (id, label), as services/manager/dashboard.corridor_choices reads
    them."""
    return Table(
        name="importations",
        columns=(
            Column("identifiant", "Identifiant", JsonImport.id, filter=None),
            Column("date", "Date d'importation", JsonImport.created_at, filter=RANGE),
            Column("fournisseur", "Fournisseur", Enrolment.denomination, where=_supplier,
                   filter_label="Fournisseur ou SIRET",
                   hint="La dénomination ou le SIRET du fournisseur, ou une partie."),
            Column("couloir", "Couloir", Corridor.code, filter=CHOICE,
                   all_label="Tous les couloirs",
                   choices=tuple((code, label) for code, (_, label) in corridors.items())),
            Column("type", "Type de demande", JsonImport.kind, filter=None),
            Column("fichier", "Nom du fichier", JsonImport.filename, filter=None),
            Column("retenues", "Demandes retenues", JsonImport.requests_retained, filter=None),
            Column("statut", "Statut", JsonImport.status, filter=CHOICE,
                   all_label="Tous les statuts", choices=tuple(IMPORT_STATUS_LABELS.items())),
        ),
        default_sort="-date",
        tiebreak=JsonImport.id,
    )


def rows():
    """Every import with its supplier (the enrolment), its corridor and its account."""
    return (JsonImport.select(JsonImport, Enrolment, Corridor, Account)
            .join(Enrolment).switch(JsonImport).join(Corridor)
            .switch(JsonImport).join(Account))


def one(import_id: int) -> JsonImport | None:
    """The import with its enrolment, corridor and account: one query."""
    return rows().where(JsonImport.id == import_id).first()


def requests(json_import) -> list[FundingRequest]:
    """The requests the import filed, in their file's order (the incomplete ones too: the
    page says their status)."""
    return list(FundingRequest.select(FundingRequest.id, FundingRequest.number,
                                      FundingRequest.kind, FundingRequest.status,
                                      FundingRequest.publisher_number, FundingRequest.amount_ht)
                .where(FundingRequest.json_import == json_import)
                .order_by(FundingRequest.id))


def kind_label(json_import) -> str:
    return KIND_LABELS.get(json_import.kind, json_import.kind)
