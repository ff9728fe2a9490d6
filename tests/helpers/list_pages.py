"""The portal's list pages, each with a way to give it as many rows as asked (copies of the
scene's row): counted at 1 and 50 rows by tests/core/test_queries_lists.py."""
import datetime
from dataclasses import dataclass

from portal.models import (AnsReferencing, BankDetail, Company, Corridor, DebtorAccount,
                           DocumentTemplate, Enrolment, FaqEntry, FundingRequest, JsonImport,
                           NewsItem, OutboxMessage, PaymentBatch, PaymentLine, PersonChange,
                           SupportMessage)
from portal.models.messages import DossierMessage
from tests.helpers.enrolment import database
from tests.helpers.queries import copies, numbered, one_per_account
from tests.helpers.scene import first_request, grow_imports


def _all(model, **changes):
    """Grow every row of `model` (the lists that show them all)."""
    def grow(s, n):
        copies(s.app, model, n, **changes)
    return grow


def _enrolments(s, n):
    copies(s.app, Enrolment, n, Enrolment.holder == s.operator, number=numbered,
           draft_token=lambda i, v: None)


def _funding(s, n):
    copies(s.app, FundingRequest, n, number=numbered)


def _funding_by_month(s, n):
    """Requests filed a month apart: the dashboard's rows are months."""
    copies(s.app, FundingRequest, n, number=numbered,
           created_at=lambda i, v: v - datetime.timedelta(days=31 * i))


def _validated(s, n):
    """Requests awaiting the budget owner (« Validée »)."""
    copies(s.app, FundingRequest, n, FundingRequest.status == "validated",
           {"status": "validated"}, number=lambda i, value: f"{value}-V{i}")


def _news(public):
    def grow(s, n):
        copies(s.app, NewsItem, n, NewsItem.for_operators == (not public),
               {"for_operators": not public})
    return grow


@dataclass(frozen=True)
class ListPage:
    """A page listing rows (a table, the news, the FAQ…)."""
    endpoint: str
    url: str
    who: str  # which client of the scene reads it
    grow: object  # grow(scene, n): the list shows n rows
    fragment: bool  # answers an htmx request with a fragment
    what: str = ""  # its rows, in the words of the page


def _own_bank_details(s, n):
    """The operator's: one pending (the scene's), the others validated, each its own account
    (the page shows one row per IBAN)."""
    copies(s.app, BankDetail, n, BankDetail.account == s.operator, status=lambda i, v: "validated",
           iban=lambda i, v: f"FR76 {i:023d}")


def _incomplete(s, n):
    """The operator's requests still incomplete, of one JSON import."""
    grow_imports(s, 1)
    with database(s.app):
        filed = JsonImport.get(JsonImport.account == s.operator)
    copies(s.app, FundingRequest, n, (FundingRequest.account == s.operator)
           & (FundingRequest.status == "incomplete"),
           {"account": s.operator.id, "status": "incomplete", "json_import": filed.id,
            "corridor": filed.corridor_id}, number=numbered,
           publisher_number=lambda i, v: f"ED-{i}")


BATCH = "MEP-2026-000001"


def _batch_lines(s, n):
    """A payment batch of `n` transfers, each to a request of its own (one open line per
    request: migration 0032)."""
    _funding(s, n)
    with database(s.app):
        batch = PaymentBatch.get_or_none(PaymentBatch.number == BATCH) or PaymentBatch.create(
            number=BATCH, debtor=DebtorAccount.select().first(), total=0,
            execution_date=datetime.date(2026, 12, 3), created_by_name="Alice Dupont",
            stored_name="scene-batch.xml")
        taken = {line.request_id for line in PaymentLine.select()}
        free = [r for r in FundingRequest.select().order_by(FundingRequest.id).limit(n)
                if r.id not in taken]
        if free:
            PaymentLine.insert_many([dict(batch=batch.id, request=r.id, amount=r.amount_ttc,
                                          iban="FR7630006000011234567890189", holder="MEDIMAIL",
                                          remittance=f"VERSE001 {r.dossier} {r.number}")
                                     for r in free]).execute()


def _batches(s, n):
    _batch_lines(s, 1)
    copies(s.app, PaymentBatch, n, number=numbered, stored_name=numbered)


def _referencing(s, n):
    copies(s.app, AnsReferencing, n, number=numbered)


def _companies(s, n):
    copies(s.app, Company, n, siret=lambda i, v: f"{i:014d}")


def _templates(status):
    """The operator's templates of that status (the scene's is pending)."""
    def grow(s, n):
        copies(s.app, DocumentTemplate, n, (DocumentTemplate.account == s.operator)
               & (DocumentTemplate.status == status), {"status": status})
    return grow


def _own_templates(s, n):
    """Sent for review (« Historique ») and not validated: both lists of the screen."""
    _templates("pending")(s, n)
    _templates("imported")(s, n)


def _messages(from_staff):
    """Messages received: the ASP's on the operator's request, or the operator's."""
    def grow(s, n):
        request = first_request(s)
        copies(s.app, DossierMessage, n, DossierMessage.from_staff == from_staff,
               {"from_staff": from_staff, "dossier_kind": "funding", "dossier_id": request.id},
               {"reference": request.number, "holder": s.operator.id, "body": "Bonjour.",
                "author_name": "Alice Dupont"})
    return grow


LIST_PAGES = (
    ListPage("public.site.index", "/", "public", _news(True), False, "actualités publiques"),
    ListPage("public.site.faq", "/faq", "public",
             _all(FaqEntry), True, "questions"),
    ListPage("operator.home.home", "/espace/", "operator", _news(False), True, "actualités"),
    ListPage("operator.help.faq", "/espace/aide/questions-frequentes", "operator",
             _all(FaqEntry), True, "questions"),
    ListPage("operator.enrolments.index", "/espace/enrolements/", "operator", _enrolments, True,
             "enrôlements"),
    ListPage("operator.funding.index", "/espace/financement/", "operator", _funding, True,
             "demandes de financement"),
    ListPage("operator.funding.suggestions", "/espace/financement/suggestions?numero=FIN",
             "operator", _funding, False, "numéros suggérés"),
    ListPage("operator.imports.index", "/espace/importations/", "operator", grow_imports, True,
             "imports JSON"),
    ListPage("operator.incomplete.index", "/espace/demandes-incompletes/", "operator",
             _incomplete, True, "demandes non complétées"),
    ListPage("operator.account.bank_details", "/mon-compte/coordonnees-bancaires", "operator",
             _own_bank_details, False, "coordonnées bancaires"),
    ListPage("operator.templates.index", "/espace/financement/modeles/", "operator",
             _own_templates, True, "modèles de pièces justificatives"),
    ListPage("backoffice.templates.queue", "/gestion/modeles/", "manager", _templates("pending"),
             True, "modèles de pièces justificatives"),
    ListPage("public.demo_mail.index", "/courriels-demo/", "demo",
             _all(OutboxMessage), False, "courriels (démonstration)"),
    ListPage("backoffice.enrolments.queue", "/gestion/enrolements", "manager", _enrolments, True,
             "enrôlements"),
    ListPage("backoffice.funding.queue", "/gestion/financement/", "manager", _funding, True,
             "demandes de financement"),
    ListPage("backoffice.imports.index", "/gestion/importations/", "manager", grow_imports, True,
             "importations JSON"),
    ListPage("backoffice.dashboard.index", "/gestion/tableau-de-bord/", "manager",
             _funding_by_month, True, "mois de dépôt"),
    ListPage("backoffice.search.index", "/gestion/recherche/?q=FIN", "manager", _funding, True,
             "dossiers trouvés"),
    ListPage("backoffice.payments.choose", "/gestion/paiements/mise-en-paiement", "manager",
             _funding, True, "demandes décidées"),
    ListPage("backoffice.payments.index", "/gestion/paiements/", "manager", _batches, True,
             "lots de paiement"),
    ListPage("backoffice.payments.batch", f"/gestion/paiements/{BATCH}", "manager",
             _batch_lines, True, "virements"),
    ListPage("backoffice.admin.debtor_account", "/gestion/administration/compte-asp", "admin",
             _all(DebtorAccount), True, "modifications du compte de l'ASP"),
    ListPage("backoffice.bank_details.queue", "/gestion/coordonnees-bancaires/", "manager",
             lambda s, n: one_per_account(s.app, BankDetail, n), True, "coordonnées bancaires"),
    ListPage("backoffice.person_changes.queue", "/gestion/demandes-de-modification/", "manager",
             lambda s, n: one_per_account(s.app, PersonChange, n), True, "modifications"),
    ListPage("backoffice.outbox.index", "/gestion/courriels/", "manager",
             _all(OutboxMessage), True, "courriels"),
    ListPage("backoffice.support.index", "/gestion/assistance/", "manager",
             _all(SupportMessage, reference=numbered), True, "messages"),
    ListPage("operator.messages.index", "/espace/messages", "operator", _messages(True), True,
             "messages reçus"),
    ListPage("backoffice.dossiers.inbox_page", "/gestion/messages", "manager", _messages(False),
             True, "messages des opérateurs"),
    ListPage("backoffice.admin.corridor_list", "/gestion/administration/couloirs", "admin",
             _all(Corridor, code=numbered, dossier_prefix=numbered), True, "couloirs"),
    ListPage("backoffice.admin.envelope_list", "/gestion/administration/enveloppes", "admin",
             _all(Corridor, code=numbered, dossier_prefix=numbered), True, "couloirs"),
    ListPage("budget.decisions", "/gestion/decisions-budgetaires/", "budget_owner", _validated,
             True, "demandes validées"),
    ListPage("public.json_docs.index", "/documentation-des-jsons/", "public",
             _all(Corridor, code=numbered, dossier_prefix=numbered), True, "couloirs"),
    ListPage("backoffice.admin.news", "/gestion/administration/actualites", "admin",
             _all(NewsItem), True, "actualités"),
    ListPage("backoffice.admin.faq", "/gestion/administration/foire-aux-questions", "admin",
             _all(FaqEntry), True, "questions"),
    ListPage("backoffice.admin.dataset", "/gestion/administration/donnees-de-reference/ans",
             "admin", _referencing, True, "référencements ANS"),
    ListPage("backoffice.admin.import_progress",
             "/gestion/administration/donnees-de-reference/ans/import", "admin", _referencing,
             True, "référencements ANS"),
    ListPage("backoffice.admin.dataset", "/gestion/administration/donnees-de-reference/companies",
             "admin", _companies, True, "établissements"),
)
