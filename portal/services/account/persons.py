"""« Gérer mes coordonnées personnes physiques » (guide 003 §7.2): the legal representative and
the dépositaire in force, the history of the operator's change requests, and a new request with
the documents that justify it, decided by a manager (services/account/change_requests.py). A
validated change becomes the persons in force; when the account holder changes, the account
follows.

One account, several companies: the persons are those of the company chosen (its enrolments, the
changes asked for it: `person_change.siret`, migration 0026, for the reason bank_details.py
gives); one pending change per account and company."""
from dataclasses import dataclass, fields

from peewee import IntegrityError

from portal.extensions import db
from portal.models import Account, Enrolment, PersonChange, PersonChangeEvent
from portal.models.bank import PENDING, VALIDATED
from portal.models.enrolment import PARTIAL, VALIDATED as ENROLMENT_VALIDATED
from portal.models.persons import PERSON_FIELDS
from portal.services.account import change_requests
from portal.services.core import identifiers, outbox
from portal.services.core.errors import ACTION, refuse_if
from portal.services.core.workflow import Step

LABELS = {"rep_last_name": "Nom du représentant légal", "rep_first_name": "Prénom du représentant légal",
          "rep_email": "Email du représentant légal", "rep_phone": "Téléphone du représentant légal",
          "filer_last_name": "Nom du dépositaire", "filer_first_name": "Prénom du dépositaire",
          "filer_email": "Email du dépositaire", "filer_phone": "Téléphone du dépositaire"}
DOCUMENT_FIELDS = {"representative_id": "representative_id", "filer_id": "filer_id",
                   "legal_rep_mandate": "mandate"}  # document type → PersonChange field
REQUIRED = "Ce champ est obligatoire."
NOTHING_CHANGED = "Vous n'avez modifié aucune coordonnée : il n'y a rien à transmettre."
ALREADY_PENDING = ("Une demande de modification est déjà en attente de validation : attendez la "
                   "décision de l'ASP avant d'en faire une autre.")
EMAIL_TAKEN = "Cette adresse électronique est déjà celle d'un autre compte du portail."
DOCUMENT_MISSING = "Déposez ce document : il justifie la modification."


@dataclass
class Persons:
    rep_last_name: str
    rep_first_name: str
    rep_email: str
    rep_phone: str
    filer_last_name: str = ""
    filer_first_name: str = ""
    filer_email: str = ""
    filer_phone: str = ""

    @property
    def has_filer(self) -> bool:
        """A dépositaire holds the account (a tiers déclarant), not the legal representative."""
        return bool(self.filer_last_name)

    @property
    def holder_email(self) -> str:
        return self.filer_email if self.has_filer else self.rep_email

    def as_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def _from(record) -> Persons:
    return Persons(**{name: getattr(record, name) or "" for name in PERSON_FIELDS})


def current(account, siret: str | None,
            changes: list[PersonChange] | None = None) -> Persons | None:
    """The company's persons in force: those of the last validated change asked for it, else of
    its latest enrolment validated by the ASP (else its latest enrolment). `changes`: the
    company's changes, newest first, when the caller has read them."""
    if changes is None:
        change = (PersonChange.select().where(PersonChange.account == account,
                                              PersonChange.siret == (siret or ""),
                                              PersonChange.status == VALIDATED)
                  .order_by(PersonChange.id.desc()).first())
    else:
        change = next((c for c in changes if c.status == VALIDATED), None)
    if change:
        return _from(change)
    mine = Enrolment.select().where(Enrolment.holder == account, Enrolment.siret == siret)
    enrolment = (mine.where(Enrolment.status.in_((ENROLMENT_VALIDATED, PARTIAL)))
                 .order_by(Enrolment.id.desc()).first() or mine.order_by(Enrolment.id.desc()).first())
    if enrolment is None:
        return None
    persons = _from(enrolment)
    if enrolment.is_legal_representative:
        persons.filer_last_name = persons.filer_first_name = ""
        persons.filer_email = persons.filer_phone = ""
    return persons


def history(account, siret: str | None) -> list[PersonChange]:
    return list(PersonChange.select().where(PersonChange.account == account,
                                            PersonChange.siret == (siret or ""))
                .order_by(PersonChange.id.desc()))


def page(account, company) -> dict:
    """« Personnes physiques » of `company` (services/account/companies.py, None when the account
    has no enrolment): the persons in force, its changes (newest first) and the one pending,
    the changes read once."""
    siret = company.siret if company else None
    changes = history(account, siret)
    return {"current": current(account, siret, changes), "history": changes,
            "pending": next((c for c in changes if c.status == PENDING), None),
            "company": company.enrolment if company else None}


def pending_of(account, siret: str | None) -> PersonChange | None:
    return PersonChange.get_or_none(PersonChange.account == account,
                                    PersonChange.siret == (siret or ""),
                                    PersonChange.status == PENDING)


def _comparable(value: str, phone: bool = False) -> str:
    """A value as compared: spaces collapsed, case ignored; a phone number in its cleaned form
    (the one kept may be « 0123456789 », the one typed « 01 23 45 67 89 »)."""
    if phone:
        try:
            return identifiers.clean_phone(value)
        except identifiers.InvalidIdentifier:
            pass
    return " ".join((value or "").split()).casefold()


def _same(a: str, b: str, phone: bool = False) -> bool:
    return _comparable(a, phone) == _comparable(b, phone)


def differences(before: Persons, after: Persons) -> list[str]:
    """What a request changes, as people read it: « Nom du dépositaire : Durand → Morel »."""
    return [f"{LABELS[name]} : {getattr(before, name)} → {getattr(after, name)}"
            for name in PERSON_FIELDS
            if not _same(getattr(before, name), getattr(after, name), name.endswith("_phone"))]


def documents_for(before: Persons, after: Persons) -> list[str]:
    """The documents that justify the change: the identity document of a new person; and, where
    a dépositaire holds the account, a new mandate signed by the legal representative when either
    of them changes. Contact details alone need none."""
    def new(prefix):
        return not (_same(getattr(before, prefix + "_last_name"), getattr(after, prefix + "_last_name"))
                    and _same(getattr(before, prefix + "_first_name"), getattr(after, prefix + "_first_name")))
    kinds = ["representative_id"] if new("rep") else []
    if before.has_filer and new("filer"):
        kinds.append("filer_id")
    if before.has_filer and (new("rep") or new("filer")):
        kinds.append("legal_rep_mandate")
    return kinds


def _clean(before: Persons, values: dict) -> tuple[Persons, dict]:
    """The typed persons, trimmed and checked like the wizard's; errors by field."""
    errors, cleaned = {}, {}
    names = [n for n in PERSON_FIELDS if before.has_filer or not n.startswith("filer_")]
    for name in names:
        value = " ".join((values.get(name) or "").split())
        if not value:
            errors[name] = REQUIRED
        elif name.endswith("_email"):
            try:
                value = identifiers.clean_email(value)
            except identifiers.InvalidIdentifier as exc:
                errors[name] = str(exc)
        elif name.endswith("_phone"):
            try:
                value = identifiers.clean_phone(value)
            except identifiers.InvalidIdentifier as exc:
                errors[name] = str(exc)
        cleaned[name] = value
    return Persons(**cleaned), errors


def ask(account, siret: str | None, values: dict, documents: dict,
        refused: dict | None = None) -> PersonChange:
    """A change of the persons of the company `siret` (the one chosen, one the account holds)
    with its documents (type → Document). Raises Refused (`refused`: why a file sent was not
    kept)."""
    before = current(account, siret)
    after, errors = _clean(before, values)
    if pending_of(account, siret):
        errors[ACTION] = ALREADY_PENDING
    if not errors:
        changed = differences(before, after)
        if not changed:
            errors[ACTION] = NOTHING_CHANGED
        holder_email = after.holder_email.lower()
        if holder_email != account.email and Account.select().where(
                Account.email == holder_email, Account.id != account.id).exists():
            errors["filer_email" if after.has_filer else "rep_email"] = EMAIL_TAKEN
    for kind in documents_for(before, after) if ACTION not in errors else []:
        if documents.get(kind) is None:
            errors["doc_" + kind] = DOCUMENT_MISSING
    refuse_if(errors, refused)
    wanted = documents_for(before, after)
    try:
        with db.database.atomic():
            change = PersonChange.create(
                account=account, siret=siret or "", changes="\n".join(changed), **after.as_dict(),
                **{DOCUMENT_FIELDS[kind]: documents[kind] for kind in wanted})
            change_requests.log_filing(WORKFLOW, change, account, "Demande de modification")
            outbox.queue(account.email, "person_change_received", related=f"persons:{change.id}",
                         account=account, change=change)
    except IntegrityError:  # asked meanwhile from another tab: one pending per company (0026)
        refuse_if({ACTION: ALREADY_PENDING}, refused)
    return change


def _apply(step: Step) -> None:
    """A validated change: the account holder's name and address follow the new persons."""
    change = step.record
    after = _from(change)
    account = Account.get_by_id(change.account_id)
    last, first = ((after.filer_last_name, after.filer_first_name) if after.has_filer
                   else (after.rep_last_name, after.rep_first_name))
    account.last_name, account.first_name, account.email = last, first, after.holder_email.lower()
    account.save()


# The manager's decisions: transition(WORKFLOW, change, action, actor, comment).
WORKFLOW = change_requests.workflow(PersonChange, PersonChangeEvent, "person_change", "persons",
                                    "change", _apply)


def documents(change: PersonChange) -> dict:
    """The change's documents by type."""
    found = {kind: getattr(change, field) for kind, field in DOCUMENT_FIELDS.items()}
    return {kind: document for kind, document in found.items() if document is not None}


def events(change: PersonChange) -> list[PersonChangeEvent]:
    return list(change.events.order_by(PersonChangeEvent.id))
