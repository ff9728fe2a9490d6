"""The actions a manager makes on many dossiers of a queue at once: ask the same document, send
the same message, give them to a manager. Each dossier still gets its own audited move (the
workflow kernel), message or follow-up, in its own transaction: one refused leaves the others
done, and the summary says, dossier by dossier, what was done and what was refused and why."""
from dataclasses import dataclass

from werkzeug.datastructures import MultiDict

from portal.models import Account
from portal.models.messages import ENROLMENT, FUNDING
from portal.models.roles import STAFF_ROLES
from portal.services.core import tables
from portal.services.core.errors import Refused, refuse_if
from portal.services.enrolment import workflow as enrolment_workflow
from portal.services.funding import workflow as funding_workflow
from portal.services.messaging import dossiers, follow, thread

ASK, MESSAGE, ASSIGN = "demander", "message", "confier"
ACTIONS = {
    ENROLMENT: {ASK: "Demander les mêmes pièces", MESSAGE: "Envoyer le même message",
                ASSIGN: "Confier à un gestionnaire"},
    FUNDING: {ASK: "Demander une pièce justificative", MESSAGE: "Envoyer le même message",
              ASSIGN: "Confier à un gestionnaire"},
}
MOST = 200  # dossiers at most in one action
CHOOSE_ACTION = "Choisissez une action."
CHOOSE_DOSSIERS = "Cochez au moins une demande, ou « toutes les demandes du filtre »."
TOO_MANY = f"Au plus {MOST} demandes à la fois : affinez le filtre."
COMMENT_REQUIRED = "Saisissez le message : il est envoyé à chaque opérateur."
KINDS_REQUIRED = "Cochez au moins une pièce attendue."
FOLLOWER_REQUIRED = "Choisissez le gestionnaire qui suivra ces demandes."


@dataclass(frozen=True)
class Outcome:
    reference: str
    url: str
    done: bool
    message: str  # what was done, or why it was refused


def _check(kind: str, action: str, count: int, values: dict) -> dict:
    errors = {}
    if action not in ACTIONS[kind]:
        errors["action"] = CHOOSE_ACTION
    if not count:
        errors["selection"] = CHOOSE_DOSSIERS
    elif count > MOST:
        errors["selection"] = TOO_MANY
    if action in (ASK, MESSAGE) and not (values.get("comment") or "").strip():
        errors["comment"] = COMMENT_REQUIRED
    if action == ASK and kind == ENROLMENT and not values.get("kinds"):
        errors["kinds"] = KINDS_REQUIRED
    if action == ASSIGN and values.get("follower") is None:
        errors["follower"] = FOLLOWER_REQUIRED
    return errors


def follower(value) -> Account | None:
    try:
        return Account.get_or_none(Account.id == int(value), Account.role.in_(STAFF_ROLES),
                                   Account.active == True)  # noqa: E712
    except (TypeError, ValueError):
        return None


def _one(kind: str, record, action: str, actor, values: dict) -> str:
    """Make the action on one dossier; its notice, or raises Refused."""
    dossier = dossiers.of(kind, record)
    if action == MESSAGE:
        thread.post(dossier, actor, values["comment"])
        return "Message envoyé."
    if action == ASSIGN:
        follow.assign(dossier, values["follower"], actor)
        return f"Suivie par {values['follower'].full_name}."
    if kind == ENROLMENT:
        step = enrolment_workflow.apply(record, enrolment_workflow.REQUEST_DOCUMENTS, actor,
                                        values["comment"], kinds=values.get("kinds") or [],
                                        sections=[])
    else:
        step = funding_workflow.apply(record, funding_workflow.ASK_DOCUMENT, actor,
                                      values["comment"])
    return step.move.done


FILTER = "filtre-"  # the queue's filters, carried by the bulk form for « toutes les demandes du filtre »


def filter_args(form) -> MultiDict:
    """The queue's query string as the bulk form carried it."""
    return MultiDict([(name[len(FILTER):], value) for name, value in form.items(multi=True)
                      if name.startswith(FILTER)])


def chosen(table, query, key, form) -> list:
    """The dossiers of the queue (`query` of `table`, `key` its id column) the form names: the
    boxes checked (`dossier`), or all those its filters select (`tout`): MOST + 1 at most, so that
    too many is said rather than cut."""
    if form.get("tout"):
        query = tables.prepare(table, query, filter_args(form))[1]
    else:
        ids = {int(v) for v in form.getlist("dossier") if v.isdigit()}
        query = query.where(key.in_(ids)).order_by(key)
    return list(query.limit(MOST + 1))


def run(kind: str, records: list, action: str, actor, values: dict) -> list[Outcome]:
    """`records`: the dossiers chosen (at most MOST); `values`: comment, kinds, follower (an id).
    Raises Refused (by field) when the action itself is incomplete, with nothing done."""
    values = {**values, "follower": follower(values.get("follower")) if action == ASSIGN else None}
    refuse_if(_check(kind, action, len(records), values))
    outcomes = []
    for record in records:
        dossier = dossiers.of(kind, record)
        try:
            done = _one(kind, record, action, actor, values)
        except Refused as exc:
            outcomes.append(Outcome(dossier.reference, dossier.url(staff=True), False, exc.message))
        else:
            outcomes.append(Outcome(dossier.reference, dossier.url(staff=True), True, done))
    return outcomes
