"""The managers' queue of enrolments, a table of the core component (services/core/tables.py):
by status, kind and filing dates, oldest first, 20 a page — one query for the rows, one COUNT."""
from portal.models import Enrolment
from portal.models.enrolment import STATUS_LABELS
from portal.models.messages import ENROLMENT
from portal.services.core.tables import CHOICE, SINCE, UNTIL, Column, Table
from portal.services.enrolment.operator_table import of_kind
from portal.services.messaging import follow

KINDS = (("initial", "Enrôlement initial"), ("complementaire", "Enrôlement complémentaire"),
         ("anticipe", "Enrôlement anticipé (initial ou complémentaire)"))
FILED_ON = "Date de dépôt de la demande, au format JJ/MM/AAAA."

TABLE = Table(
    name="enrolements",
    columns=(
        Column("numero", "Numéro demande", Enrolment.number, filter=None),
        Column("depot", "Date de dépôt", Enrolment.submitted_at, filter=None),
        Column("statut", "Statut", Enrolment.status, filter=CHOICE, all_label="Tous les statuts",
               choices=tuple(STATUS_LABELS.items())),
        Column("fournisseur", "Fournisseur", Enrolment.denomination, filter=None, sortable=False),
        Column("siret", "Siret fournisseur", Enrolment.siret, filter=None),
        Column("logiciel", "Logiciel", filter=None, sortable=False),
        Column("profil", "Profil référencé", filter=None, sortable=False),
        Column("type", "Type d'enrôlement", Enrolment.kind, filter=CHOICE, choices=KINDS,
               all_label="Tous les types", where=of_kind, sortable=False),
        Column("du", "Déposée à partir du (facultatif)", Enrolment.submitted_at, filter=SINCE,
               hint=FILED_ON, shown=False, sortable=False),
        Column("au", "Déposée jusqu'au (facultatif)", Enrolment.submitted_at, filter=UNTIL,
               since="du", hint=FILED_ON, shown=False, sortable=False),
        follow.assignment_column(),
    ),
    default_sort="depot",
    tiebreak=Enrolment.id,
    id_prefix="",
    table_id="table-enrolements",
)


def rows():
    """Every enrolment filed, with who follows it and its unread messages (one query)."""
    return follow.with_follow_up(Enrolment.select(), ENROLMENT, Enrolment.id)
