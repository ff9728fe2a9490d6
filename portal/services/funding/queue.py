"""The managers' queue of funding requests, a table of the core component (services/core/tables.py):
by status and kind, the oldest change first, 20 a page; each row with its enrolment in the same
query (a join), one COUNT."""
from portal.models import Enrolment, FundingRequest
from portal.models.funding import INCOMPLETE, KIND_LABELS, LISTED_STATUS_LABELS
from portal.models.messages import FUNDING
from portal.services.core.tables import CHOICE, Column, Table
from portal.services.messaging import follow

TABLE = Table(
    name="financements",
    columns=(
        Column("numero", "Numéro de demande", FundingRequest.number, filter=None),
        Column("type", "Type", FundingRequest.kind, filter=CHOICE, all_label="Avance et solde",
               choices=tuple(KIND_LABELS.items())),
        Column("operateur", "Opérateur", Enrolment.denomination, filter=None, sortable=False),
        Column("logiciel", "Logiciel", FundingRequest.software, filter=None, sortable=False),
        Column("depot", "Date de dépôt", FundingRequest.created_at, filter=None),
        Column("statut", "Statut", FundingRequest.status, filter=CHOICE,
               filter_label="Statut de la demande", all_label="Tous les statuts",
               choices=tuple(LISTED_STATUS_LABELS.items())),
        Column("paiement", "Etat du dernier paiement", FundingRequest.payment_state, filter=None),
        Column("montant", "Montant HT", FundingRequest.amount_ht, filter=None, sortable=False),
        Column("changement", "Dernier changement", FundingRequest.status_changed_at, filter=None,
               shown=False),
        follow.assignment_column(),
    ),
    default_sort="changement",
    tiebreak=FundingRequest.id,
    id_prefix="",
    table_id="demandes-financement",
)


def rows():
    """Every funding request with its enrolment (the operator's name) in one query; not the
    incomplete ones (a JSON import awaiting its documents: unseen by managers, 003 §9)."""
    query = (FundingRequest.select(FundingRequest, Enrolment).join(Enrolment)
             .where(FundingRequest.status != INCOMPLETE))
    return follow.with_follow_up(query, FUNDING, FundingRequest.id)  # who follows it, unread
