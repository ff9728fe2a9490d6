"""The instruction of an enrolment: one table of the moves allowed from each status, and one
function, apply(), that makes a move: the status, the date of the decision, one audit row, the
account of the holder when a validation opens access, and the e-mails through the outbox — in one
transaction, the mails handed to the worker once it is committed."""
import datetime
from dataclasses import dataclass, field

from flask import url_for
from werkzeug.routing import BuildError

from portal.extensions import db
from portal.models import Document, DocumentRequest, Enrolment, EnrolmentEvent
from portal.models.base import utcnow
from portal.models.enrolment import (AWAITING_DOCUMENTS, CERTIFICATES_TO_CHECK, IN_PROGRESS,
                                     PARTIAL, REJECTED, STATUS_LABELS, VALIDATED)
from portal.services.account import accounts
from portal.services.enrolment import corrections
from portal.services.core import links, outbox
from portal.services.core.document_types import REQUESTABLE, TYPES

VALIDATE = "valider"
VALIDATE_PARTIALLY = "valider_partiellement"
REQUEST_DOCUMENTS = "demander_pieces"
REJECT = "rejeter"
VALIDATE_CERTIFICATES = "valider_certificats"
SUPPLY_DOCUMENTS = "deposer_pieces"  # the operator, through the mailed link
SUPPLY_CERTIFICATES = "deposer_certificats"  # the operator, from the private space

BACK = "back"  # target of SUPPLY_DOCUMENTS: the status the documents were asked from
STAFF, HOLDER = "staff", "holder"
UPLOAD_LIFETIME = datetime.timedelta(days=15)

REASON_REQUIRED = "Indiquez le motif : il est repris dans le courriel envoyé au demandeur."
MESSAGE_REQUIRED = "Expliquez ce qui manque ou ce qui ne va pas : ce message est repris dans le courriel."
KINDS_REQUIRED = "Cochez au moins une pièce attendue ou une donnée à corriger."
DOCUMENT_MISSING = "Déposez ce document avant de terminer votre dépôt."
NOT_YOURS = "Vous n'avez pas le droit de faire ce changement de statut."


@dataclass(frozen=True)
class Move:
    label: str  # what the manager (or the operator) chooses, in French
    sources: tuple[str, ...]  # the statuses the move is allowed from
    target: str  # the status it leads to (BACK: the status before the request for documents)
    mail: str  # template email/<mail>.txt sent to the holder
    done: str  # the notice shown once the move is made
    by: str = STAFF
    needs_comment: str | None = None  # the message when the comment is required and missing
    opens_access: bool = False  # the holder gets an account (or access on the one known)
    anticipated_only: bool = False


MOVES = {
    VALIDATE: Move("Valider la demande", (IN_PROGRESS,), VALIDATED, "enrolment_validated",
                   "La demande est validée : les courriels ont été envoyés au demandeur.",
                   opens_access=True),
    VALIDATE_PARTIALLY: Move("Validation partielle (enrôlement anticipé)", (IN_PROGRESS,), PARTIAL,
                             "enrolment_partially_validated",
                             "La demande est partiellement validée : le demandeur est informé des "
                             "certificats à transmettre.", opens_access=True, anticipated_only=True),
    REQUEST_DOCUMENTS: Move("Demander des pièces", (IN_PROGRESS, CERTIFICATES_TO_CHECK),
                            AWAITING_DOCUMENTS, "enrolment_documents_requested",
                            "La demande de pièces a été envoyée au demandeur.",
                            needs_comment=MESSAGE_REQUIRED),
    REJECT: Move("Rejeter la demande",
                 (IN_PROGRESS, AWAITING_DOCUMENTS, CERTIFICATES_TO_CHECK, PARTIAL), REJECTED,
                 "enrolment_rejected", "La demande est rejetée : le motif a été envoyé au demandeur.",
                 needs_comment=REASON_REQUIRED),
    VALIDATE_CERTIFICATES: Move("Valider les certificats", (CERTIFICATES_TO_CHECK,), VALIDATED,
                                "enrolment_certificates_validated",
                                "Les certificats sont validés : la demande est validée."),
    SUPPLY_DOCUMENTS: Move("Terminer mon dépôt", (AWAITING_DOCUMENTS,), BACK,
                           "enrolment_documents_received",
                           "Votre dépôt est terminé : votre demande va être instruite par l'ASP.",
                           by=HOLDER),
    SUPPLY_CERTIFICATES: Move("Terminer mon dépôt", (PARTIAL,), CERTIFICATES_TO_CHECK,
                              "enrolment_certificates_received",
                              "Votre dépôt est terminé : vos certificats vont être vérifiés par l'ASP.",
                              by=HOLDER),
}


class WorkflowError(Exception):
    """A move refused; `errors` maps a field name ("action" for the move itself) to the French
    message to show beside it."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


@dataclass
class Outcome:
    enrolment: Enrolment
    event: EnrolmentEvent
    account: object = None  # the holder's account, when the move opened access
    account_created: bool = False
    mails: list = field(default_factory=list)


def allowed(enrolment: Enrolment, action: str) -> bool:
    move = MOVES.get(action)
    return bool(move) and enrolment.status in move.sources and (
        enrolment.anticipated or not move.anticipated_only)


def available(enrolment: Enrolment) -> list[tuple[str, Move]]:
    """The managers' decisions allowed from the enrolment's current status, in table order."""
    return [(action, move) for action, move in MOVES.items()
            if move.by == STAFF and allowed(enrolment, action)]


def actor_name(account) -> str:
    """« Prénom Nom (Gestionnaire ASP) », as the history shows who made a move."""
    return f"{account.full_name} ({account.role_label})"


def holder_name(enrolment: Enrolment) -> str:
    last_name, first_name = accounts.holder_names(enrolment)
    return f"{first_name} {last_name} (Demandeur)"


def open_request(enrolment: Enrolment) -> DocumentRequest | None:
    """The manager's request for documents not answered yet."""
    return (enrolment.document_requests.where(DocumentRequest.answered_at.is_null())
            .order_by(DocumentRequest.id.desc()).first())


def answered_documents(request: DocumentRequest) -> dict:
    """The documents deposited since the request, by type (the last one of each type)."""
    found = (Document.select().where(Document.enrolment == request.enrolment_id,
                                     Document.kind.in_(request.kinds),
                                     Document.created_at >= request.created_at)
             .order_by(Document.id))
    return {document.kind: document for document in found}


def certificates_required(enrolment: Enrolment) -> list[tuple[str, ...]]:
    """What finalises an anticipated enrolment: the referencing certificate and, for a DPI, the
    HDS certificate or the sworn statement. Each item is a tuple of types, one of which is due."""
    due = [("referencing_certificate",)]
    if enrolment.dsr.upper().startswith("DPI"):
        due.append(("hds_certificate", "hds_statement"))
    return due


def certificate_labels(enrolment: Enrolment) -> list[str]:
    return [" ou ".join(TYPES[kind].label for kind in kinds)
            for kinds in certificates_required(enrolment)]


def _refuse_actor(move: Move, enrolment: Enrolment, actor, link) -> None:
    if move.by == STAFF:
        if actor is None or not actor.is_staff:
            raise WorkflowError({"action": NOT_YOURS})
        return
    if actor is not None and enrolment.holder_id == actor.id:
        return
    if (actor is None and link is not None and link.purpose == links.UPLOAD_DOCUMENTS
            and link.enrolment_id == enrolment.id and link.used_at is None):
        return
    raise WorkflowError({"action": NOT_YOURS})


def _refuse_status(action: str, move: Move, enrolment: Enrolment) -> None:
    if move.anticipated_only and not enrolment.anticipated:
        raise WorkflowError({"action": f"« {move.label} » ne concerne que les enrôlements anticipés."})
    if enrolment.status not in move.sources:
        raise WorkflowError({"action": f"« {move.label} » n'est pas possible : la demande est au "
                                       f"statut « {enrolment.status_label} »."})


def _check_details(action: str, move: Move, enrolment: Enrolment, comment: str,
                   details: dict) -> dict:
    """What the move needs besides the status; returns the values it will use."""
    errors = {}
    if move.needs_comment and not comment:
        errors["comment"] = move.needs_comment
    found = {}
    if action == REQUEST_DOCUMENTS:
        kinds = [kind for kind in REQUESTABLE if kind in set(details.get("kinds") or [])]
        sections = corrections.known(details.get("sections"))
        if not kinds and not sections:
            errors["kinds"] = KINDS_REQUIRED
        found.update(kinds=kinds, sections=sections)
    if action == SUPPLY_DOCUMENTS:
        request = open_request(enrolment)
        deposited = answered_documents(request) if request else {}
        for kind in request.kinds if request else []:
            if kind not in deposited:
                errors["doc_" + kind] = DOCUMENT_MISSING
        found.update(request=request, documents=list(deposited.values()))
        if request and request.sections:
            cleaned, wrong = corrections.check(request.sections, details.get("corrections") or {})
            errors.update(wrong)
            found["corrections"] = cleaned
    if action == SUPPLY_CERTIFICATES:
        since = enrolment.decided_at or enrolment.submitted_at
        kinds = {d.kind for d in enrolment.documents.where(Document.created_at >= since)}
        for due in certificates_required(enrolment):
            if not kinds.intersection(due):
                errors["doc_" + due[0]] = DOCUMENT_MISSING
    if errors:
        raise WorkflowError(errors)
    return found


def _target(move: Move, enrolment: Enrolment) -> str:
    if move.target != BACK:
        return move.target
    asked = (enrolment.events.where(EnrolmentEvent.to_status == AWAITING_DOCUMENTS)
             .order_by(EnrolmentEvent.id.desc()).first())
    return asked.from_status if asked and asked.from_status in (IN_PROGRESS, CERTIFICATES_TO_CHECK) \
        else IN_PROGRESS


def set_password_url(token: str) -> str:
    try:
        return url_for("auth.set_password", purpose="creation", token=token, _external=True)
    except BuildError:  # the sign-in blueprint not registered (yet): the same path
        return url_for("public.site.index", _external=True).rstrip("/") + "/mot-de-passe/creation/" + token


def _history_comment(action: str, comment: str, found: dict) -> str:
    lines = []
    if action == REQUEST_DOCUMENTS:
        if found["kinds"]:
            lines.append("Pièces demandées : " + ", ".join(TYPES[k].label for k in found["kinds"]) + ".")
        if found["sections"]:
            lines.append("Données à corriger : " + ", ".join(corrections.labels(found["sections"])) + ".")
    if action == SUPPLY_DOCUMENTS:
        if found["documents"]:
            lines.append("Pièces déposées : " + ", ".join(
                f"{TYPES[d.kind].label} ({d.original_name})" for d in found["documents"]) + ".")
        if found.get("changes"):
            lines.append("Données corrigées : " + " ; ".join(found["changes"]) + ".")
    return "\n".join(lines + ([comment] if comment else []))


def apply(enrolment: Enrolment, action: str, actor_account, comment: str = "",
          **details) -> Outcome:
    """Make the move `action` on the enrolment, as `actor_account` (None for the holder coming
    through the upload link, passed as link=…). Raises WorkflowError when refused; nothing is
    written then."""
    move = MOVES.get(action)
    if move is None:
        raise WorkflowError({"action": "Choisissez une décision."})
    comment = (comment or "").strip()
    link = details.get("link")
    _refuse_actor(move, enrolment, actor_account, link)
    _refuse_status(action, move, enrolment)
    related = f"enrolment:{enrolment.id}"
    with db.database.atomic():
        found = _check_details(action, move, enrolment, comment, details)
        source, target, now = enrolment.status, _target(move, enrolment), utcnow()
        changes = {Enrolment.status: target}
        if move.by == STAFF:
            changes[Enrolment.decided_at] = now
        # Only from the status read above: a decision made meanwhile by someone else wins.
        if not Enrolment.update(changes).where(Enrolment.id == enrolment.id,
                                               Enrolment.status == source).execute():
            raise WorkflowError({"action": "La demande vient de changer de statut : rechargez la "
                                           "page avant de décider."})
        if link is not None and not links.spend(link):
            raise WorkflowError({"action": links.INVALID})
        enrolment.status = target
        if move.by == STAFF:
            enrolment.decided_at = now
        if "corrections" in found:
            found["changes"] = corrections.apply(enrolment, found["corrections"])
            enrolment.save(only=[Enrolment._meta.fields[name] for name in found["corrections"]])
        actor = actor_name(actor_account) if actor_account else holder_name(enrolment)
        event = EnrolmentEvent.create(enrolment=enrolment, from_status=source, to_status=target,
                                      actor=actor, comment=_history_comment(action, comment, found))
        outcome = Outcome(enrolment, event)
        context = dict(enrolment=enrolment, comment=comment, status_label=STATUS_LABELS[target])
        if move.opens_access:
            outcome.account, outcome.account_created = accounts.open_access(enrolment)
            context.update(account=outcome.account, account_created=outcome.account_created,
                           certificates=certificate_labels(enrolment))
        if action == REQUEST_DOCUMENTS:
            request = DocumentRequest(enrolment=enrolment, message=comment,
                                      requested_by=actor_account)
            request.kinds, request.sections = found["kinds"], found["sections"]
            request.save()
            token = links.make(links.UPLOAD_DOCUMENTS, enrolment=enrolment, lifetime=UPLOAD_LIFETIME)
            context.update(kinds=[TYPES[k].label for k in found["kinds"]],
                           sections=corrections.labels(found["sections"]), days=UPLOAD_LIFETIME.days,
                           link=url_for("public.deposit.page", token=token, _external=True))
        if action == SUPPLY_DOCUMENTS:
            found["request"].answered_at = now
            found["request"].save()
            context.update(documents=found["documents"], doc_types=TYPES,
                           changes=found.get("changes", []))
        outcome.mails.append(outbox.queue(enrolment.holder_email, move.mail, related=related,
                                          **context))
        if move.opens_access and outcome.account_created:
            token = links.make(links.SET_PASSWORD, account=outcome.account)
            outcome.mails.append(outbox.queue(enrolment.holder_email, "account_identifier",
                                              related=related, account=outcome.account,
                                              enrolment=enrolment))
            outcome.mails.append(outbox.queue(
                enrolment.holder_email, "account_set_password", related=related,
                account=outcome.account, enrolment=enrolment, link=set_password_url(token),
                hours=int(links.LIFETIME.total_seconds() // 3600)))
    outbox.dispatch()
    return outcome
