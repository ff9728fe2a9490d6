"""The scene where the portal's list and detail pages are counted: one validated operator and
one of every row the lists show, a signed-in client per audience; the rows the pages are about;
and `measure`, which grows each page to n rows and reads it (tests/core/test_queries_lists.py,
scripts/count_queries.py)."""
from dataclasses import dataclass, field

from portal import create_app
from portal.models import (BankDetail, Corridor, Document, DocumentTemplate,
                           DocumentTemplateEvent, Enrolment, FundingRequest, JsonImport,
                           PersonChange, SupportMessage)
from portal.models.accounts import ADMIN
from tests.helpers.accounts import budget_owner_client, make_account, manager_client, signed_in
from tests.helpers.enrolment import HTMX, database
from tests.helpers.funding import COUNTS, send, validated_operator
from tests.helpers.queries import copies, numbered, statements


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


def first_request(s):
    with database(s.app):
        return FundingRequest.select().where(FundingRequest.account == s.operator) \
            .order_by(FundingRequest.id).first()


def first_enrolment(s):
    with database(s.app):
        return (Enrolment.select().where(Enrolment.holder == s.operator)
                .order_by(Enrolment.id).first())


def grow_imports(s, n):
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
