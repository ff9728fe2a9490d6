"""Count the SQL statements of a request (the one counter of the tests and of
scripts/count_queries.py); the portal's list pages, and its pages about one row that list that
row's history, documents and mails, each with a way to give it as many rows as asked: a scene
where every list holds one row, grown by copies of that row."""
import collections
import datetime
import logging
from contextlib import contextmanager
from dataclasses import dataclass, field

from portal import create_app
from portal.models import (AnsReferencing, BankDetail, BankDetailEvent, Company, Corridor,
                           DebtorAccount, Document, DocumentRequest, DocumentTemplate,
                           DocumentTemplateEvent, Enrolment, EnrolmentEvent, FaqEntry,
                           FundingEvent, FundingRequest, JsonImport, NewsItem, OutboxMessage,
                           PaymentBatch, PaymentLine, PersonChange, PersonChangeEvent,
                           SupportMessage)
from portal.models.accounts import ADMIN
from portal.models.messages import DossierMessage, DossierNote
from tests.helpers.accounts import budget_owner_client, make_account, manager_client, signed_in
from tests.helpers.enrolment import HTMX, database
from tests.helpers.funding import COUNTS, send, validated_operator


class Queries(logging.Handler):
    """The SQL text of every statement peewee runs while it is attached."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.sql = []

    def emit(self, record):
        if record.name == "peewee":
            self.sql.append(str(record.msg))  # the SQL and its parameters

    def repeated(self) -> list[str]:
        """The statements run more than once (same SQL, same parameters)."""
        return [sql for sql, n in collections.Counter(self.sql).items() if n > 1]


@contextmanager
def counting():
    """`with counting() as queries:` … `len(queries.sql)` statements ran inside."""
    logger, queries = logging.getLogger("peewee"), Queries()
    level = logger.level
    logger.addHandler(queries)
    logger.setLevel(logging.DEBUG)
    try:
        yield queries
    finally:
        logger.removeHandler(queries)
        logger.setLevel(level)


def run_by(client, url, headers=None) -> Queries:
    """The SQL statements the GET of `url` runs (it must answer 200)."""
    with counting() as queries:
        response = client.get(url, headers=headers or {})
    assert response.status_code == 200, (url, response.status_code)
    return queries


def statements(client, url, headers=None) -> list[str]:
    return run_by(client, url, headers).sql


def count(client, url, headers=None) -> int:
    return len(statements(client, url, headers))


def copies(app, model, total: int, where=None, base=None, new=None, **changes) -> None:
    """Copies of the first row of `model` matching `where` (or, when none does, of its first row
    at all; when it has none, a row made of `base` and `new`) until `total` match; `base`: columns
    every copy takes (those `where` asks); `changes`: column → f(i, value) for the copy number i
    (the unique columns)."""
    base = base or {}
    with database(app):
        query = model.select().where(where) if where is not None else model.select()
        first = query.order_by(model.id).first() or model.select().order_by(model.id).first()
        if first is None:
            first = model.create(**base, **(new or {}))
        have = query.count()
        data = {**{k: v for k, v in first.__data__.items() if k != "id"}, **base}
        rows = [{**data, **{k: f(i, data.get(k)) for k, f in changes.items()}}
                for i in range(have, total)]
        if rows:
            model.insert_many(rows).execute()


def numbered(i, value):
    return f"{value}-{i}"


def one_per_account(app, model, total: int) -> None:
    """Pending bank details or changes of persons: one per account (a partial unique index), so
    each copy gets an account of its own."""
    with database(app):
        pending = model.select().where(model.status == "pending")
        have = pending.count()
    accounts = [make_account(app, last_name=f"Nom{i}").id for i in range(have, total)]
    with database(app):
        data = {k: v for k, v in pending.order_by(model.id).first().__data__.items() if k != "id"}
        if accounts:
            model.insert_many([{**data, "account": a} for a in accounts]).execute()


@dataclass
class Scene:
    """One validated operator (its enrolment, its advance, the mails they sent), one of every row
    the lists show, and a signed-in client per audience."""
    app: object
    clients: dict = field(default_factory=dict)
    operator: object = None


def demo_app(app):
    """The portal of a demonstration without a mail server (its mails readable in the browser:
    the routes only it has), on the same database."""
    return create_app({**app.config, "TESTING": True, "MAIL_SERVER": None, "PORTAL_DEMO": True})


def scene(app) -> Scene:
    """Needs the demo data (`load-demo`)."""
    operator = validated_operator(app)
    client = signed_in(app.test_client(), operator)
    assert send(client, **COUNTS).status_code == 303
    with database(app):
        siret = Enrolment.get(Enrolment.holder == operator).siret  # the company they belong to
        BankDetail.create(account=operator, siret=siret, iban="FR7630006000011234567890189",
                          bic="AGRIFRPP", holder="MEDIMAIL SOLUTIONS")
        PersonChange.create(account=operator, siret=siret, rep_last_name="Martin",
                            rep_first_name="Paul",
                            rep_email="paul@example.fr", rep_phone="0102030405",
                            changes="Nom du représentant légal : Martin → Martin")
        template = DocumentTemplate.create(
            account=operator, siret=siret, kind="api_guide", status="pending", page_count=2,
            document=Document.create(kind="api_guide", original_name="guide.pdf",
                                     stored_name="scene-guide.pdf", content_type="application/pdf",
                                     size=2048, sha256="0" * 64))
        DocumentTemplateEvent.create(template=template, to_status="pending", actor_role="holder")
        if not SupportMessage.select().exists():
            SupportMessage.create(reference="AS-000001", last_name="Martin", first_name="Claire",
                                  email="claire.martin@medimail.fr", category="enrolment",
                                  message="Bonjour.")
    clients = {"public": app.test_client(), "operator": client, "manager": manager_client(app),
               "admin": signed_in(app.test_client(), make_account(app, ADMIN, last_name="Admin")),
               "budget_owner": budget_owner_client(app), "demo": demo_app(app).test_client()}
    return Scene(app, clients, operator)


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


def _imports(s, n):
    """The operator's JSON imports, its enrolment's DSR given a corridor (the channel opens)."""
    with database(s.app):
        enrolment = Enrolment.get(Enrolment.holder == s.operator)
        corridor = Corridor.get_or_none(Corridor.dsr == enrolment.dsr) or Corridor.create(
            code="MSS-TEST", label="Couloir de test", software_type=enrolment.dsr,
            dsr=enrolment.dsr, dossier_prefix="FINTST", identifier_kind="finess",
            identifier_label="Numéro FINESS")
    copies(s.app, JsonImport, n, JsonImport.account == s.operator,
           {"account": s.operator.id, "enrolment": enrolment.id, "corridor": corridor.id},
           {"kind": "advance", "filename": "demandes.json", "stored_name": "import.json",
            "sha256": "0" * 64, "requests_total": 2, "requests_retained": 2},
           stored_name=numbered)


def _incomplete(s, n):
    """The operator's requests still incomplete, of one JSON import."""
    _imports(s, 1)
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
        request = _funding_request(s)
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
    ListPage("operator.imports.index", "/espace/importations/", "operator", _imports, True,
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
    ListPage("backoffice.imports.index", "/gestion/importations/", "manager", _imports, True,
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


@dataclass(frozen=True)
class DetailPage:
    """A page about one row that lists what belongs to it (its history, documents, mails)."""
    endpoint: str
    who: str
    url: object  # url(scene)
    grow: object  # grow(scene, n): n events, documents and mails of each kind it shows
    most: int  # the statements it runs at most (what it shows, each read once)
    fragment: bool = False  # answers an htmx request with a fragment (a form re-drawn)


def _funding_request(s):
    with database(s.app):
        return FundingRequest.select().where(FundingRequest.account == s.operator) \
            .order_by(FundingRequest.id).first()


def _enrolment(s):
    with database(s.app):
        return (Enrolment.select().where(Enrolment.holder == s.operator)
                .order_by(Enrolment.id).first())


def _grow_record(parent_of, events, event_key, document_key, related):
    """Grow the history, the documents and the mails of the row `parent_of(scene)`."""
    def grow(s, n):
        parent = parent_of(s)
        if events:
            copies(s.app, events, n, getattr(events, event_key) == parent.id,
                   {event_key: parent.id}, {"to_status": "pending"})
        if document_key:
            copies(s.app, Document, n, getattr(Document, document_key) == parent.id,
                   {document_key: parent.id}, stored_name=numbered)
        if related:
            copies(s.app, OutboxMessage, n, OutboxMessage.related == f"{related}:{parent.id}",
                   {"related": f"{related}:{parent.id}"})
    return grow


def _support(s):
    with database(s.app):
        return SupportMessage.select().order_by(SupportMessage.id).first()


def _pending(model):
    def find(s):
        with database(s.app):
            return model.get(model.account == s.operator)
    return find


def _thread(kind, parent_of):
    """A dossier's thread (the operator's messages, each with its file, unread: the page marks
    them read) and the staff's notes on it."""
    def grow(s, n):
        parent = parent_of(s)
        key = {"dossier_kind": kind, "dossier_id": parent.id}
        with database(s.app):
            document = Document.get_or_create(
                stored_name=f"thread-{kind}.pdf", defaults=dict(
                    kind="message_attachment", original_name="note.pdf",
                    content_type="application/pdf", size=10, sha256="0" * 64))[0]
        copies(s.app, DossierMessage, n, (DossierMessage.dossier_kind == kind)
               & (DossierMessage.dossier_id == parent.id), key,
               {"reference": str(getattr(parent, "number", parent.id)), "holder": s.operator.id,
                "author": s.operator.id,
                "author_name": "Claire Martin", "from_staff": False, "body": "Bonjour.",
                "document": document.id}, read_at=lambda i, v: None)
        copies(s.app, DossierNote, n, (DossierNote.dossier_kind == kind)
               & (DossierNote.dossier_id == parent.id), key, {"body": "À rappeler."})
    return grow


def _import(s):
    """The operator's first JSON import (made the first time)."""
    _imports(s, 1)
    with database(s.app):
        return (JsonImport.select().where(JsonImport.account == s.operator)
                .order_by(JsonImport.id).first())


def _both(*grows):
    def grow(s, n):
        for each in grows:
            each(s, n)
    return grow


_FUNDING = _both(_grow_record(_funding_request, FundingEvent, "request", "funding_request",
                              "funding"), _thread("funding", _funding_request))
_enrolment_record = _both(_grow_record(_enrolment, EnrolmentEvent, "enrolment", "enrolment",
                                       "enrolment"), _thread("enrolment", _enrolment))


def _grow_enrolment(s, n):
    """Its history, documents, mails and thread, and as many requests for documents."""
    _enrolment_record(s, n)
    enrolment = _enrolment(s)
    copies(s.app, DocumentRequest, n, DocumentRequest.enrolment == enrolment.id,
           {"enrolment": enrolment.id}, {"message": "Le RIB est illisible.",
                                         "kinds_json": '["rib"]'})


# An operator's page: whether its menu shows « Importation JSONs » (one EXISTS), and the count of
# the messages waiting for the account (one COUNT); a staff page: that count.
MENU, STAFF_MENU = 2, 1
# A dossier's page: its thread (one query, the files joined), and the operator's messages marked
# read (one UPDATE); for the staff, its notes and who follows it too.
THREAD, STAFF_TOOLS = 2, 4
DETAIL_PAGES = (
    # + the dossier's follow-up: its requests and the payment lines that carried them
    DetailPage("backoffice.funding.show", "manager",
               lambda s: f"/gestion/financement/{_funding_request(s).number}", _FUNDING,
               7 + STAFF_MENU + STAFF_TOOLS, True),
    DetailPage("operator.funding.show", "operator",
               lambda s: f"/espace/financement/{_funding_request(s).number}", _FUNDING,
               9 + MENU + THREAD),
    DetailPage("backoffice.dossiers.thread", "manager",
               lambda s: f"/gestion/dossiers/financement/{_funding_request(s).id}/messages",
               _FUNDING, 1 + STAFF_MENU + STAFF_TOOLS, True),  # the request
    DetailPage("operator.messages.thread", "operator",
               lambda s: f"/espace/dossiers/enrolement/{_enrolment(s).id}/messages",
               _grow_enrolment, 1 + MENU + THREAD, True),
    DetailPage("backoffice.imports.show", "manager",
               lambda s: f"/gestion/importations/{_import(s).id}", _thread("import", _import),
               3 + STAFF_MENU + STAFF_TOOLS),  # the import joined, its requests
    DetailPage("operator.imports.documents", "operator",
               lambda s: f"/espace/importations/{_import(s).id}/pieces",
               _thread("import", _import), 4 + MENU + THREAD),
    DetailPage("operator.funding.request_page", "operator", lambda s: "/espace/financement/demande",
               _FUNDING, 9 + MENU, True),  # the account's companies (the chooser), the balance's
    # draft, the templates accepted for the balance's documents (said in their drop zones)
    DetailPage("backoffice.enrolments.enrolment", "manager",
               lambda s: f"/gestion/enrolements/{_enrolment(s).number}", _grow_enrolment,
               7 + STAFF_MENU + STAFF_TOOLS, True),
    DetailPage("operator.enrolments.show", "operator",
               lambda s: f"/espace/enrolements/{_enrolment(s).number}", _grow_enrolment,
               4 + MENU + THREAD),
    DetailPage("backoffice.bank_details.show", "manager",
               lambda s: f"/gestion/coordonnees-bancaires/{_pending(BankDetail)(s).id}",
               _grow_record(_pending(BankDetail), BankDetailEvent, "bank_detail", None, None),
               5 + STAFF_MENU, True),
    DetailPage("backoffice.person_changes.show", "manager",
               lambda s: f"/gestion/demandes-de-modification/{_pending(PersonChange)(s).id}",
               _grow_record(_pending(PersonChange), PersonChangeEvent, "person_change", None,
                            None), 5 + STAFF_MENU, True),
    DetailPage("backoffice.templates.show", "manager",
               lambda s: f"/gestion/modeles/{_pending(DocumentTemplate)(s).id}",
               _grow_record(_pending(DocumentTemplate), DocumentTemplateEvent, "template", None,
                            None), 4 + STAFF_MENU, True),
    DetailPage("backoffice.support.show", "manager",
               lambda s: f"/gestion/assistance/{_support(s).reference}",
               _grow_record(_support, None, None, None, "support"), 3 + STAFF_MENU),
    DetailPage("operator.account.persons", "operator", lambda s: "/mon-compte/personnes-physiques",
               lambda s, n: copies(s.app, PersonChange, n, PersonChange.account == s.operator,
                                status=lambda i, v: "validated"), 4 + MENU, True),
)


def measure(s: Scene, pages, n: int) -> dict:
    """Each page grown to `n` rows, then read: {(endpoint, url, fragment): (its statements, its
    body, the page)}, with the htmx fragment of the pages that have one (htmx is asked for every page: one
    that answers a fragment it does not declare, or the other way round, fails)."""
    for page in pages:
        page.grow(s, n)
    found = {}
    for page in pages:
        client = s.clients[page.who]
        url = page.url(s) if callable(page.url) else page.url
        whole = None
        for fragment in (False, True):
            headers = HTMX if fragment else None
            sql = statements(client, url, headers)
            body = client.get(url, headers=headers).get_data(as_text=True)
            if not fragment:
                whole = "<html" in body
            elif page.fragment != (whole and "<html" not in body):
                raise AssertionError(f"{url}: its htmx fragment is {page.fragment} in the list")
            if page.fragment or not fragment:
                found[(page.endpoint, url, fragment)] = (sql, body, page)
    return found
