"""« Faire une demande complémentaire » (guide 002 §5): the simplified wizard an operator fills in,
signed in, for another ANS number. The company, its people and its bank details are the account's
(those of its latest enrolment validated by the ASP, and the account payments go to); the form
asks only what belongs to this software: the referencing (its certificate, or an anticipated
enrolment), the HDS document of a DPI, the VAT regime, the publisher's mandate of a distributor,
the purchase order of a buyer, and the dépositaire's mandate the first time a dépositaire enrols
in the wave. Filed « En cours », it is instructed like an initial enrolment."""
from dataclasses import dataclass
from functools import cached_property

from portal.extensions import db
from portal.models import Account, Document, Enrolment
from portal.models.enrolment import KIND_COMPLEMENTARY, PARTIAL, REJECTED, VALIDATED
from portal.services.account import bank_details
from portal.services.core import locks
from portal.services.core.errors import Refused, refuse_if
from portal.services.enrolment import drafts, rules, wizard as enrolment_wizard
from portal.services.reference import lookups
from portal.services.account import persons

NOT_YET = ("Vous pourrez faire une demande complémentaire dès qu'un premier enrôlement de votre "
           "compte aura été validé par l'ASP.")
ALREADY = "Vous avez déjà déposé la demande d'enrôlement n° {} pour ce numéro de référencement."
DOCUMENT_MISSING = "Déposez ce document avant de terminer votre demande."
MANDATES = ("legal_rep_mandate", "service_contract")  # either proves the dépositaire's right
KINDS = {"referencing_certificate", "operator_contract", "hds_certificate", "hds_statement",
         "vat_exemption", "publisher_mandate", "purchase_order", "legal_rep_mandate"}
COMPANY_FIELDS = (  # copied from the reference enrolment; its people are those in force
    "siret", "denomination", "trade_name", "street_type", "street", "postcode", "commune",
    "recipient", "building", "extension", "address_complement", "filer_quality")


def reference(account) -> Enrolment | None:
    """The account's latest enrolment validated by the ASP, fully or partially (anticipated):
    without one, no complementary enrolment may be filed (guide 002, « Attention »)."""
    return (Enrolment.select()
            .where(Enrolment.holder == account, Enrolment.status.in_((VALIDATED, PARTIAL)))
            .order_by(Enrolment.id.desc()).first())


@dataclass
class Situation:
    """What the answers so far say, for this account."""
    account: object
    base: Enrolment
    values: dict

    @cached_property
    def referencing(self):
        return lookups.find_referencing(self.values.get("ans_number"))

    @property
    def anticipated(self) -> bool:
        return bool(self.referencing) and not self.referencing.validated

    @property
    def is_buyer(self) -> bool:
        return bool(self.referencing) and self.base.siret != self.referencing.holder_siret

    @cached_property
    def duplicate(self) -> Enrolment | None:
        """The account's enrolment for the same ANS number, unless rejected."""
        if not self.referencing:
            return None
        return (Enrolment.select().where(Enrolment.holder == self.account,
                                         Enrolment.ans_number == self.referencing.number,
                                         Enrolment.status != REJECTED).first())

    @cached_property
    def mandate_needed(self) -> bool:
        """A dépositaire gives a mandate once in the wave: unless one of the account's
        enrolments already holds it."""
        if not persons.current(self.account, self.base.siret).has_filer:
            return False
        return not (Document.select().join(Enrolment)
                    .where(Enrolment.holder == self.account, Document.kind.in_(MANDATES))
                    .exists())


def situation(account, values: dict) -> Situation | None:
    base = reference(account)
    return Situation(account, base, values) if base else None


def documents_for(s: Situation) -> list[str]:
    """The document types the form asks for, in display order."""
    if not s.referencing:
        return []
    kinds = rules.documents_for(1, rules.Situation(s.referencing, s.values))
    if s.is_buyer:
        kinds.append("purchase_order")
    if s.values.get("is_distributor") == "oui":
        kinds.append("publisher_mandate")
    if s.values.get("vat_rate") == "HT":
        kinds.append("vat_exemption")
    if s.mandate_needed:
        kinds.append("legal_rep_mandate")
    return kinds


def fields_for(s: Situation) -> list[str]:
    ref = s.referencing
    hds = ["hds_host"] if ref and ref.validated and ref.is_dpi else []
    return ["ans_number"] + hds + ["is_distributor", "vat_rate"]


def referencing_error(s: Situation) -> str | None:
    number = (s.values.get("ans_number") or "").strip()
    if not number:
        return rules.REQUIRED
    if not s.referencing:
        return lookups.UNKNOWN_ANS
    if s.duplicate:
        return ALREADY.format(s.duplicate.number)
    return None


def errors_for(s: Situation, documents: dict) -> dict:
    """Field name → French message, for what the form still lacks."""
    errors = {name: rules.REQUIRED for name in fields_for(s)
              if not (s.values.get(name) or "").strip()}
    found = referencing_error(s)
    if found:
        errors["ans_number"] = found
    for kind in documents_for(s):
        if kind not in documents:
            errors["doc_" + kind] = DOCUMENT_MISSING
    return errors


def draft_of(account, token: str | None):
    """The account's draft named by `token`, or a new one (a token of another account's draft,
    or of the public wizard's, is never followed)."""
    draft = drafts.find(token)
    if draft and draft.kind == KIND_COMPLEMENTARY and draft.values.get("account") == account.id:
        return draft
    draft = drafts.create(KIND_COMPLEMENTARY)
    drafts.save_step(draft, {"account": account.id}, 1)
    return draft


def search(draft, account, number: str) -> None:
    """« Rechercher »: the referencing of that number, kept when it may be enrolled. Raises
    Refused."""
    number = (number or "").strip().upper()
    s = situation(account, {**draft.values, "ans_number": number})
    error = referencing_error(s)
    if error:
        raise Refused({"ans_number": error})
    drafts.save_step(draft, {"ans_number": number}, 1)


def upload(draft, kind: str, file_storage) -> Document:
    """One document sent on its own (htmx). Raises Refused (beside its field)."""
    if kind not in KINDS:
        raise Refused({"doc_" + kind: "Ce document n'est pas demandé pour une demande complémentaire."})
    return drafts.upload(draft, kind, file_storage)


def submit(draft, account, typed: dict, files) -> Enrolment:
    """Check the form (with the files sent along, the path without JavaScript) and file the
    complementary enrolment. Raises Refused (by field)."""
    typed = {**typed, "ans_number": (typed.get("ans_number") or "").strip().upper()}
    drafts.save_step(draft, typed, 1)
    s = situation(account, draft.values)
    errors = drafts.keep_sent(draft, documents_for(s), files)
    for name, message in errors_for(s, drafts.documents(draft)).items():
        errors.setdefault(name, message)
    refuse_if(errors)
    ref, values, base = s.referencing, s.values, s.base
    paid_to = bank_details.payment_account(account, base.siret)
    bank = ({"iban": paid_to.iban, "bic": paid_to.bic, "account_holder": paid_to.holder,
             "bank_name": paid_to.bank_name} if paid_to else
            {name: getattr(base, name) for name in ("iban", "bic", "account_holder", "bank_name")})
    people = persons.current(account, base.siret)
    fields = {name: getattr(base, name) for name in COMPANY_FIELDS}
    fields.update(people.as_dict(), is_legal_representative=not people.has_filer)
    fields.update(bank, kind=KIND_COMPLEMENTARY, anticipated=s.anticipated, referencing=ref,
                  hds_host={"oui": True, "non": False}.get(values.get("hds_host"))
                  if ref.validated and ref.is_dpi else None,
                  is_buyer=s.is_buyer, is_distributor=values.get("is_distributor") == "oui",
                  vat_rate=values["vat_rate"], holder=account, holder_email=account.email)
    with db.database.atomic():
        # One enrolment per account and number: the account's row locked (PostgreSQL; SQLite's
        # transactions are IMMEDIATE), then checked again, so that two browsers sending the same
        # number at once file it once.
        locks.lock_row(Account, account.id)
        filed = Situation(account, base, values).duplicate
        if filed:
            raise Refused({"ans_number": ALREADY.format(filed.number)})
        return enrolment_wizard.record(draft, set(documents_for(s)), fields, account)
