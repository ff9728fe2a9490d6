"""« Gérer mes coordonnées bancaires »: the operator's bank details (those of its enrolments and
those added later), a new one checked as the wizard checks it, then validated or refused by a
manager — one transition table, one history row and one mail per move. The validated one is
where payments go; the one it replaces is marked so.

One account, several companies (an accountant filing for its clients): bank details belong to a
company, never to the account alone. An addition therefore keeps the SIRET of the company chosen
when it was made (`bank_detail.siret`, migration 0026): its enrolments' IBANs carry their SIRET
already, and an addition without one could not be told apart, so that the account payments go to
would be a single one for every client. Rows, the account payments go to, the replaced one and
the « one pending » rule are all per account and company."""
from dataclasses import dataclass

from peewee import IntegrityError

from portal import formatting
from portal.extensions import db
from portal.models import BankDetail, BankDetailEvent, Enrolment
from portal.models.bank import PENDING, REPLACED, VALIDATED
from portal.models.enrolment import (KIND_INITIAL, REJECTED as ENROLMENT_REJECTED,
                                     VALIDATED as ENROLMENT_VALIDATED)
from portal.services.account import change_requests
from portal.services.enrolment import wizard as enrolment_wizard
from portal.services.core import outbox
from portal.services.core.errors import refuse_if
from portal.services.core.workflow import Step

HOLDER_REQUIRED = "Saisissez le titulaire du compte."
RIB_REQUIRED = "Déposez le RIB de ce compte."
ALREADY_PENDING = ("Une coordonnée bancaire est déjà en attente de validation : attendez la "
                   "décision de l'ASP avant d'en ajouter une autre.")


@dataclass
class Source:
    """Where a bank account comes from: an enrolment, or an addition with its own decision."""
    label: str
    iban: str
    bic: str
    holder: str
    bank_name: str
    status: str
    validated: bool
    detail: BankDetail | None = None
    rejected: bool = False  # an enrolment the ASP rejected: says nothing of the bank account

    @property
    def key(self) -> str:
        return self.iban.replace(" ", "").upper()


@dataclass
class Row:
    """One bank account of the operator, whatever the number of requests it appears in."""
    sources: list
    current_source: Source | None = None  # set on the row payments go to

    @property
    def current(self) -> bool:
        return self.current_source is not None

    @property
    def shown(self) -> Source:
        """The source whose facts and status the row shows: where payments go, else the last
        addition (it has its own decision), else the last validated enrolment, else the last one
        not rejected — so that a rejected enrolment does not make a bank account look
        « Rejetée »."""
        added = [s for s in self.sources if s.detail]
        validated = [s for s in self.sources if s.validated]
        standing = [s for s in self.sources if not s.rejected]
        return self.current_source or (added or validated or standing or self.sources)[-1]

    @property
    def detail(self) -> BankDetail | None:
        """The last addition of this account with its RIB (the file to download)."""
        return next((s.detail for s in reversed(self.sources) if s.detail and s.detail.rib_id), None)

    # The facts shown: those of `shown`.
    iban = property(lambda self: self.shown.iban)
    bic = property(lambda self: self.shown.bic)
    holder = property(lambda self: self.shown.holder)
    bank_name = property(lambda self: self.shown.bank_name)
    status = property(lambda self: self.shown.status)


def enrolments(account, siret: str | None):
    """The company's initial enrolments (a complementary one shares its bank details)."""
    return list(Enrolment.select().where(Enrolment.holder == account, Enrolment.siret == siret,
                                         Enrolment.kind == KIND_INITIAL)
                .order_by(Enrolment.submitted_at))


def _sources(account, siret: str | None, filed: list[Enrolment] | None = None,
             added: list[BankDetail] | None = None) -> list[Source]:
    """Every enrolment of the company (`filed`, when the caller has read them) and every
    addition made for it (`added`, likewise), oldest first."""
    filed = enrolments(account, siret) if filed is None else filed
    found = [Source(f"Demande d'enrôlement n° {e.number}", e.iban, e.bic, e.account_holder,
                    e.bank_name, "Validée" if e.status == ENROLMENT_VALIDATED else e.status_label,
                    e.status == ENROLMENT_VALIDATED, rejected=e.status == ENROLMENT_REJECTED)
             for e in filed]
    if added is None:
        added = (BankDetail.select().where(BankDetail.account == account,
                                           BankDetail.siret == siret).order_by(BankDetail.id))
    return found + [Source(f"Ajoutée le {formatting.date(d.created_at)}", d.iban, d.bic, d.holder,
                           d.bank_name, d.status_label, d.status == VALIDATED, detail=d)
                    for d in added]


def rows(account, siret: str | None, filed: list[Enrolment] | None = None,
         added: list[BankDetail] | None = None) -> list[Row]:
    """The company's bank accounts, one row per account (same IBAN), in the order they first
    appeared, with the requests it appears in; the one payments go to is `current`: the last
    validated addition, else the account of the last validated enrolment. `filed` and `added`:
    the company's enrolments and additions when the caller has read them."""
    sources = _sources(account, siret, filed, added)
    by_iban: dict[str, Row] = {}
    for source in sources:
        by_iban.setdefault(source.key, Row([])).sources.append(source)
    paid_to = ([s for s in sources if s.detail and s.validated]
               or [s for s in sources if s.validated and not s.detail])
    if paid_to:
        by_iban[paid_to[-1].key].current_source = paid_to[-1]
    return list(by_iban.values())


def payment_account(account, siret: str | None) -> Row | None:
    """Where the company's payments go now (the `current` row), if any."""
    return next((row for row in rows(account, siret) if row.current), None)


def payment_accounts(companies) -> dict:
    """Where the payments of each (account id, SIRET) of `companies` go now: its `current`
    source, or None; in two queries whatever their number (a batch of thousands of requests)."""
    companies = set(companies)
    if not companies:
        return {}
    account_ids = {account_id for account_id, _ in companies}
    filed, added = {}, {}
    for enrolment in (Enrolment.select().where(Enrolment.holder.in_(account_ids),
                                               Enrolment.kind == KIND_INITIAL)
                      .order_by(Enrolment.submitted_at)):
        filed.setdefault((enrolment.holder_id, enrolment.siret), []).append(enrolment)
    for detail in (BankDetail.select().where(BankDetail.account.in_(account_ids))
                   .order_by(BankDetail.id)):
        added.setdefault((detail.account_id, detail.siret), []).append(detail)
    found = {}
    for key in companies:
        current = next((row for row in rows(key[0], key[1], filed.get(key, []),
                                            added.get(key, [])) if row.current), None)
        found[key] = current.current_source if current else None
    return found


def page(account, company) -> dict:
    """« Coordonnées bancaires » of `company` (services/account/companies.py, None when the
    account has no enrolment): its rows and its recap (its latest enrolment)."""
    if company is None:
        return {"rows": [], "company": None}
    return {"rows": rows(account, company.siret), "company": company.enrolment}


def add(account, siret: str | None, values: dict, rib, refused: dict | None = None) -> BankDetail:
    """Check and keep a new bank detail of the company `siret` (the one chosen, one the account
    holds) with its RIB (a Document, see kept_files), pending the ASP's validation; mail the
    operator. Raises Refused (`refused`: why the RIB sent was not kept)."""
    errors, cleaned = enrolment_wizard.check_bank(values)
    if not values.get("iban"):
        errors["iban"] = "Saisissez l'IBAN."
    if not values.get("bic"):
        errors["bic"] = "Saisissez le BIC."
    holder = " ".join((values.get("account_holder") or "").split())
    if not holder:
        errors["account_holder"] = HOLDER_REQUIRED
    if BankDetail.select().where(BankDetail.account == account, BankDetail.siret == (siret or ""),
                                 BankDetail.status == PENDING).exists():
        errors["action"] = ALREADY_PENDING
    if rib is None:
        errors.setdefault("doc_rib", RIB_REQUIRED)
    refuse_if(errors, refused)
    try:
        with db.database.atomic():
            detail = BankDetail.create(account=account, siret=siret or "",
                                       iban=cleaned["iban"], bic=cleaned["bic"],
                                       holder=holder, bank_name=cleaned.get("bank_name", ""),
                                       rib=rib)
            change_requests.log_filing(WORKFLOW, detail, account, "Ajout")
            outbox.queue(account.email, "bank_detail_received", related=f"bank:{detail.id}",
                         detail=detail, account=account)
    except IntegrityError:  # added meanwhile from another tab: one pending per company (0026)
        refuse_if({"action": ALREADY_PENDING}, refused)
    return detail


def _replace_previous(step: Step) -> None:
    """The validated detail becomes where payments go: the one before is « Remplacée » (its
    history row after the validation's)."""
    step.then.append(lambda: _replace(step.record, step.actor))


def _replace(detail: BankDetail, actor) -> None:
    for old in BankDetail.select().where(BankDetail.account == detail.account_id,
                                         BankDetail.siret == detail.siret,
                                         BankDetail.status == VALIDATED,
                                         BankDetail.id != detail.id):
        old.status = REPLACED
        old.save()
        WORKFLOW.log(old, VALIDATED, REPLACED, actor.role, actor.full_name, actor,
                     f"Remplacée par l'IBAN {detail.iban}")


# The manager's decisions: transition(WORKFLOW, detail, action, actor, comment).
WORKFLOW = change_requests.workflow(BankDetail, BankDetailEvent, "bank_detail", "bank", "detail",
                                    _replace_previous)


def history(detail: BankDetail) -> list[BankDetailEvent]:
    return list(detail.events.order_by(BankDetailEvent.id))
