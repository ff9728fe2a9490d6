"""Instruction and payment of funding requests in the back-office: « A modifier » answered by the
operator as a new version, « Décidée », payment started then recorded with its notice; every move
checked, in the history and mailed; the back-office closed to operators."""
import pytest

from portal import formatting
from portal.models import FundingEvent, OutboxMessage
from portal.services.funding import workflow
from portal.models.accounts import OPERATOR
from tests.helpers.accounts import make_account, manager_client, signed_in
from tests.helpers.pages import html
from tests.helpers.enrolment import HTMX, database, error, fixture_file
from tests.helpers.funding import COUNTS, URL, send
from tests.helpers.funding import STAFF, GOOD, balance_form, decide, post, request_of
from tests.helpers.funding import validate_and_decide
from tests.helpers.payments import last_batch, put_in_payment, record

@pytest.fixture
def client(app, operator):
    client = signed_in(app.test_client(), operator)
    send(client, **COUNTS)
    _, action, data = balance_form(client)
    assert post(client, action, {**data, **GOOD}, doc_api_proof=fixture_file("notes.txt"),
                doc_api_guide=fixture_file("document.pdf")).status_code == 303
    return client


def amend_form(client):
    """The balance page, its « Renvoyer ma demande » form and what a browser sends with it."""
    page = html(client.get(URL + "?onglet=solde"))
    form = page.select("#solde form")[-1]
    data = {f["name"]: f.get("value", "") for f in form.find_all("input")
            if f.get("name") and f.get("type") != "file"}
    return page, form, data


def last_mail(app, found) -> OutboxMessage:
    with database(app):
        return (OutboxMessage.select().where(OutboxMessage.related == f"funding:{found.id}")
                .order_by(OutboxMessage.id.desc()).first())


def test_the_queue_lists_the_requests_and_filters_them(app, client):
    staff = manager_client(app)
    page = html(staff.get(STAFF))
    numbers = [row.select("td")[1].get_text(strip=True) for row in page.select("#demandes-financement tbody tr")]
    assert len(numbers) == 2 and numbers[0].endswith("-M0")
    only = html(staff.get(STAFF + "?statut=in_progress&type=balance", headers=HTMX))
    assert only.find("html") is None  # the results alone
    assert [r.select("td")[1].get_text(strip=True) for r in only.select("#demandes-financement tbody tr")] == [numbers[1]]
    assert client.get(STAFF).status_code == 403
    assert client.get(STAFF + numbers[1]).status_code == 403


def test_a_change_asked_then_answered_as_a_new_version(app, client):
    balance, staff = request_of(app), manager_client(app)
    missing = decide(staff, balance.number, workflow.TO_CHANGE, htmx=True)
    assert missing.status_code == 422
    assert error(html(missing), "a_modifier-comment") == workflow.COMMENT_REQUIRED
    assert decide(staff, balance.number, workflow.TO_CHANGE,
                  comment="Le lien de documentation ne répond pas.").status_code == 303
    assert request_of(app).status == "to_modify"
    assert "Le lien de documentation ne répond pas." in last_mail(app, balance).body_text
    page = html(client.get(URL + "?onglet=solde"))
    assert "Le lien de documentation ne répond pas." in page.find(class_="fr-callout").get_text()
    form = page.select("#solde form")[-1]
    data = {f["name"]: f.get("value", "") for f in form.find_all("input")
            if f.get("name") and f.get("type") != "file"}
    assert data["documentation_url"] == GOOD["documentation_url"]
    shown = page.find(id="solde").get_text(" ", strip=True)
    assert shown.count(GOOD["documentation_url"]) == 0  # only in its field: not shown twice
    assert "Adresse mail du contact support" not in page.select_one("#solde .portal-facts").get_text()
    bad = post(client, form["action"], {**data, "documentation_url": "ftp://x"})
    assert bad.status_code == 422 and error(html(bad), "documentation_url")
    done = post(client, form["action"], {**data, "documentation_url": "https://docs.medimail.fr"},
                doc_api_guide=fixture_file("document.pdf", "guide-v2.pdf"))
    assert done.status_code == 303
    amended = request_of(app)
    assert (amended.status, amended.version, amended.documentation_url) == (
        "in_progress", 2, "https://docs.medimail.fr")
    with database(app):
        assert "guide-v2.pdf" in {d.original_name for d in amended.documents}
        moves = [(e.from_status, e.to_status) for e in amended.events.order_by(FundingEvent.id)]
    assert moves == [(None, "in_progress"), ("in_progress", "to_modify"), ("to_modify", "in_progress")]


def test_decided_then_paid_with_its_notice(app, client):
    balance, staff = request_of(app), manager_client(app)
    validate_and_decide(app, staff, balance.number)
    assert "décidée" in last_mail(app, balance).subject
    assert client.get(f"/espace/financement/{balance.number}/decision.pdf").status_code == 200
    assert client.get(f"/espace/financement/{balance.number}/avis-de-paiement.pdf").status_code == 404
    assert put_in_payment(staff, [balance.id]).status_code == 303  # a payment batch
    assert request_of(app).payment_state == "in_progress"
    assert record(staff, last_batch(app), paid_on="2026-11-20").status_code == 303
    paid = request_of(app)
    assert (paid.payment_state, str(paid.paid_on), str(paid.paid_amount)) == (
        "paid", "2026-11-20", "210297.96")
    assert "Avis de paiement" in last_mail(app, balance).subject
    follow = html(client.get(f"/espace/financement/{balance.number}")).find(id="suivi")
    assert [th.get_text(strip=True) for th in follow.select("th")] == [
        "Numéro de la demande", "Objet du versement", "Type du versement", "Etat du paiement",
        "Montant décidé Avance/Solde", "Date de validation", "Date de mise en paiement",
        "Montant payé", "Date de paiement effective", "Avis de paiement"]  # guide 003 §5.2
    row = [td.get_text(" ", strip=True) for td in follow.find(
        "td", string=balance.number).parent.find_all("td")]
    today = formatting.date(paid.decided_at)
    assert row[1:5] == ["VERSE001", "Solde", "Paiement effectué", "210\u202f297,96\u00a0€"]
    assert row[5:9] == [today, today, "210\u202f297,96\u00a0€", "20/11/2026"]
    notice = client.get(f"/espace/financement/{balance.number}/avis-de-paiement.pdf")
    assert notice.status_code == 200 and notice.data.startswith(b"%PDF")
    shown = html(client.get(URL + "?onglet=solde")).find(id="solde").get_text()
    assert "Paiement effectué" in shown and "Avis de paiement" in shown
    assert staff.get(f"{STAFF}{balance.number}/avis-de-paiement.pdf").status_code == 200
    staff_follow = html(staff.get(STAFF + balance.number)).find(id="suivi")
    assert staff_follow.select("th")[-1].get_text(strip=True) == "Lot de paiement"
    assert last_batch(app).number in staff_follow.find(
        "td", string=balance.number).parent.get_text()


def test_a_rejection_needs_its_reason(app, client):
    balance, staff = request_of(app), manager_client(app)
    refused = decide(staff, balance.number, workflow.REJECT, htmx=True)
    assert error(html(refused), "rejeter-comment") == workflow.REASON_REQUIRED
    decide(staff, balance.number, workflow.REJECT, comment="Pièces non conformes.")
    assert request_of(app).status == "rejected"
    page = html(staff.get(STAFF + balance.number))
    assert "Aucune décision n'est possible" in page.get_text()


def test_the_advance_is_put_into_payment(app, client):
    """Money leaves through a payment batch only: no payment decision on the request's page."""
    advance, staff = request_of(app, "advance"), manager_client(app)
    page = html(staff.get(STAFF + advance.number))
    assert page.select("#decisions .fr-accordion__btn") == []
    assert "Aucune décision n'est possible" in page.find(id="decisions").get_text()
    put_in_payment(staff, [advance.id])
    assert "Paiement en cours" in html(client.get(URL)).find(id="avance").get_text()


def test_consulting_shows_the_current_version_the_history_and_the_follow_up(app, client):
    balance, staff = request_of(app), manager_client(app)
    decide(staff, balance.number, workflow.TO_CHANGE, comment="Lien mort.")
    page, form, data = amend_form(client)
    post(client, form["action"], {**data, "documentation_url": "https://docs.medimail.fr"})
    shown = html(client.get(f"/espace/financement/{balance.number}"))
    assert shown.h1.get_text(strip=True) == f"Demande de solde n° {balance.number}"
    assert [t.get_text(strip=True) for t in shown.select(".fr-tabs__tab")] == ["Version actuelle", "Historique"]
    info = shown.find(id="informations").get_text(" ", strip=True)
    assert "https://docs.medimail.fr" in info and "175\u202f248,30" in info
    amounts = shown.find(id="montants")
    assert [dt.contents[0].strip() for dt in amounts.find_all("dt")] == [
        "Montant SEGUR total hors taxe déclaré lors du solde",
        "Montant de l'engagement SEGUR hors taxe retenu (lors du solde)",
        "Montant de l'engagement SEGUR retenu (lors du solde - fonction du régime TVA)",
        "Montant décidé du solde (fonction du régime TVA)"]  # instructed once: all four
    assert amounts.find_all("dd")[-1].get_text() == "Non décidé"
    assert "déjà versé" in amounts.select('[role="tooltip"]')[-1].get_text()
    versions = [b.get_text(strip=True) for b in shown.select("#panneau-historique .fr-accordion__btn")]
    assert versions[0].startswith("Version 2") and versions[1].startswith("Version 1")
    assert "https://www.medimail.fr/documentation-api" in shown.find(id="version-1").get_text()
    assert "Lien mort." in shown.find(id="historique").get_text()
    follow = shown.find(id="suivi").get_text(" ", strip=True)
    assert balance.number in follow and balance.number.replace("-M1", "-M0") in follow
    other = signed_in(app.test_client(), make_account(app, OPERATOR, email="autre@example.fr"))
    assert other.get(f"/espace/financement/{balance.number}").status_code == 404


def test_a_document_asked_must_be_added_and_forms_name_their_dossier(app, client):
    balance, staff = request_of(app), manager_client(app)
    decide(staff, balance.number, workflow.ASK_DOCUMENT, comment="Le guide est illisible.")
    page, form, data = amend_form(client)
    bare = post(client, form["action"], data)
    assert bare.status_code == 422 and workflow.DOCUMENT_EXPECTED in html(bare).get_text()
    assert request_of(app).status == "awaiting_document"
    wrong = post(client, URL + "/solde/renvoyer?enrolement=ENR-0000-000000", data)
    assert wrong.status_code == 404
    done = post(client, form["action"], data, doc_api_guide=fixture_file("document.pdf", "guide.pdf"))
    assert done.status_code == 303 and request_of(app).status == "in_progress"
    assert html(client.get(URL + "?onglet=zzz")).find(id="onglet-avance")["aria-selected"] == "true"


def test_before_a_first_instruction_only_the_declared_amount_is_shown(app, client):
    """Guide 003 §5.2: the retained and decided amounts appear after a first instruction."""
    balance = request_of(app)
    amounts = html(client.get(f"/espace/financement/{balance.number}")).find(id="montants")
    assert [dt.contents[0].strip() for dt in amounts.find_all("dt")] == [
        "Montant SEGUR total hors taxe déclaré lors du solde"]

