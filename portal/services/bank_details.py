"""« Gérer mes coordonnées bancaires »: the operator's bank details (those of its enrolments and
those added later), a new one checked as the wizard checks it, then validated or refused by a
manager — one transition table, one history row and one mail per move. The validated one is
where payments go; the one it replaces is marked so."""
from dataclasses import dataclass

from portal.extensions import db
from portal.models import BankDetail, BankDetailEvent, Enrolment
from portal.models.bank import PENDING, REFUSED, REPLACED, VALIDATED
from portal.models.base import utcnow
from portal.models.enrolment import KIND_INITIAL, VALIDATED as ENROLMENT_VALIDATED
from portal.services import enrolment_wizard, outbox, storage
from portal.services.paging import paginate
from portal.services.storage import RefusedFile

VALIDATE, REFUSE = "valider", "refuser"
MOVES = {VALIDATE: (PENDING, VALIDATED, "bank_detail_validated"),
         REFUSE: (PENDING, REFUSED, "bank_detail_refused")}
HOLDER_REQUIRED = "Saisissez le titulaire du compte."
RIB_REQUIRED = "Déposez le RIB de ce compte."
ALREADY_PENDING = ("Une coordonnée bancaire est déjà en attente de validation : attendez la "
                   "décision de l'ASP avant d'en ajouter une autre.")
REASON_REQUIRED = "Indiquez le motif du refus : il est repris dans le courriel à l'opérateur."
NOT_PENDING = "Cette coordonnée bancaire a déjà été instruite."


@dataclass
class Row:
    source: str
    iban: str
    bic: str
    holder: str
    bank_name: str
    status: str
    current: bool = False
    detail: BankDetail | None = None


def enrolments(account):
    """The account's initial enrolments (a complementary one shares the account's bank details)."""
    return list(Enrolment.select().where(Enrolment.holder == account,
                                         Enrolment.kind == KIND_INITIAL)
                .order_by(Enrolment.submitted_at))


def rows(account) -> list[Row]:
    """Every bank detail of the account, oldest first; the one payments go to is `current`:
    the last validated one added, else the one of the last validated enrolment."""
    filed = enrolments(account)
    found = [Row(f"Demande d'enrôlement n° {e.number}", e.iban, e.bic, e.account_holder,
                 e.bank_name, "Validée" if e.status == ENROLMENT_VALIDATED else e.status_label)
             for e in filed]
    added = list(BankDetail.select().where(BankDetail.account == account).order_by(BankDetail.id))
    found += [Row(f"Ajoutée le {d.created_at:%d/%m/%Y}", d.iban, d.bic, d.holder, d.bank_name,
                  d.status_label, detail=d) for d in added]
    validated = [r for r in found if r.detail and r.detail.status == VALIDATED]
    validated = validated or [row for row, e in zip(found, filed) if e.status == ENROLMENT_VALIDATED]
    if validated:
        validated[-1].current = True
    return found


def payment_account(account) -> Row | None:
    """Where payments go now (the `current` row), if any."""
    return next((row for row in rows(account) if row.current), None)


def company(account) -> Enrolment | None:
    """The company as its latest enrolment has it (the recap)."""
    items = enrolments(account)
    return items[-1] if items else None


def add(account, values: dict, rib) -> tuple[BankDetail | None, dict]:
    """Check and keep a new bank detail with its RIB (a Document, see keep_rib), pending the
    ASP's validation; mail the operator."""
    errors, cleaned = enrolment_wizard.check_bank(values)
    if not values.get("iban"):
        errors["iban"] = "Saisissez l'IBAN."
    if not values.get("bic"):
        errors["bic"] = "Saisissez le BIC."
    holder = " ".join((values.get("account_holder") or "").split())
    if not holder:
        errors["account_holder"] = HOLDER_REQUIRED
    if BankDetail.select().where(BankDetail.account == account,
                                 BankDetail.status == PENDING).exists():
        errors["action"] = ALREADY_PENDING
    if rib is None:
        errors.setdefault("doc_rib", RIB_REQUIRED)
    if errors:
        return None, errors
    with db.database.atomic():
        detail = BankDetail.create(account=account, iban=cleaned["iban"], bic=cleaned["bic"],
                                   holder=holder, bank_name=cleaned.get("bank_name", ""), rib=rib)
        BankDetailEvent.create(bank_detail=detail, to_status=PENDING,
                               actor=f"{account.full_name} (Opérateur)", comment="Ajout")
        outbox.queue(account.email, "bank_detail_received", related=f"bank:{detail.id}",
                     detail=detail, account=account)
    outbox.dispatch()
    return detail, {}


def pending(page: int = 1):
    query = BankDetail.select().where(BankDetail.status == PENDING).order_by(BankDetail.id)
    return paginate(query, page, 20)


def decide(detail: BankDetail, action: str, actor, comment: str = "") -> dict:
    """A manager's decision; returns the errors by field (nothing written if any)."""
    comment = (comment or "").strip()
    if action not in MOVES:
        return {"action": "Choisissez une décision."}
    source, target, mail = MOVES[action]
    if action == REFUSE and not comment:
        return {"comment": REASON_REQUIRED}
    who = f"{actor.full_name} ({actor.role_label})"
    with db.database.atomic():
        if not BankDetail.update(status=target, decided_at=utcnow()).where(
                BankDetail.id == detail.id, BankDetail.status == source).execute():
            return {"action": NOT_PENDING}
        BankDetailEvent.create(bank_detail=detail, from_status=source, to_status=target,
                               actor=who, comment=comment)
        if target == VALIDATED:
            for old in BankDetail.select().where(BankDetail.account == detail.account_id,
                                                 BankDetail.status == VALIDATED,
                                                 BankDetail.id != detail.id):
                old.status = REPLACED
                old.save()
                BankDetailEvent.create(bank_detail=old, from_status=VALIDATED,
                                       to_status=REPLACED, actor=who,
                                       comment=f"Remplacée par l'IBAN {detail.iban}")
        detail.status = target
        outbox.queue(detail.account.email, mail, related=f"bank:{detail.id}", detail=detail,
                     account=detail.account, comment=comment)
    outbox.dispatch()
    return {}


def history(detail: BankDetail) -> list[BankDetailEvent]:
    return list(detail.events.order_by(BankDetailEvent.id))


def _signer(account):
    from flask import current_app
    from itsdangerous import URLSafeSerializer
    return URLSafeSerializer(current_app.secret_key, salt=f"rib-{account.id}")


def keep_rib(account, rib_file) -> tuple[str, object, str | None]:
    """A RIB accepted before the rest of the form is right: stored at once and named by a token
    only this account can use, so that correcting the IBAN does not mean uploading it again.
    Returns (token, document, error)."""
    if not rib_file or not rib_file.filename:
        return "", None, None
    try:
        document = storage.save("rib", rib_file)
    except RefusedFile as exc:
        return "", None, str(exc)
    return _signer(account).dumps(document.id), document, None


def kept_rib(account, token: str):
    """The RIB a token of this account names, if it is still unused."""
    from itsdangerous import BadSignature
    from portal.models import Document
    try:
        document_id = _signer(account).loads(token or "")
    except BadSignature:
        return None
    used = BankDetail.select().where(BankDetail.rib == document_id).exists()
    document = Document.get_or_none(Document.id == document_id, Document.enrolment.is_null(),
                                     Document.draft.is_null())
    return None if used else document
