"""« Gérer mes importations JSONs » (guide 003 §4.1): the signed-in account's imports as a table of
the core component (services/core/tables.py) — 9 columns, filters « Numéro ANS », « Type » and
the two dates (both required). One query for the rows (the enrolment joined), one COUNT; the
index (account_id, created_at) of migration 0027 serves the default sort."""
from portal.models import Enrolment, JsonImport
from portal.models.funding import KIND_LABELS
from portal.models.imports import AWAITING_DOCUMENTS
from portal.services.core.tables import CHOICE, RANGE, Column, Table

TABLE = Table(
    name="importations",
    columns=(
        Column("identifiant", "Identifiant", JsonImport.id, filter=None),
        Column("date", "Date d'importation", JsonImport.created_at, filter=RANGE),
        Column("ans", "Numéro ANS", Enrolment.ans_number,
               hint="Le numéro de référencement ANS du logiciel, ou une partie."),
        Column("type", "Type de demande", JsonImport.kind, filter=CHOICE, filter_label="Type",
               choices=tuple(KIND_LABELS.items())),
        Column("fichier", "Nom du fichier", JsonImport.filename, filter=None),
        Column("demandes", "Nbre de demandes", JsonImport.requests_total, filter=None),
        Column("retenues", "Nbre de demandes retenues", JsonImport.requests_retained, filter=None),
        Column("rejetees", "Nombre de demandes rejetées", JsonImport.requests_rejected,
               filter=None),
    ),
    default_sort="-date",
    tiebreak=JsonImport.id,
)


def listed(account):
    """The account's imports with the columns shown (and the enrolment's ANS number)."""
    return (JsonImport.select(JsonImport.id, JsonImport.created_at, JsonImport.kind,
                              JsonImport.filename, JsonImport.requests_total,
                              JsonImport.requests_retained, JsonImport.requests_rejected,
                              (JsonImport.status == AWAITING_DOCUMENTS).alias("awaits_documents"),
                              Enrolment.id, Enrolment.ans_number)
            .join(Enrolment).where(JsonImport.account == account))
