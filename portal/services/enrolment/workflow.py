"""The instruction of an enrolment: its move table on the workflow kernel (services/core/
workflow.py). Each move's own check and effect say what it needs and changes besides the status:
the holder's account when a validation opens access, the request for documents and its upload
link, the documents and corrections deposited."""
import datetime

from flask import url_for

from portal.models import Document, DocumentRequest, Enrolment, EnrolmentEvent
from portal.models.enrolment import (AWAITING_DOCUMENTS, CERTIFICATES_TO_CHECK, IN_PROGRESS,
                                     PARTIAL, REJECTED, STATUS_LABELS, VALIDATED)
from portal.models.messages import ENROLMENT
from portal.models.roles import APPLICANT
from portal.services.account import accounts
from portal.services.core import links
from portal.services.core.document_types import REQUESTABLE, TYPES
from portal.services.core.errors import Refused
from portal.services.core.workflow import HOLDER, Move, Step, Workflow, transition
from portal.services.enrolment import corrections
from portal.services.messaging import follow

VALIDATE = "valider"
VALIDATE_PARTIALLY = "valider_partiellement"
REQUEST_DOCUMENTS = "demander_pieces"
REJECT = "rejeter"
VALIDATE_CERTIFICATES = "valider_certificats"
SUPPLY_DOCUMENTS = "deposer_pieces"  # the operator, through the mailed link
SUPPLY_CERTIFICATES = "deposer_certificats"  # the operator, from the private space

UPLOAD_LIFETIME = datetime.timedelta(days=15)

REASON_REQUIRED = "Indiquez le motif : il est repris dans le courriel envoyé au demandeur."
MESSAGE_REQUIRED = "Expliquez ce qui manque ou ce qui ne va pas : ce message est repris dans le courriel."
KINDS_REQUIRED = "Cochez au moins une pièce attendue ou une donnée à corriger."
DOCUMENT_MISSING = "Déposez ce document avant de terminer votre dépôt."
NOT_YOURS = "Vous n'avez pas le droit de faire ce changement de statut."
CHANGED = "La demande vient de changer de statut : rechargez la page avant de décider."


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


def set_password_url(token: str) -> str:
    return url_for("auth.set_password", purpose="creation", token=token, _external=True)


def _open_access(step: Step) -> None:
    """A validation: the holder gets an account (or access on the one known by its address)."""
    enrolment = step.record
    account, created = accounts.open_access(enrolment)
    step.extra.update(account=account, account_created=created)
    step.mail.update(account=account, account_created=created,
                     certificates=certificate_labels(enrolment))
    if created:
        token = links.make(links.SET_PASSWORD, account=account)
        step.follow_up += [
            ("account_identifier", dict(account=account, enrolment=enrolment)),
            ("account_set_password", dict(account=account, enrolment=enrolment,
                                          link=set_password_url(token),
                                          hours=int(links.LIFETIME.total_seconds() // 3600)))]


def _check_request(step: Step) -> dict:
    kinds = [kind for kind in REQUESTABLE if kind in set(step.details.get("kinds") or [])]
    sections = corrections.known(step.details.get("sections"))
    step.found.update(kinds=kinds, sections=sections)
    return {} if kinds or sections else {"kinds": KINDS_REQUIRED}


def _request_documents(step: Step) -> None:
    """The request for documents (and data to correct), and the link that answers it."""
    enrolment, kinds, sections = step.record, step.found["kinds"], step.found["sections"]
    request = DocumentRequest(enrolment=enrolment, message=step.comment, requested_by=step.actor)
    request.kinds, request.sections = kinds, sections
    request.save()
    token = links.make(links.UPLOAD_DOCUMENTS, enrolment=enrolment, lifetime=UPLOAD_LIFETIME)
    if kinds:
        step.history.append("Pièces demandées : " + ", ".join(TYPES[k].label for k in kinds) + ".")
    if sections:
        step.history.append("Données à corriger : " + ", ".join(corrections.labels(sections)) + ".")
    step.mail.update(kinds=[TYPES[k].label for k in kinds], sections=corrections.labels(sections),
                     days=UPLOAD_LIFETIME.days,
                     link=url_for("public.deposit.page", token=token, _external=True))


def _check_deposit(step: Step) -> dict:
    errors = {}
    request = open_request(step.record)
    deposited = answered_documents(request) if request else {}
    for kind in request.kinds if request else []:
        if kind not in deposited:
            errors["doc_" + kind] = DOCUMENT_MISSING
    step.found.update(request=request, documents=list(deposited.values()))
    if request and request.sections:
        cleaned, wrong = corrections.check(request.sections, step.details.get("corrections") or {})
        errors.update(wrong)
        step.found["corrections"] = cleaned
    return errors


def _answer_request(step: Step) -> None:
    """The documents deposited answer the request; the data corrected replace the enrolment's."""
    enrolment, found = step.record, step.found
    found["request"].answered_at = step.now
    found["request"].save()
    changes = []
    if "corrections" in found:
        changes = corrections.apply(enrolment, found["corrections"])
        enrolment.save(only=[Enrolment._meta.fields[name] for name in found["corrections"]])
    if found["documents"]:
        step.history.append("Pièces déposées : " + ", ".join(
            f"{TYPES[d.kind].label} ({d.original_name})" for d in found["documents"]) + ".")
    if changes:
        step.history.append("Données corrigées : " + " ; ".join(changes) + ".")
    step.mail.update(documents=found["documents"], doc_types=TYPES, changes=changes)


def _check_certificates(step: Step) -> dict:
    enrolment = step.record
    since = enrolment.decided_at or enrolment.submitted_at
    kinds = {d.kind for d in enrolment.documents.where(Document.created_at >= since)}
    return {"doc_" + due[0]: DOCUMENT_MISSING for due in certificates_required(enrolment)
            if not kinds.intersection(due)}


def back(step: Step) -> str:
    """Documents supplied: back to the status they were asked from."""
    asked = (step.record.events.where(EnrolmentEvent.to_status == AWAITING_DOCUMENTS,
                                       EnrolmentEvent.from_status != AWAITING_DOCUMENTS)
             .order_by(EnrolmentEvent.id.desc()).first())
    return asked.from_status if asked and asked.from_status in (IN_PROGRESS, CERTIFICATES_TO_CHECK) \
        else IN_PROGRESS


MOVES = {
    VALIDATE: Move("Valider la demande", (IN_PROGRESS,), VALIDATED,
                   "La demande est validée : les courriels ont été envoyés au demandeur.",
                   "enrolment_validated", effect=_open_access),
    VALIDATE_PARTIALLY: Move("Validation partielle (enrôlement anticipé)", (IN_PROGRESS,), PARTIAL,
                             "La demande est partiellement validée : le demandeur est informé des "
                             "certificats à transmettre.", "enrolment_partially_validated",
                             effect=_open_access, condition=lambda enrolment: enrolment.anticipated,
                             condition_refusal="« Validation partielle (enrôlement anticipé) » ne "
                                               "concerne que les enrôlements anticipés."),
    REQUEST_DOCUMENTS: Move("Demander des pièces", (IN_PROGRESS, CERTIFICATES_TO_CHECK),
                            AWAITING_DOCUMENTS, "La demande de pièces a été envoyée au demandeur.",
                            "enrolment_documents_requested", needs_comment=MESSAGE_REQUIRED,
                            check=_check_request, effect=_request_documents,
                            asks=("kinds", "sections")),
    REJECT: Move("Rejeter la demande",
                 (IN_PROGRESS, AWAITING_DOCUMENTS, CERTIFICATES_TO_CHECK, PARTIAL), REJECTED,
                 "La demande est rejetée : le motif a été envoyé au demandeur.",
                 "enrolment_rejected", needs_comment=REASON_REQUIRED, secondary=True),
    VALIDATE_CERTIFICATES: Move("Valider les certificats", (CERTIFICATES_TO_CHECK,), VALIDATED,
                                "Les certificats sont validés : la demande est validée.",
                                "enrolment_certificates_validated"),
    SUPPLY_DOCUMENTS: Move("Terminer mon dépôt", (AWAITING_DOCUMENTS,), back,
                           "Votre dépôt est terminé : votre demande va être instruite par l'ASP.",
                           "enrolment_documents_received", by=HOLDER, check=_check_deposit,
                           effect=_answer_request,
                           awaits="la demande attend les pièces du demandeur"),
    SUPPLY_CERTIFICATES: Move("Terminer mon dépôt", (PARTIAL,), CERTIFICATES_TO_CHECK,
                              "Votre dépôt est terminé : vos certificats vont être vérifiés par l'ASP.",
                              "enrolment_certificates_received", by=HOLDER,
                              check=_check_certificates,
                              awaits="la demande attend les certificats du demandeur"),
}


def _is_holder(enrolment: Enrolment, actor, details: dict) -> bool:
    """The holder signed in, or coming through the upload link mailed for this enrolment."""
    if actor is not None:
        return enrolment.holder_id == actor.id
    link = details.get("link")
    return (link is not None and link.purpose == links.UPLOAD_DOCUMENTS
            and link.enrolment_id == enrolment.id and link.used_at is None)


def _holder_role(step: Step) -> tuple[str, str]:
    if step.actor is not None:
        return step.actor.role, step.actor.full_name
    last_name, first_name = accounts.holder_names(step.record)
    return APPLICANT, f"{first_name} {last_name}"


def _spend_link(step: Step) -> None:
    link = step.details.get("link")
    if link is not None and not links.spend(link):
        raise Refused({"action": links.INVALID})


WORKFLOW = Workflow(
    Enrolment, "status", MOVES, EnrolmentEvent, "enrolment", "enrolment",
    recipient=lambda step: step.record.holder_email,
    mail_context=lambda step: dict(enrolment=step.record, comment=step.comment,
                                   status_label=STATUS_LABELS[step.target]),
    not_yours=NOT_YOURS,
    not_possible=lambda move, enrolment: (f"« {move.label} » n'est pas possible : la demande est "
                                          f"au statut « {enrolment.status_label} »."),
    changed=CHANGED, is_holder=_is_holder, holder_role=_holder_role,
    stamp=lambda step: {"decided_at": step.now} if step.move.by != HOLDER else {},
    on_move=_spend_link,
    # documents or certificates deposited: flagged for the manager who follows the enrolment
    on_holder_move=lambda step: follow.flag(ENROLMENT, step.record.id))


def available(enrolment: Enrolment):
    """The managers' decisions allowed from the enrolment's current status, in table order."""
    return WORKFLOW.available(enrolment)


def apply(enrolment: Enrolment, action: str, actor, comment: str = "", **details) -> Step:
    """Make the move `action` as `actor` (None for the holder coming through the upload link,
    passed as link=…). Raises Refused; nothing is written then."""
    return transition(WORKFLOW, enrolment, action, actor, comment, **details)
