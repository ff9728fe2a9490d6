"""The back-office lists as tables of the core component: the filters and sorts the queues gained
(their queries, one for the rows whatever their number, are counted in test_queries_lists.py)."""
import pytest

from portal.models import BankDetail, FundingRequest, OutboxMessage, PersonChange
from portal.models.accounts import OPERATOR
from tests.helpers.accounts import make_account, manager_client, signed_in
from tests.helpers.pages import html
from tests.helpers.enrolment import HTMX, database
from tests.helpers.funding import COUNTS, send, validated_operator

BANK_DETAILS = "/gestion/coordonnees-bancaires/"
PERSON_CHANGES = "/gestion/demandes-de-modification/"
FUNDING = "/gestion/financement/"
OUTBOX = "/gestion/courriels/"


@pytest.fixture
def manager(app):
    return manager_client(app)


def first_cells(page, table_id) -> list[str]:
    """The first cell of each row after its box « Sélectionner » (the grouped actions)."""
    return [next(td for td in row.find_all("td") if not td.select_one("input[form=lot]"))
            .get_text(" ", strip=True) for row in page.select(f"#{table_id} tbody tr")]


def bank_detail(app, last_name, iban):
    account = make_account(app, OPERATOR, last_name=last_name)
    with database(app):
        BankDetail.create(account=account, iban=iban, bic="AGRIFRPP", holder=last_name)


def person_change(app, last_name):
    account = make_account(app, OPERATOR, last_name=last_name)
    with database(app):
        PersonChange.create(account=account, rep_last_name=last_name, rep_first_name="Paul",
                            rep_email="paul@example.fr", rep_phone="0102030405",
                            changes=f"Nom du représentant légal : Martin → {last_name}")


def test_bank_details_filter_by_operator_and_sort_by_date(app, manager):
    bank_detail(app, "Durand", "FR7600000000000000000000001")
    bank_detail(app, "Morel", "FR7600000000000000000000002")
    page = html(manager.get(BANK_DETAILS))
    assert [td.get_text() for td in page.select("#coordonnees-a-valider tbody td:nth-of-type(3)")] \
        == ["FR7600000000000000000000001", "FR7600000000000000000000002"]
    assert "2 coordonnées bancaires en attente, de la plus ancienne à la plus récente." in page.get_text()
    assert page.find("form", id="filtres")["hx-target"] == "#resultats"
    newest = html(manager.get(BANK_DETAILS + "?tri=-ajoutee"))
    assert [td.get_text() for td in newest.select("#coordonnees-a-valider tbody td:nth-of-type(3)")] \
        == ["FR7600000000000000000000002", "FR7600000000000000000000001"]
    assert newest.select_one("th[aria-sort=descending]").get_text(" ", strip=True).startswith("Ajoutée le")
    morel = manager.get(BANK_DETAILS + "?operateur=more", headers=HTMX)
    body = morel.get_data(as_text=True)
    assert "<html" not in body and "<form" not in body
    assert "FR7600000000000000000000002" in body and "FR7600000000000000000000001" not in body
    none = html(manager.get(BANK_DETAILS + "?operateur=personne"))
    assert "Aucune coordonnée bancaire en attente ne correspond à ces critères." in none.get_text()
    assert none.find(id="operateur")["value"] == "personne"


def test_person_changes_filter_by_operator(app, manager):
    person_change(app, "Durand")
    person_change(app, "Morel")
    page = html(manager.get(PERSON_CHANGES + "?operateur=durand"))
    text = page.select_one("#modifications-a-instruire tbody").get_text()
    assert "Martin → Durand" in text and "Morel" not in text
    assert "1 demande en attente" in page.find(attrs={"role": "status"}).get_text()


def test_support_and_outbox_queues_sort_in_the_url(app, manager):
    with database(app):
        for subject, recipient in (("Premier", "b@example.fr"), ("Second", "a@example.fr")):
            OutboxMessage.create(recipient=recipient, subject=subject, body_text="Bonjour.")
    by_recipient = html(manager.get(OUTBOX + "?tri=destinataire"))
    assert [row.find_all("td")[1].get_text() for row in by_recipient.select("#table-courriels tbody tr")] \
        == ["a@example.fr", "b@example.fr"]
    assert by_recipient.find("caption").get_text() == "Courriels"  # « newest first » no longer
    link = by_recipient.select_one("button[name=trier][value=-destinataire]")
    assert link is not None  # the same column again: descending


def test_support_inbox_filters_by_follow_up(app, manager):
    page = html(manager.get("/gestion/assistance/?suivi=traite"))
    assert "Aucun message ne correspond à ces critères." in page.get_text()
    assert page.find("option", selected=True, value="traite")


def test_the_funding_queue_lists_every_request_and_sorts_by_number(app, demo):
    """(Its queries, as every list's, are counted in test_queries_lists.py.)"""
    client = signed_in(app.test_client(), validated_operator(app))
    assert send(client, **COUNTS).status_code == 303
    staff = manager_client(app)
    with database(app):
        original = FundingRequest.get().__data__
        for i in range(14):
            FundingRequest.create(**{**{k: v for k, v in original.items() if k != "id"},
                                     "number": f"{original['number']}-{i}"})
    assert len(first_cells(html(staff.get(FUNDING)), "demandes-financement")) == 15
    by_number = html(staff.get(FUNDING + "?tri=-numero"))
    assert first_cells(by_number, "demandes-financement")[0] == f"{original['number']}-9"
