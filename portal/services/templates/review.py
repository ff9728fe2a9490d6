"""The managers' side of document templates: « Instruction » › « Modèles de pièces
justificatives », a queue of the core table component (by status and type, the oldest sent
first, each row with its account and document in the same query), and the document shown in the
browser for review."""
from portal import formatting
from portal.models import Account, Document, DocumentTemplate
from portal.models.templates import IMPORTED, REVIEWED_STATUS_LABELS
from portal.services.account.queues import OPERATOR
from portal.services.core.document_types import TYPES
from portal.services.core.tables import CHOICE, Column, Table
from portal.services.templates.submissions import describe, kind_choices

TABLE = Table(
    name="modeles",
    columns=(
        Column("envoye", "Envoyé le", DocumentTemplate.submitted_at, filter=None),
        OPERATOR,
        Column("type", "Type de document", DocumentTemplate.kind, filter=CHOICE,
               all_label="Tous les types", choices=tuple(kind_choices())),
        Column("fichier", "Fichier", Document.original_name, filter=None, sortable=False),
        Column("statut", "Statut", DocumentTemplate.status, filter=CHOICE,
               all_label="Tous les statuts", choices=tuple(REVIEWED_STATUS_LABELS.items())),
    ),
    default_sort="envoye",
    tiebreak=DocumentTemplate.id,
    id_prefix="",
    table_id="modeles-a-instruire",
)


def _with_account_and_document():
    return (DocumentTemplate.select(DocumentTemplate, Account, Document)
            .join(Account, on=(DocumentTemplate.account == Account.id))
            .switch(DocumentTemplate).join(Document))


def rows():
    """The templates sent for review (an import not validated is the supplier's alone)."""
    return _with_account_and_document().where(DocumentTemplate.status != IMPORTED)


def template(template_id: int) -> DocumentTemplate | None:
    """One template sent for review, with its account and document (one query)."""
    return rows().where(DocumentTemplate.id == template_id).first()


def is_image(document: Document) -> bool:
    return document.content_type.startswith("image/")


def facts(template: DocumentTemplate) -> list[tuple[str, str]]:
    """What the review page says of the template, in the order it says it."""
    account = template.account
    shown = [("Fournisseur", f"{account.full_name} — identifiant {account.uid}"),
             ("SIRET", template.siret), ("Type de document", TYPES[template.kind].label),
             ("Fichier", f"{template.document.original_name} ({describe(template)})"),
             ("Envoyé le", formatting.date_time(template.submitted_at))]
    if template.decided_at:
        shown.append(("Instruit le", formatting.date_time(template.decided_at)))
    return shown
