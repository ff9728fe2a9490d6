"""« Ma demande de financement » (guides 001 part 2 and 004): one dossier per validated MSS
enrolment (FINMSS + 6 digits), its advance (M0), decided at once from the six mailbox counts, and
its balance (M1). Every change of a request is one history row holding the request as it was."""
import json
from urllib.parse import urlsplit

from peewee import IntegrityError

from portal import formatting
from portal.extensions import db
from portal.models import Enrolment, FundingEvent, FundingRequest
from portal.models.enrolment import PARTIAL, VALIDATED
from portal.models.funding import (ADVANCE, BALANCE, DECIDED, INCOMPLETE, IN_PROGRESS,
                                   STATUS_LABELS, SUFFIXES)
from portal.models.roles import HOLDER, SYSTEM
from portal.services.reference import annuaire
from portal.services.funding import amounts, json_view, tariff as funding_call
from portal.services.funding.amounts import vat_label
from portal.services.core import autosave, identifiers, outbox
from portal.services.core.errors import ACTION, Refused, refuse_if

CURRENT = ("current_applicative", "current_organisational", "current_personal")
CLOSING = ("closing_applicative", "closing_organisational", "closing_personal")
COUNT_LABELS = {"applicative": "Nombre de BAL applicatives",
                "organisational": "Nombre de BAL organisationnelles",
                "personal": "Nombre de BAL personnelles"}
COUNT_REQUIRED = "Saisissez un nombre de boîtes aux lettres (0 s'il n'y en a pas)."
COUNT_INVALID = "Saisissez un nombre entier positif ou nul, sans décimale : par exemple 1 250."
COUNT_MAX = 10_000_000
ALREADY = "La demande d'avance de ce dossier a déjà été déposée."
BALANCE_ALREADY = "La demande de solde de ce dossier a déjà été déposée."
ADVANCE_FIRST = "Vous pourrez déposer votre demande de solde une fois votre demande d'avance décidée."
NOT_IN_ANNUAIRE = ("L'Annuaire Santé ne compte aucune boîte aux lettres de votre SIRET à la date de "
                   "clôture : contactez l'assistance.")
REQUIRED = "Ce champ est obligatoire."
URL_INVALID = ("Saisissez l'adresse complète du site, commençant par https:// — par exemple "
               "https://www.exemple.fr/documentation.")
DOCUMENT_MISSING = "Déposez ce document : il est obligatoire pour votre demande de solde."
BALANCE_DOCUMENTS = ("api_proof", "api_guide")
BUYER_DOCUMENTS = BALANCE_DOCUMENTS + ("paid_invoice",)
NOT_ELIGIBLE = "Cet enrôlement ne permet pas de déposer une demande de financement."
BOXES = (*CURRENT, *CLOSING, "boxes_applicative", "boxes_organisational", "boxes_personal")
SNAPSHOT = ("status", "payment_state", "vat_rate", "declared_ht", "amount_ht", "amount_ttc", *BOXES,
            "support_name", "support_phone", "support_email", "documentation_url", "version",
            *json_view.SNAPSHOT)


def _mss(query):
    return query.where(Enrolment.dsr.startswith("MSS"))


def eligible(account) -> list[Enrolment]:
    """The account's validated MSS enrolments: each has its dossier."""
    return list(_mss(Enrolment.select().where(Enrolment.holder == account,
                                              Enrolment.status == VALIDATED))
                .order_by(Enrolment.id))


def waiting(account) -> list[Enrolment]:
    """Anticipated MSS enrolments, partially validated: no advance until finalised."""
    return list(_mss(Enrolment.select().where(Enrolment.holder == account,
                                              Enrolment.status == PARTIAL)))


def exact(account, number: str | None) -> Enrolment | None:
    """The eligible enrolment of exactly that number (what a form is sent for), else None."""
    return next((e for e in eligible(account) if e.number == number), None)


def dossier(enrolment: Enrolment) -> str:
    return f"FINMSS{enrolment.id:06d}"


def requests_of(enrolment: Enrolment) -> dict:
    """The dossier's requests by kind."""
    return {r.kind: r for r in FundingRequest.select().where(FundingRequest.enrolment == enrolment)}


def clean_counts(values: dict, names) -> tuple[dict, dict]:
    """Whole numbers ≥ 0 (spaces between thousands allowed); French errors by field."""
    cleaned, errors = {}, {}
    for name in names:
        try:
            count = formatting.parse_decimal(values.get(name), places=0)
        except formatting.NotANumber:
            errors[name] = COUNT_INVALID
            continue
        if count is None:
            errors[name] = COUNT_REQUIRED
        elif not 0 <= count <= COUNT_MAX:
            errors[name] = COUNT_INVALID
        else:
            cleaned[name] = int(count)
    return cleaned, errors


def snapshot(request: FundingRequest, **overrides) -> str:
    """The request as it is now (its beneficiaries too when filed from a JSON); `overrides`: what
    differs from it (the status of an amendment historised)."""
    data = {name: str(getattr(request, name)) if getattr(request, name) is not None else None
            for name in SNAPSHOT}
    data.update(overrides)
    if request.from_json:
        data["beneficiaries"] = json_view.beneficiaries_text(request)
    return json.dumps(data, ensure_ascii=False)


def log(request: FundingRequest, source, target: str, account=None, comment: str = "") -> FundingEvent:
    """A history row besides a move (a filing, the automatic decision): by the holder's
    `account`, or the portal itself when None."""
    who = dict(actor_account=account, actor_role=HOLDER, actor_name=account.full_name) \
        if account else dict(actor_role=SYSTEM)
    return FundingEvent.create(request=request, from_status=source, to_status=target,
                               comment=comment, snapshot=snapshot(request), **who)


def advance_amounts(enrolment: Enrolment, call: amounts.Tariff | None = None) -> tuple:
    """« Montant fixe éligible pour l'opérateur », HT and with the enrolment's VAT (`call`: the
    tariff when the caller has already read it)."""
    ht = amounts.advance(call or funding_call.tariff())
    return ht, amounts.with_vat(ht, enrolment.vat_rate)


def balance_draft(enrolment: Enrolment) -> str:
    """The name the balance form's typed values are kept under (services/core/autosave): one per
    enrolment."""
    return autosave.name("balance", enrolment.number)


def balance_documents(enrolment: Enrolment) -> tuple[str, ...]:
    """The documents of the balance, by profile: a buyer adds the paid invoice (guide 004)."""
    return BUYER_DOCUMENTS if enrolment.is_buyer else BALANCE_DOCUMENTS


def balance_preview(enrolment: Enrolment, call: amounts.Tariff | None = None) -> dict | None:
    """What the balance form shows read-only: the Annuaire counts, the VAT, the amount HT."""
    boxes = annuaire.mailboxes(enrolment.siret)
    if boxes is None:
        return None
    ht = amounts.balance(call or funding_call.tariff(), boxes)
    return {"boxes": boxes, "amount_ht": ht, "amount_ttc": amounts.with_vat(ht, enrolment.vat_rate)}


def _clean_url(value: str) -> str:
    try:
        parts = urlsplit(value)
    except ValueError:
        raise identifiers.InvalidIdentifier(URL_INVALID)
    if parts.scheme != "https" or "." not in parts.netloc or " " in value or len(value) > 255:
        raise identifiers.InvalidIdentifier(URL_INVALID)
    return value


def support_contact(values: dict) -> tuple[dict, dict]:
    """The operator's support contact: name (optional), phone, e-mail, documentation URL."""
    cleaned = {"support_name": " ".join((values.get("support_name") or "").split())[:120]}
    errors = {}
    for name, clean in (("support_phone", identifiers.clean_phone),
                        ("support_email", identifiers.clean_email),
                        ("documentation_url", _clean_url)):
        value = (values.get(name) or "").strip()
        if not value:
            errors[name] = REQUIRED
            continue
        try:
            cleaned[name] = clean(value)
        except identifiers.InvalidIdentifier as exc:
            errors[name] = str(exc)
    return cleaned, errors


def balance_offer(enrolment: Enrolment, account, filed: dict | None = None,
                  call: amounts.Tariff | None = None) -> tuple[str | None, dict | None]:
    """Why no balance may be filed now (None: it may), and when it may, its preview. `filed`
    (the dossier's requests by kind) and `call` when the caller has already read them."""
    if enrolment is None or enrolment.holder_id != account.id:
        return NOT_ELIGIBLE, None
    filed = requests_of(enrolment) if filed is None else filed
    if BALANCE in filed:
        return BALANCE_ALREADY, None
    if ADVANCE not in filed or filed[ADVANCE].status != DECIDED:
        return ADVANCE_FIRST, None
    preview = balance_preview(enrolment, call)
    return (NOT_IN_ANNUAIRE, None) if preview is None else (None, preview)


def file_balance(enrolment: Enrolment, account, values: dict, documents: dict,
                 refused: dict | None = None) -> FundingRequest:
    """« Importer »: the balance with its support contact, the Annuaire counts, the amount
    computed, and its documents (type → Document, already checked; `refused`: why a file sent
    was not kept) → « En cours ». Raises Refused."""
    refusal, preview = balance_offer(enrolment, account)
    if refusal:
        refuse_if({ACTION: refusal}, refused)
    support, errors = support_contact(values)
    for kind in balance_documents(enrolment):
        if documents.get(kind) is None:
            errors.setdefault("doc_" + kind, DOCUMENT_MISSING)
    refuse_if(errors, refused)
    try:
        return _filed_balance(enrolment, account, support, documents, preview)
    except IntegrityError:  # filed meanwhile from another tab: its number is taken
        raise Refused({ACTION: BALANCE_ALREADY})


def _filed_balance(enrolment, account, support, documents, preview) -> FundingRequest:
    boxes = preview["boxes"]
    with db.database.atomic():
        request = FundingRequest.create(
            number=f"{dossier(enrolment)}-{SUFFIXES[BALANCE]}", dossier=dossier(enrolment),
            kind=BALANCE, enrolment=enrolment, account=account, status=IN_PROGRESS,
            software=enrolment.dsr, vat_rate=enrolment.vat_rate, declared_ht=preview["amount_ht"],
            amount_ht=preview["amount_ht"], amount_ttc=preview["amount_ttc"],
            boxes_applicative=boxes.applicative, boxes_organisational=boxes.organisational,
            boxes_personal=boxes.personal, **support)
        for kind in balance_documents(enrolment):
            documents[kind].funding_request = request
            documents[kind].save()
        log(request, None, IN_PROGRESS, account, "Dépôt de la demande de solde")
        outbox.queue(account.email, "funding_balance_received", related=f"funding:{request.id}",
                     request=request, enrolment=enrolment, account=account,
                     documents=[documents[kind] for kind in balance_documents(enrolment)])
    return request


SNAPSHOT_LABELS = {
    "status": "Statut", "vat_rate": "Taux de TVA", "declared_ht": "Montant Ségur déclaré HT",
    "amount_ht": "Montant retenu HT", "amount_ttc": "Montant retenu TTC",
    "current_applicative": "BAL applicatives actuelles",
    "current_organisational": "BAL organisationnelles actuelles",
    "current_personal": "BAL personnelles actuelles",
    "closing_applicative": "BAL applicatives estimées à la clôture",
    "closing_organisational": "BAL organisationnelles estimées à la clôture",
    "closing_personal": "BAL personnelles estimées à la clôture",
    "boxes_applicative": "Nombre de BAL applicatives déclarées",
    "boxes_organisational": "Nombre de BAL organisationnelles déclarées",
    "boxes_personal": "Nombre de BAL nominatives déclarées",
    "support_name": "Nom du contact support", "support_phone": "Téléphone du contact support",
    "support_email": "Adresse mail du contact support",
    "documentation_url": "Documentation pour les clients et éditeurs"}


def versions(request: FundingRequest, events: list[FundingEvent] | None = None) -> list[dict]:
    """Each version of the request since filing, newest first: its number, the date it was
    filed (or sent again), and its data as the history kept them (labels → values as shown);
    `events`: its history when the caller has already read it."""
    found, scenarios = {}, request.corridor.scenarios if request.from_json else []
    for event in history(request) if events is None else events:
        data = json.loads(event.snapshot or "{}")
        number = int(data.get("version") or 1)
        found.setdefault(number, {"number": number, "since": event.created_at})["data"] = data
    shown = []
    for version in sorted(found.values(), key=lambda v: -v["number"]):
        rows = []
        for name, label in SNAPSHOT_LABELS.items():
            value = version["data"].get(name)
            if value in (None, ""):
                continue
            if name == "status":
                value = STATUS_LABELS.get(value, value)
            elif name == "vat_rate":
                value = vat_label(value)
            elif name in ("declared_ht", "amount_ht", "amount_ttc"):
                value = formatting.euros(value)
            elif name in BOXES:
                value = formatting.count(value)
            rows.append((label, value))
        rows += json_view.version_rows(version["data"], scenarios)
        shown.append({"number": version["number"], "since": version["since"], "rows": rows})
    return shown


def with_enrolment(number: str) -> FundingRequest | None:
    """The request of that number and its enrolment, in one query (the staff's: never an
    incomplete one, 003 §9)."""
    return (FundingRequest.select(FundingRequest, Enrolment).join(Enrolment)
            .where(FundingRequest.number == number, FundingRequest.status != INCOMPLETE).first())


def history(request: FundingRequest) -> list[FundingEvent]:
    return list(request.events.order_by(FundingEvent.id))

