"""What an operator asks from « Mon compte » (a new bank detail, a change of its natural persons)
is decided by a manager the same way: validated, or refused with a reason. One move table shape on
the workflow kernel (services/core/workflow.py), built for each kind of request."""
from typing import Callable

from portal.models.bank import PENDING, REFUSED, VALIDATED
from portal.models.roles import HOLDER
from portal.services.core.workflow import Move, Step, Workflow

VALIDATE, REFUSE = "valider", "refuser"
REASON_REQUIRED = "Indiquez le motif du refus : il est repris dans le courriel à l'opérateur."
NOT_PENDING = "Cette demande a déjà été instruite."
NOT_YOURS = "Vous n'avez pas le droit de faire ce changement."


def workflow(model: type, event_model: type, event_key: str, related: str, mail_name: str,
             on_validate: Callable) -> Workflow:
    """The two moves of a request of `model`: their mails are email/<event_key>_validated.txt
    and _refused.txt, which name the request `mail_name`; `on_validate(step)` is what a
    validation changes."""
    def context(step: Step) -> dict:
        account = type(step.record.account).get_by_id(step.record.account_id)  # as validated
        return {"account": account, "comment": step.comment, mail_name: step.record}

    moves = {
        VALIDATE: Move("Valider", (PENDING,), VALIDATED, mail=f"{event_key}_validated", effect=on_validate),
        REFUSE: Move("Refuser", (PENDING,), REFUSED, mail=f"{event_key}_refused",
                     needs_comment=REASON_REQUIRED, secondary=True),
    }
    return Workflow(model, "status", moves, event_model, event_key, related,
                    recipient=lambda step: context(step)["account"].email,
                    mail_context=context, not_yours=NOT_YOURS,
                    not_possible=lambda move, record: NOT_PENDING, changed=NOT_PENDING,
                    stamp=lambda step: {"decided_at": step.now})


def log_filing(workflow: Workflow, record, account, comment: str):
    """The operator's own request, first row of its history."""
    return workflow.log(record, None, PENDING, HOLDER, account.full_name, account, comment)
