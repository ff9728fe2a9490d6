"""The operator's funding screens as models: each function reads once what its screen shows and
may do, so that the view only renders it and the template only asks it (`page.can_resubmit`)."""
import datetime
from dataclasses import dataclass, field

from portal.models import Enrolment, FundingEvent, FundingRequest
from portal.models.funding import ADVANCE, BALANCE, CANCELLATION_ASKED, IN_PROGRESS, VALIDATED
from portal.services.account import bank_details
from portal.services.core import outbox
from portal.services.funding import json_view, requests as funding, tariff as funding_call
from portal.services.funding import follow_up, workflow
from portal.services.templates import submissions as templates

ADVANCE_TAB, BALANCE_TAB = "avance", "solde"


def can_resubmit(request: FundingRequest | None) -> bool:
    """The holder may send the request again (« A modifier », « En attente de pièce
    justificative »): « Ajouter des pièces » — through the MSS balance's form (« Renvoyer ma
    demande »), or for a request filed from a JSON through its own screen (services/funding/
    pieces.py). `request` may be a row of the operator's table (operator_table.Row): only its
    status is read."""
    return request is not None and workflow.STATUS.allowed(request, workflow.RESUBMIT)


def _mails(requests) -> dict:
    """The mails about each request, by the request's id, in one query."""
    found = outbox.for_each_related([f"funding:{r.id}" for r in requests])
    return {r.id: found[f"funding:{r.id}"] for r in requests}


@dataclass
class RequestPage:
    """« Ma demande de financement »: the dossier of one eligible enrolment, its two tabs."""
    tab: str
    eligible: list[Enrolment]
    waiting: list[Enrolment] = field(default_factory=list)  # read only when nothing is eligible
    enrolment: Enrolment | None = None
    dossier: str = ""
    closing_date: datetime.date | None = None
    advance: FundingRequest | None = None
    advance_amounts: tuple | None = None  # (HT, TTC) while the advance is not filed
    advance_mails: list = field(default_factory=list)
    balance: FundingRequest | None = None
    balance_refusal: str | None = None  # why no balance may be filed now
    balance_preview: dict | None = None  # the Annuaire counts and amount, when it may
    balance_kinds: tuple[str, ...] = ()
    balance_mails: list = field(default_factory=list)
    documents: list = field(default_factory=list)  # the balance's own documents
    can_resubmit: bool = False
    manager_message: str = ""  # what the manager asked, while the balance may be sent again
    template_hints: dict = field(default_factory=dict)  # kind → a template of it was accepted

    @property
    def can_file_balance(self) -> bool:
        return self.balance is None and self.balance_refusal is None

    @property
    def advance_notice(self) -> str:
        """Why the advance filed is not decided yet: its envelope was exhausted at filing."""
        awaiting = self.advance is not None and self.advance.status == VALIDATED
        return AWAITING_BUDGET.format(self.advance.number) if awaiting else ""


def request_page(account, enrolment_number: str | None, tab: str | None = None,
                 siret: str | None = None) -> RequestPage:
    """The page of the account's eligible enrolment of that number (whatever its company: a
    link names it), else of the first one of the company `siret` (the one chosen); the selector
    lists the dossiers of the company shown. `tab` « solde » opens the balance, anything else
    the advance."""
    every = funding.eligible(account)
    tab = BALANCE_TAB if tab == BALANCE_TAB else ADVANCE_TAB
    enrolment = next((e for e in every if e.number == enrolment_number),
                     next((e for e in every if siret is None or e.siret == siret), None))
    if enrolment is None:
        waiting = [e for e in funding.waiting(account) if siret is None or e.siret == siret]
        return RequestPage(tab, [], waiting=waiting)
    eligible = [e for e in every if e.siret == enrolment.siret]
    filed = funding.requests_of(enrolment)
    advance, balance = filed.get(ADVANCE), filed.get(BALANCE)
    call = funding_call.tariff()
    refusal, preview = funding.balance_offer(enrolment, account, filed, call)
    mails = _mails(filed.values())
    page = RequestPage(
        tab, eligible, enrolment=enrolment, dossier=funding.dossier(enrolment),
        closing_date=call.closing_date, advance=advance, balance=balance,
        advance_amounts=None if advance else funding.advance_amounts(enrolment, call),
        advance_mails=mails.get(advance.id, []) if advance else [],
        balance_refusal=refusal, balance_preview=preview,
        balance_kinds=funding.balance_documents(enrolment),
        balance_mails=mails.get(balance.id, []) if balance else [],
        documents=list(balance.documents) if balance else [],
        can_resubmit=can_resubmit(balance))
    if page.can_resubmit:
        latest = (balance.events.where(FundingEvent.from_status != FundingEvent.to_status)
                  .order_by(FundingEvent.id.desc()).first())  # a move, not a message
        page.manager_message = latest.comment if latest else ""
    if page.can_resubmit or page.can_file_balance:  # the balance's drop zones are shown
        page.template_hints = templates.accepted_hints(account, enrolment.siret, page.balance_kinds)
    return page


AWAITING_BUDGET = ("L'enveloppe budgétaire de l'appel à financement est épuisée pour le moment : "
                   "votre demande d'avance n° {} est « Validée » mais pas encore décidée. Le "
                   "responsable budgétaire de l'ASP la décidera dès que le budget le permettra ; "
                   "vous en serez informé par courriel.")


def advance_filed(request: FundingRequest) -> str:
    """What the operator reads once its advance is filed: decided, or awaiting the budget."""
    if request.is_decided:
        return (f"Votre demande d'avance n° {request.number} est « {request.status_label} » : la "
                "décision d'attribution est dans l'accordéon « Pièces justificatives ».")
    return AWAITING_BUDGET.format(request.number)


AMOUNT_HELP = {  # the guide's words for each amount, shown in its tooltip
    ADVANCE: ("Montant total hors taxe que vous avez déclaré lors de l'avance, correspondant au "
              "montant hors taxe du bon de commande.",
              "Montant total hors taxe prévisionnel retenu pour la prestation SEGUR.",
              "Montant total prévisionnel retenu pour la prestation SEGUR. Il tient compte de "
              "votre régime de TVA.",
              "Montant décidé pour paiement au titre de l'avance. Il tient compte de votre régime "
              "de TVA."),
    BALANCE: ("Montant total hors taxe que vous avez déclaré lors du solde, correspondant au "
              "montant hors taxe de la facture.",
              "Montant total hors taxe réalisé retenu pour la prestation SEGUR.",
              "Montant total réalisé retenu pour la prestation SEGUR. Il tient compte de votre "
              "régime de TVA.",
              "Montant à payer au titre du solde. Il tient compte de votre régime de TVA et du "
              "montant de l'avance déjà versé."),
}
DECLARED_IN_JSON = {  # the first amount of a request filed from a JSON: the tag it comes from
    ADVANCE: "Montant total hors taxe que vous avez déclaré dans le JSON lors de l'avance (balise "
             "« montantSegurHT ») correspondant au montant hors taxe du bon de commande.",
    BALANCE: "Montant total hors taxe que vous avez déclaré dans le JSON lors du solde (balise "
             "« montantSegurHTFacture ») correspondant au montant hors taxe de la facture.",
}


@dataclass
class Amount:
    label: str
    value: object  # a Decimal, or None while not decided
    help: str


def instructed(request: FundingRequest) -> bool:
    """The ASP has instructed the request at least once (decided, sent back, rejected…)."""
    return request.status != IN_PROGRESS or request.version > 1


def amounts(request: FundingRequest) -> list[Amount]:
    """The amounts as guide 003 §5.2 labels them; the retained and decided ones only once the
    ASP has instructed the request."""
    when, of = (("lors de l'avance", "de l'avance") if request.is_advance
                else ("lors du solde", "du solde"))
    helps = AMOUNT_HELP[request.kind]
    declared_help = DECLARED_IN_JSON[request.kind] if request.from_json else helps[0]
    shown = [Amount(f"Montant SEGUR total hors taxe déclaré {when}", request.declared_ht,
                    declared_help)]
    if instructed(request):
        shown += [
            Amount(f"Montant de l'engagement SEGUR hors taxe retenu ({when})", request.amount_ht,
                   helps[1]),
            Amount(f"Montant de l'engagement SEGUR retenu ({when} - fonction du régime TVA)",
                   request.amount_ttc, helps[2]),
            Amount(f"Montant décidé {of} (fonction du régime TVA)",
                   request.amount_ttc if request.is_decided else None, helps[3])]
    return shown


@dataclass
class Consultation:
    """A request as its holder consults it: recap, current version, follow-up, history."""
    request: FundingRequest
    enrolment: Enrolment
    history: list[FundingEvent]
    versions: list[dict]
    documents: list
    mails: list
    bank: object
    follow_up: list  # follow_up.Line of the dossier's payments, once its advance is decided
    json: json_view.JsonPart | None = None  # filed from a JSON: order, beneficiaries, scenarios

    @property
    def can_ask_cancellation(self) -> bool:
        return workflow.can_ask_cancellation(self.request)

    @property
    def cancellation_asked(self) -> bool:
        return self.request.cancellation == CANCELLATION_ASKED

    @property
    def amounts(self) -> list[Amount]:
        return amounts(self.request)

    @property
    def can_add_pieces(self) -> bool:
        """« Ajouter des pièces » from the consultation of a request filed from a JSON."""
        return self.json is not None and can_resubmit(self.request)

    @property
    def title(self) -> str:
        """« Demande d'avance » or « Demande de solde »."""
        return self.request.title[:1].upper() + self.request.title[1:]


def consultation(account, number: str) -> Consultation | None:
    """The account's own request of that number, None if there is none."""
    request = (FundingRequest.select(FundingRequest, Enrolment).join(Enrolment)
               .where(FundingRequest.number == number, FundingRequest.account == account)
               .first())
    if request is None:
        return None
    history, json_part = funding.history(request), json_view.part(request)
    return Consultation(
        request, request.enrolment, history, funding.versions(request, history),
        list(request.documents), _mails([request])[request.id],
        bank_details.payment_account(account, request.enrolment.siret),
        follow_up.of_dossier(request), json_part)
