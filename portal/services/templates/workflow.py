"""The moves of a document template, on the one workflow kernel (services/core/workflow.py): the
supplier validates its import (« Valider l'import »), which sends it for review; a manager
accepts it, or rejects it with a comment. Each move is audited and mailed to the supplier."""
from portal.models import Account, DocumentTemplate, DocumentTemplateEvent
from portal.models.roles import HOLDER as HOLDER_ROLE
from portal.models.templates import ACCEPTED, IMPORTED, PENDING, REJECTED
from portal.services.core.document_types import TYPES
from portal.services.core.workflow import HOLDER, STAFF, Move, Step, Workflow

VALIDATE, ACCEPT, REJECT = "valider", "accepter", "rejeter"
REASON_REQUIRED = ("Indiquez pourquoi ce modèle est rejeté : le commentaire est repris dans le "
                   "courriel au fournisseur.")
NOT_YOURS = "Vous n'avez pas le droit de faire ce changement."
NOT_POSSIBLE = {VALIDATE: "Cet import est déjà validé.",
                ACCEPT: "Ce modèle a déjà été instruit.", REJECT: "Ce modèle a déjà été instruit."}


def _account(step: Step) -> Account:
    """The supplier the mails go to, read once per move."""
    if "account" not in step.found:
        step.found["account"] = Account.get_by_id(step.record.account_id)
    return step.found["account"]


def _mail_context(step: Step) -> dict:
    template = step.record
    return {"account": _account(step), "sent": template, "comment": step.comment,
            "type_label": TYPES[template.kind].label}


def _stamp(step: Step) -> dict:
    """The supplier's validation dates the sending; a decision says who, when and why."""
    if step.move.by == HOLDER:
        return {"submitted_at": step.now}
    return {"decided_at": step.now, "decided_by": step.actor.id, "comment": step.comment}


MOVES = {
    VALIDATE: Move("Valider l'import", (IMPORTED,), PENDING, mail="template_submitted", by=HOLDER),
    ACCEPT: Move("Accepter", (PENDING,), ACCEPTED, mail="template_accepted",
                 comment_label="Commentaire (obligatoire pour un rejet)"),
    REJECT: Move("Rejeter", (PENDING,), REJECTED, mail="template_rejected",
                 needs_comment=REASON_REQUIRED, secondary=True,
                 comment_label="Commentaire (obligatoire pour un rejet)"),
}

WORKFLOW = Workflow(
    DocumentTemplate, "status", MOVES, DocumentTemplateEvent, "template", "template",
    recipient=lambda step: _account(step).email, mail_context=_mail_context,
    not_yours=NOT_YOURS, not_possible=lambda move, record: next(
        (NOT_POSSIBLE[action] for action, m in MOVES.items() if m is move), NOT_YOURS),
    changed="Ce modèle vient d'être instruit par quelqu'un d'autre : rechargez la page.",
    is_holder=lambda record, actor, details: actor is not None and actor.id == record.account_id,
    holder_role=lambda step: (HOLDER_ROLE, step.actor.full_name), stamp=_stamp)


def log_import(template: DocumentTemplate, account, comment: str):
    """The supplier's import, first row of the template's history."""
    return WORKFLOW.log(template, None, IMPORTED, HOLDER_ROLE, account.full_name, account, comment)


def history(template: DocumentTemplate) -> list[DocumentTemplateEvent]:
    return list(template.events.order_by(DocumentTemplateEvent.id))


def decisions(template: DocumentTemplate):
    """The staff's moves open on the template (none once decided)."""
    return WORKFLOW.available(template, STAFF)
