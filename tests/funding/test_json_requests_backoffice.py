"""A request filed from a JSON file in the back-office: the queue's « Logiciel », the manager's
consultation with the same « Bénéficiaires » and « Scénarios d'installation » blocks as the
operator's, and every move of the funding workflow — decide, to modify, ask a document, reject,
payment started and recorded — through the routes, as on an MSS request: status, history,
mail, and the ASP's PDFs naming the corridor, not the MSS call."""
import io

import pytest
from pypdf import PdfReader

from portal.models import FundingRequest, OutboxMessage
from portal.services.funding import workflow
from tests.helpers.accounts import signed_in
from tests.helpers.enrolment import database, error
from tests.helpers.funding import STAFF, decide, validate_and_decide
from tests.helpers.payments import last_batch, put_in_payment, record
from tests.helpers.pages import html


def reloaded(app, request) -> FundingRequest:
    with database(app):
        return FundingRequest.get_by_id(request.id)


def last_mail(app, request) -> OutboxMessage:
    with database(app):
        return (OutboxMessage.select().where(OutboxMessage.related == f"funding:{request.id}")
                .order_by(OutboxMessage.id.desc()).first())


def pdf_text(response) -> str:
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)


def test_the_queue_names_the_corridors_software(dossier, staff):
    _, advance, balance = dossier
    rows = html(staff.get(STAFF)).select("#demandes-financement tbody tr")
    software = {r.select("td")[1].get_text(strip=True): r.select("td")[4].get_text(strip=True)
                for r in rows}  # after the box « Sélectionner »
    assert software == {advance.number: "Dossier patient informatisé (DPI)",
                        balance.number: "Dossier patient informatisé (DPI)"}


def test_the_manager_reads_the_same_blocks(dossier, staff):
    _, _, balance = dossier
    page = html(staff.get(STAFF + balance.number))
    titles = [b.get_text(strip=True) for b in page.select(".fr-accordion__btn")]
    assert titles[:6] == ["Informations de la commande", "Bénéficiaires", "Pièces justificatives",
                          "Scénarios d'installation", "Suivi financier",
                          "Courriels automatiquement envoyés"]  # its advance is decided
    facts = page.find(id="informations").get_text(" ", strip=True)
    assert "Numéro éditeur ED-2026-0001-S" in facts and "BAL" not in facts
    assert [tr.select("td")[-1].get_text(strip=True)
            for tr in page.select("#beneficiaires tbody tr")] == ["Oui", "Non"]
    assert page.select_one("#scenarios #scenario-S1").has_attr("checked")
    assert page.select_one("label[for=scenario-S1] strong")


def test_decide_then_payment_started_and_recorded(app, dossier, staff):
    account, _, balance = dossier
    validate_and_decide(app, staff, balance.number)  # JSON-filed: the same lifecycle
    decided = reloaded(app, balance)
    assert decided.status == "decided" and decided.decided_at is not None
    assert "est décidée" in last_mail(app, balance).subject
    owner = signed_in(app.test_client(), account)
    decision = pdf_text(owner.get(f"/espace/financement/{balance.number}/decision.pdf"))
    assert "Dossier patient informatis" in decision and "MSS" not in decision
    assert put_in_payment(staff, [balance.id]).status_code == 303  # a payment batch
    assert reloaded(app, balance).payment_state == "in_progress"
    assert record(staff, last_batch(app), paid_on="2026-04-02").status_code == 303
    paid = reloaded(app, balance)
    assert paid.payment_state == "paid" and paid.paid_amount == paid.amount_ttc
    notice = pdf_text(staff.get(f"{STAFF}{balance.number}/avis-de-paiement.pdf"))
    assert "couloir" in notice and "MSS" not in notice
    history = html(owner.get(f"/espace/financement/{balance.number}")).find(id="historique")
    assert "Décidée" in history.get_text() and "Paiement effectué" in history.get_text()


@pytest.mark.parametrize("action, status, said", [
    (workflow.TO_CHANGE, "to_modify", "A modifier"),
    (workflow.ASK_DOCUMENT, "awaiting_document", "En attente de pièce justificative"),
])
def test_a_change_or_a_document_asked(app, dossier, staff, action, status, said):
    account, _, balance = dossier
    refused = decide(staff, balance.number, action, htmx=True)
    assert refused.status_code == 422
    assert error(html(refused), f"{action}-comment") == workflow.COMMENT_REQUIRED
    assert decide(staff, balance.number, action,
                  comment="Le bénéficiaire 130786049 n'était pas déclaré à l'avance.").status_code == 303
    assert reloaded(app, balance).status == status
    mail = last_mail(app, balance)
    assert said in mail.subject and "130786049" in mail.body_text
    assert "Gérer mes demandes de financement" in mail.body_text and "ED-2026-0001-S" in mail.body_text
    owner = signed_in(app.test_client(), account)
    row = next(r for r in html(owner.get("/espace/financement/")).select(
        "#financements-table tbody tr") if r.td.get_text(strip=True) == balance.number)
    assert said in row.get_text() and "Ajouter des pièces" in row.get_text()  # its screen


def test_reject(app, dossier, staff):
    _, _, balance = dossier
    assert decide(staff, balance.number, workflow.REJECT, htmx=True).status_code == 422
    assert decide(staff, balance.number, workflow.REJECT,
                  comment="Facture non conforme.").status_code == 303
    assert reloaded(app, balance).status == "rejected"
    assert "rejetée" in last_mail(app, balance).subject
    page = html(staff.get(STAFF + balance.number))
    assert "Aucune décision n'est possible" in page.find(id="decisions").get_text()


def test_the_moves_keep_the_json_fields_in_each_version(app, dossier, staff):
    account, _, balance = dossier
    decide(staff, balance.number, workflow.TO_CHANGE, comment="Précisez la date de commande.")
    owner = signed_in(app.test_client(), account)
    history = html(owner.get(f"/espace/financement/{balance.number}")).find(
        id="panneau-historique").get_text(" ", strip=True)
    assert history.count("Numéro éditeur ED-2026-0001-S") == 1  # one version, two rows
    assert "A modifier" in history and "Bénéficiaires 690781810" in history
