"""The portal's pages about one row that list that row's history, documents, mails and
thread, each with a way to grow them and the statements it runs at most."""
from dataclasses import dataclass

from portal.models import (BankDetail, BankDetailEvent, Document, DocumentRequest,
                           DocumentTemplate, DocumentTemplateEvent, EnrolmentEvent, FundingEvent,
                           JsonImport, OutboxMessage, PersonChange, PersonChangeEvent,
                           SupportMessage)
from portal.models.messages import DossierMessage, DossierNote
from tests.helpers.enrolment import database
from tests.helpers.queries import copies, numbered
from tests.helpers.scene import first_enrolment, first_request, grow_imports


@dataclass(frozen=True)
class DetailPage:
    """A page about one row that lists what belongs to it (its history, documents, mails)."""
    endpoint: str
    who: str
    url: object  # url(scene)
    grow: object  # grow(scene, n): n events, documents and mails of each kind it shows
    most: int  # the statements it runs at most (what it shows, each read once)
    fragment: bool = False  # answers an htmx request with a fragment (a form re-drawn)


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
    grow_imports(s, 1)
    with database(s.app):
        return (JsonImport.select().where(JsonImport.account == s.operator)
                .order_by(JsonImport.id).first())


def _both(*grows):
    def grow(s, n):
        for each in grows:
            each(s, n)
    return grow


_FUNDING = _both(_grow_record(first_request, FundingEvent, "request", "funding_request",
                              "funding"), _thread("funding", first_request))


_enrolment_record = _both(_grow_record(first_enrolment, EnrolmentEvent, "enrolment", "enrolment",
                                       "enrolment"), _thread("enrolment", first_enrolment))


def _grow_enrolment(s, n):
    """Its history, documents, mails and thread, and as many requests for documents."""
    _enrolment_record(s, n)
    enrolment = first_enrolment(s)
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
               lambda s: f"/gestion/financement/{first_request(s).number}", _FUNDING,
               7 + STAFF_MENU + STAFF_TOOLS, True),
    DetailPage("budget.request_page", "budget_owner",  # the manager's page, no staff tools
               lambda s: f"/gestion/decisions-budgetaires/{first_request(s).number}", _FUNDING,
               7 + STAFF_MENU),
    DetailPage("operator.funding.show", "operator",
               lambda s: f"/espace/financement/{first_request(s).number}", _FUNDING,
               9 + MENU + THREAD),
    DetailPage("backoffice.dossiers.thread", "manager",
               lambda s: f"/gestion/dossiers/financement/{first_request(s).id}/messages",
               _FUNDING, 1 + STAFF_MENU + STAFF_TOOLS, True),  # the request
    DetailPage("operator.messages.thread", "operator",
               lambda s: f"/espace/dossiers/enrolement/{first_enrolment(s).id}/messages",
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
               lambda s: f"/gestion/enrolements/{first_enrolment(s).number}", _grow_enrolment,
               7 + STAFF_MENU + STAFF_TOOLS, True),
    DetailPage("operator.enrolments.show", "operator",
               lambda s: f"/espace/enrolements/{first_enrolment(s).number}", _grow_enrolment,
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
