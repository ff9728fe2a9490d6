"""The one workflow kernel. A workflow is a table of moves over one status column of one model;
a move says from which statuses, to which, by whom, what it needs (a comment, details checked by
its own function), what it changes besides the status (its effect), its mail and its notice.

`transition()` makes a move: it checks the actor, the status and the details, then in one
transaction changes the status by a conditional UPDATE (the first decision wins), runs the
effect, writes the audit row (who by account and role) and queues the mails, which the outbox
hands to the worker once committed. A refusal raises `Refused` with nothing written."""
from dataclasses import dataclass, field
from typing import Callable

from portal.extensions import db
from portal.models.base import utcnow
from portal.models.roles import BUDGET_OWNER as BUDGET_OWNER_ROLE, SYSTEM
from portal.services.core import outbox
from portal.services.core.errors import Refused

# Who may make a move.
HOLDER, STAFF, BUDGET_OWNER = "holder", "staff", "budget_owner"
CHOOSE = "Choisissez une décision."


@dataclass(frozen=True, eq=False)
class Move:
    label: str  # what is chosen, in French
    sources: tuple[str, ...]  # the statuses the move is allowed from
    target: str | Callable  # the status it leads to, or step → status
    done: str = ""  # the notice once made
    mail: str | None = None  # template email/<mail>.txt sent to the workflow's recipient
    by: str = STAFF  # HOLDER, STAFF, BUDGET_OWNER or roles.SYSTEM
    needs_comment: str | None = None  # the message when the comment is required and missing
    comment_label: str | None = None  # the comment's label on the decision form (None: no comment)
    check: Callable | None = None  # step → errors by field; fills step.found
    effect: Callable | None = None  # step → None: what the move changes besides the status
    condition: Callable | None = None  # record → bool, besides the source status
    condition_refusal: str | None = None  # the message when the condition fails
    asks: tuple[str, ...] = ()  # the details its decision form asks besides the comment
    mail_context: dict = field(default_factory=dict)  # what its mail says that the table knows
    secondary: bool = False  # a decision that closes the request (a secondary button)
    awaits: str = ""  # a holder's move: what the request waits for, as the staff reads it
    offered: bool = True  # False: never among the record's decisions (a payment batch makes it)


@dataclass(frozen=True, eq=False)
class Workflow:
    """One move table over `model.<column>`, and what every move of it shares."""
    model: type
    column: str
    moves: dict  # action → Move
    event_model: type  # the history table…
    event_key: str  # …and its foreign key to the record
    related: str  # outbox rows: "<related>:<id>"
    recipient: Callable  # step → the e-mail address of the mails
    mail_context: Callable  # step → the context every mail of the workflow gets
    not_yours: str
    not_possible: Callable  # (move, record) → the message when the status does not allow it
    changed: str  # the message when someone else moved first
    is_holder: Callable = lambda record, actor, details: False  # the holder acting?
    holder_role: Callable = lambda step: None  # step → (role, name) of a holder's audit row
    stamp: Callable = lambda step: {}  # step → columns every move sets with the status
    audit: Callable = lambda step: {}  # step → what the audit row says besides the statuses
    on_move: Callable | None = None  # step → None, after the UPDATE, for every move
    on_holder_move: Callable | None = None  # step → None, after the effect of a holder's move

    def log(self, record, source, target, role: str, name: str = "", account=None,
            comment: str = "", **extra):
        """One audit row, also for what is not a move (a filing, a replacement)."""
        return self.event_model.create(**{self.event_key: record}, from_status=source,
                                       to_status=target, actor_account=account, actor_role=role,
                                       actor_name=name, comment=comment, **extra)

    def allowed(self, record, action: str) -> bool:
        move = self.moves.get(action)
        return bool(move) and getattr(record, self.column) in move.sources and (
            move.condition is None or move.condition(record))

    def available(self, record, by: str = STAFF) -> list[tuple[str, Move]]:
        """The moves open to `by` from the record's status, in table order."""
        return [(action, move) for action, move in self.moves.items()
                if move.by == by and move.offered and self.allowed(record, action)]

    def awaited(self, record) -> str:
        """What the record waits for from its holder, if a holder's move is open."""
        return next((move.awaits for _, move in self.available(record, HOLDER) if move.awaits), "")


@dataclass
class Step:
    """A move being made: what the check found, what the effect adds to the mail and the
    history, and the mails that follow the move's own."""
    workflow: Workflow
    record: object
    action: str
    move: Move
    actor: object  # the Account, or None (the holder through a mailed link, the portal)
    comment: str
    details: dict
    source: str = ""
    target: str = ""
    now: object = None
    found: dict = field(default_factory=dict)
    history: list = field(default_factory=list)  # lines of the audit row before the comment
    mail: dict = field(default_factory=dict)
    follow_up: list = field(default_factory=list)  # (template, context) queued after the move's
    then: list = field(default_factory=list)  # callables run once the move's audit row is written
    event: object = None
    extra: dict = field(default_factory=dict)  # what the effect hands back to the caller

    def set(self, **values) -> None:
        """Change more columns of the record, in the move's transaction."""
        model = type(self.record)
        model.update(**values).where(model.id == self.record.id).execute()
        for name, value in values.items():
            setattr(self.record, name, value)

    def __getattr__(self, name):  # outcome.account, outcome.account_created…
        try:
            return self.__dict__["extra"][name]
        except KeyError:
            raise AttributeError(name) from None


def _refuse_actor(workflow: Workflow, move: Move, record, actor, details: dict) -> None:
    if move.by == SYSTEM:
        ok = actor is None
    elif move.by == HOLDER:
        ok = workflow.is_holder(record, actor, details)
    elif move.by == BUDGET_OWNER:
        ok = actor is not None and actor.role == BUDGET_OWNER_ROLE
    else:
        ok = actor is not None and actor.is_staff
    if not ok:
        raise Refused({"action": workflow.not_yours})


def _refuse_status(workflow: Workflow, move: Move, record) -> None:
    if move.condition is not None and not move.condition(record):
        raise Refused({"action": move.condition_refusal or workflow.not_possible(move, record)})
    if getattr(record, workflow.column) not in move.sources:
        raise Refused({"action": workflow.not_possible(move, record)})


def _audit_actor(step: Step) -> tuple[str, str]:
    if step.move.by == HOLDER:
        return step.workflow.holder_role(step)
    if step.actor is None:
        return SYSTEM, ""
    return step.actor.role, step.actor.full_name


def transition(workflow: Workflow, record, action: str, actor, comment: str = "",
               **details) -> Step:
    """Make the move `action` on `record` as `actor`; raises Refused (by field, "action" for the
    move itself) with nothing written."""
    move = workflow.moves.get(action)
    if move is None:
        raise Refused({"action": CHOOSE})
    step = Step(workflow, record, action, move, actor, (comment or "").strip(), details)
    _refuse_actor(workflow, move, record, actor, details)
    _refuse_status(workflow, move, record)
    model, column = workflow.model, getattr(workflow.model, workflow.column)
    with db.database.atomic():
        errors = {"comment": move.needs_comment} if move.needs_comment and not step.comment else {}
        if move.check:
            errors.update(move.check(step))
        if errors:
            raise Refused(errors)
        step.source, step.now = getattr(record, workflow.column), utcnow()
        step.target = move.target(step) if callable(move.target) else move.target
        changes = {workflow.column: step.target, **workflow.stamp(step)}
        # Only from the status read above: a decision made meanwhile by someone else wins.
        if not model.update(**changes).where(model.id == record.id, column == step.source).execute():
            raise Refused({"action": workflow.changed})
        for name, value in changes.items():
            setattr(record, name, value)
        if workflow.on_move:
            workflow.on_move(step)
        if move.effect:
            move.effect(step)
        if move.by == HOLDER and workflow.on_holder_move:
            workflow.on_holder_move(step)
        role, name = _audit_actor(step)
        audit = {"source": step.source, "target": step.target, **workflow.audit(step)}
        step.event = workflow.log(record, audit.pop("source"), audit.pop("target"), role, name,
                                  step.actor, "\n".join(filter(None, step.history + [step.comment])),
                                  **audit)
        for later in step.then:
            later()
        related = f"{workflow.related}:{record.id}"
        if move.mail:
            outbox.queue(workflow.recipient(step), move.mail, related=related,
                         **{**workflow.mail_context(step), **move.mail_context, **step.mail})
        for template, context in step.follow_up:
            outbox.queue(workflow.recipient(step), template, related=related, **context)
    return step
