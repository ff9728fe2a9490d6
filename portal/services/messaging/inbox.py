"""« Messages reçus »: the other side's messages on the reader's dossiers (an operator: the ASP's
on their own; the staff: the operators' on all), newest first, a table of the core component
(one query for the rows, one COUNT). Each row opens its dossier's page."""
from flask import url_for

from portal.models.messages import DossierMessage
from portal.services.core.tables import CHOICE, TEXT, Column, Table
from portal.services.messaging.dossiers import KINDS

UNREAD, READ = "non-lus", "lus"

TABLE = Table(
    name="messages",
    columns=(
        Column("recu", "Reçu le", DossierMessage.created_at, filter=None),
        Column("dossier", "Dossier", DossierMessage.reference, filter=TEXT,
               filter_label="Numéro du dossier"),
        Column("de", "De", DossierMessage.author_name, filter=None, sortable=False),
        Column("etat", "État", DossierMessage.read_at, filter=CHOICE, all_label="Tous",
               choices=((UNREAD, "Non lus"), (READ, "Lus")), sortable=False,
               where=lambda value: DossierMessage.read_at.is_null(value == UNREAD)),
    ),
    default_sort="-recu",
    tiebreak=DossierMessage.id,
)


def received(account):
    query = DossierMessage.select().where(DossierMessage.from_staff == (not account.is_staff))
    return query if account.is_staff else query.where(DossierMessage.holder == account.id)


def link(message, staff: bool) -> str:
    """The page of the message's dossier, for the reader's side."""
    kind = KINDS[message.dossier_kind]
    endpoint, argument = kind.staff_page if staff else kind.operator_page
    return url_for(endpoint, **{argument: message.reference}) + "#messagerie"
