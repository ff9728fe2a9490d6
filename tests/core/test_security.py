"""Doors every route shares: CSRF on every POST, staff pages closed to operators and anonymous."""
import datetime
from urllib.parse import urlsplit

from werkzeug.routing import IntegerConverter

from portal.models import (BankDetail, Document, DocumentTemplate, Enrolment, FundingRequest, OutboxMessage, PersonChange,
                           SupportMessage)
from portal.models import DebtorAccount, JsonImport, PaymentBatch
from portal.models.accounts import OPERATOR
from portal.models.messages import DossierMessage
from portal.services.core import storage
from tests.helpers.accounts import budget_owner_client, make_account, manager_client, signed_in
from tests.helpers.enrolment import database
from tests.helpers.instruction import file_enrolment
from tests.helpers.json_requests import dpi_corridor, json_import


def _urls(app, method, prefix="", known=None):
    """Every rule answering `method`, its arguments filled with the `known` values (real rows)
    or plausible ones."""
    adapter = app.url_map.bind("localhost")
    for rule in app.url_map.iter_rules():
        if method not in rule.methods or rule.endpoint == "static":
            continue
        values = {name: (known or {}).get(name, 1 if isinstance(converter, IntegerConverter) else "x")
                  for name, converter in rule._converters.items()}
        url = adapter.build(rule.endpoint, values, method=method)
        if url.startswith(prefix):
            yield url


def test_every_post_without_csrf_token_is_refused(app, client):
    urls = list(_urls(app, "POST"))
    assert len(urls) >= 8
    for url in urls:
        response = client.post(url, data={"x": "1"})
        # The API takes no CSRF token: its credential is a bearer token, which no browser sends
        # by itself; without one it answers 401.
        assert response.status_code == (401 if url.startswith("/api/") else 400), url


def test_every_staff_url_is_closed_to_operators_and_anonymous(app, demo):
    """Built on real rows: the operator is the holder of the enrolment whose documents and mails
    are asked for, and still gets nothing of the back-office."""
    number = file_enrolment(app)
    holder = make_account(app, OPERATOR, email="claire.martin@medimail.fr")
    with database(app):
        enrolment = Enrolment.get(Enrolment.number == number)
        Enrolment.update(holder=holder).where(Enrolment.id == enrolment.id).execute()
        rib = enrolment.documents.where(Document.kind == "rib").first()
        detail = BankDetail.create(account=holder, iban=enrolment.iban, bic=enrolment.bic,
                                   holder=enrolment.account_holder, rib=rib)
        change = PersonChange.create(account=holder, rep_last_name="Morel", rep_first_name="Sophie",
                                     rep_email=holder.email, rep_phone="01 23 45 67 89",
                                     representative_id=rib)
        asked = SupportMessage.create(reference="AST-2026-000001", last_name="Martin",
                                      first_name="Claire", email=holder.email, category="other",
                                      message="Bonjour.", attachment=rib)
        funding = FundingRequest.create(
            number="FINMSS000001-M1", dossier="FINMSS000001", kind="balance", enrolment=enrolment,
            account=holder, status="decided", payment_state="paid", vat_rate="20",
            declared_ht=1, amount_ht=1, amount_ttc=1.2, paid_on=datetime.date(2026, 11, 20),
            paid_amount=1.2)
        document = enrolment.documents.order_by(Document.id).first()  # the same one twice
        Document.update(funding_request=funding).where(Document.id == document.id).execute()
        template = DocumentTemplate.create(account=holder, siret=enrolment.siret, kind="api_guide",
                                           document=rib, status="pending")
        batch = PaymentBatch.create(number="MEP-2026-000001", debtor=DebtorAccount.get(),
                                    execution_date=datetime.date(2026, 12, 3), total=1)
        batch.stored_name, batch.sha256 = storage.write(b"<Document/>", ".xml")
        batch.save()
        imported = json_import(holder, enrolment, dpi_corridor())
        JsonImport.update(output_json='{"demandes": []}').where(
            JsonImport.id == imported.id).execute()
        message = DossierMessage.create(dossier_kind="funding", dossier_id=funding.id,
                                        reference=funding.number, holder=holder, author=holder,
                                        from_staff=False, body="Bonjour.", document=rib)
        known = {"number": number, "batch_number": batch.number, "document_id": document.id,
                 "template_id": template.id,
                 "message_id": OutboxMessage.select().first().id, "detail_id": detail.id,
                 "reference": asked.reference, "change_id": change.id,
                 "kind": "representative_id", "funding_number": funding.number,
                 "name": "decision", "slug": "financement", "dossier_id": funding.id,
                 "dossier_message_id": message.id, "key": "financements", "file_format": "xlsx",
                 "import_id": imported.id}
    urls = list(_urls(app, "GET", "/gestion", known))
    assert len(urls) >= 5 and f"/gestion/enrolements/{number}" in urls
    manager, owner = manager_client(app), budget_owner_client(app)
    budget = [url for url in urls if url.startswith("/gestion/decisions-budgetaires")]
    assert budget and all(owner.get(url).status_code == 200 for url in budget)
    assert all(manager.get(url).status_code == 200 for url in urls
               if "/administration" not in url and url not in budget)
    for url in urls:  # the budget owner has its decisions, nothing else of the back-office
        assert url in budget or owner.get(url).status_code == 403, url
    anonymous = app.test_client()
    operator = signed_in(app.test_client(), holder)
    for url in urls:
        assert operator.get(url).status_code in (403, 404), url
        response = anonymous.get(url)
        assert response.status_code == 303, url
        assert urlsplit(response.headers["Location"]).path == "/connexion", url
