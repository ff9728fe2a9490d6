"""The budget owner opens a request from its screen and reads it as a manager does — facts,
amounts, documents, follow-up, mails, history — with nothing to decide there, no staff tool and
no link into the managers' back-office; its files are the request's own; nobody else enters."""
import pytest

from portal.models import Document
from portal.services.funding import workflow
from tests.helpers.accounts import budget_owner_client, manager_client, signed_in
from tests.helpers.enrolment import database
from tests.helpers.funding import BUDGET, STAFF, decide, file_dossier, request_of
from tests.helpers.pages import html


@pytest.fixture
def balance(app, operator):
    """The operator's balance, validated by a manager: it awaits the budget owner."""
    file_dossier(signed_in(app.test_client(), operator))
    balance = request_of(app)
    assert decide(manager_client(app), balance.number, workflow.VALIDATE).status_code == 303
    return balance


def test_the_budget_owner_reads_a_validated_request_from_its_screen(app, balance):
    owner = budget_owner_client(app)
    link = html(owner.get(BUDGET)).find("a", string=balance.number)
    assert link["href"] == BUDGET + balance.number
    page = html(owner.get(link["href"]))
    text = page.get_text(" ", strip=True)
    assert page.h1.get_text(strip=True) == f"Solde n° {balance.number}"
    assert "Cette demande attend votre décision" in text
    for shown in ("Montant retenu TTC", "210\u202f297,96\u00a0€", "Pièces justificatives", "Suivi financier",
                  "Historique de la demande", "Validée"):
        assert shown in text, shown
    assert page.find(id="decisions") is None and "Ajouter une note" not in text
    hrefs = [a["href"] for a in page.select("#contenu a[href]")]
    assert not [h for h in hrefs if h.startswith(STAFF) or h.startswith("/gestion/courriels")
                or h.startswith("/gestion/export")], hrefs
    documents = [h for h in hrefs if "/documents/" in h]
    assert len(documents) == 2 and all(h.startswith(BUDGET + balance.number) for h in documents)
    assert all(owner.get(h).status_code == 200 for h in documents)


def test_only_the_request_s_own_files_and_only_the_budget_owner(app, balance, operator):
    owner = budget_owner_client(app)
    advance = request_of(app, "advance")
    with database(app):
        of_advance = Document.create(kind="rib", original_name="rib.pdf", stored_name="rib-x.pdf",
                                     content_type="application/pdf", size=10, sha256="0" * 64,
                                     funding_request=advance.id)
    assert owner.get(f"{BUDGET}{balance.number}/documents/{of_advance.id}").status_code == 404
    assert owner.get(f"{BUDGET}{advance.number}/decision.pdf").status_code == 200  # decided
    assert owner.get(f"{BUDGET}FINMSS999999-M1").status_code == 404
    assert owner.get(STAFF + balance.number).status_code == 403  # the managers' page
    for other in (manager_client(app), signed_in(app.test_client(), operator)):
        assert other.get(BUDGET + balance.number).status_code == 403
