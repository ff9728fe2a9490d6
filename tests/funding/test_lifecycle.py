"""The funding lifecycle to its end (issue 17): « Validée » by a manager, « Décidée » by the budget
owner within the envelope of its call and corridor (one or a selection, refused with the figure
that blocks, never passed by two decisions at once), the MSS advance decided at filing within its
envelope, the holder's cancellation granted or refused (« Historisée » then « Annulée »), and the
recovery orders of a paid request."""
from decimal import Decimal

import pytest

from portal.models import BudgetEnvelope, FundingEvent, FundingRecovery, FundingRequest
from portal.models.accounts import ADMIN, MANAGER
from portal.services.core.errors import Refused
from portal.services.core.workflow import transition
from portal.services.funding import cancellation, workflow
from tests.helpers.accounts import budget_owner_client, make_account, manager_client, signed_in
from tests.helpers.concurrency import at_once, statuses
from tests.helpers.enrolment import HTMX, database, error
from tests.helpers.funding import (BUDGET, COUNTS, STAFF, budget_decide, decide, file_dossier,
                                   request_of, seed, send, validate_and_decide)
from tests.helpers.pages import html
from tests.helpers.queries import run_by

CONSULT = "/espace/financement/"


@pytest.fixture
def client(app, operator):
    """The operator: its advance decided at filing, its balance « En cours »."""
    return file_dossier(signed_in(app.test_client(), operator))


def set_envelope(app, amount):
    """The form channel's envelope (the demo's made it) set to `amount`."""
    with database(app):
        BudgetEnvelope.update(amount=Decimal(amount)).where(
            BudgetEnvelope.corridor.is_null()).execute()


def figures(client) -> list[str]:
    """The form channel's row of the envelopes' table: amount, consumed, committed, remaining."""
    row = html(client.get(BUDGET)).select_one("#enveloppes tbody tr")
    return [td.get_text(strip=True) for td in row.find_all("td")][:4]


def mails(app, request) -> list[str]:
    from portal.models import OutboxMessage
    with database(app):
        return [m.subject for m in OutboxMessage.select().where(
            OutboxMessage.related == f"funding:{request.id}").order_by(OutboxMessage.id)]


def euros(text: str) -> str:
    return text.replace(" ", "\u202f") + "\u00a0€"


def test_validated_by_a_manager_then_decided_by_the_budget_owner(app, client):
    balance, staff = request_of(app), manager_client(app)
    labels = [b.get_text(strip=True) for b in html(staff.get(STAFF + balance.number))
              .select("#decisions .fr-accordion__btn")]
    assert "Valider" in labels and "Décider" not in labels  # the manager decides no more
    assert decide(staff, balance.number, workflow.VALIDATE).status_code == 303
    validated = request_of(app)
    assert (validated.status, validated.decided_at) == ("validated", None)
    assert validated.validated_at is not None and "validée" in mails(app, balance)[-1]
    refused = decide(staff, balance.number, workflow.DECIDE, htmx=True)
    assert refused.status_code == 422 and workflow.NOT_YOURS in html(refused).get_text()

    owner = budget_owner_client(app)
    page = html(owner.get(BUDGET))
    rows = page.select("#demandes-validees tbody tr")
    assert [r.find_all("td")[1].get_text(strip=True) for r in rows] == [balance.number]
    assert figures(owner)[2] == euros("8 000,00")  # committed: the advance decided at filing
    assert budget_decide(owner, one=balance.number).status_code == 303
    decided = request_of(app)
    assert decided.status == "decided" and decided.decided_at >= decided.validated_at
    assert "décidée" in mails(app, balance)[-1]
    with database(app):
        last = decided.events.order_by(FundingEvent.id.desc()).first()
    assert (last.from_status, last.to_status, last.actor) == (
        "validated", "decided", "Paul Bernard (Responsable budgétaire)")
    assert figures(owner)[2] == euros("218 297,96")  # the balance's 210 297,96 committed too
    assert "Aucune demande validée" in html(owner.get(BUDGET)).get_text()


def test_only_the_budget_owner_decides(app, client):
    balance, staff = request_of(app), manager_client(app)
    decide(staff, balance.number, workflow.VALIDATE)
    assert staff.get(BUDGET).status_code == 403
    assert client.get(BUDGET).status_code == 403
    owner = budget_owner_client(app)
    assert owner.get(STAFF).status_code == 403  # the instruction is the managers'
    with database(app):
        request = FundingRequest.get_by_id(balance.id)
        for who in (make_account(app, MANAGER), make_account(app, ADMIN), None):
            with pytest.raises(Refused):
                transition(workflow.STATUS, request, workflow.DECIDE, who)
    assert request_of(app).status == "validated"


def test_a_selection_is_decided_whole_or_not_at_all(app, client, operator):
    numbers = seed(app, operator, 3, status="validated")  # 8 000,00 € each
    set_envelope(app, "24000.00")  # the advance (8 000) and two of them
    owner = budget_owner_client(app)
    page = html(owner.get(BUDGET))
    listed = [r.find_all("td")[1].get_text(strip=True)
              for r in page.select("#demandes-validees tbody tr")]
    assert listed == numbers  # oldest validated first
    too_much = budget_decide(owner, *numbers, htmx=True)
    assert too_much.status_code == 422
    alert = html(too_much).find(role="alert").get_text(" ", strip=True)
    assert "Décider les 3 demandes choisies (24\u202f000,00\u00a0€)" in alert
    assert "il n'y reste que 16\u202f000,00\u00a0€" in alert and "Aucune demande" in alert
    assert all(box.has_attr("checked") for box in html(too_much).select("input[name=demandes]"))
    with database(app):
        assert FundingRequest.select().where(FundingRequest.status == "validated").count() == 3
    assert budget_decide(owner, *numbers[:2]).status_code == 303
    assert figures(owner) == [euros("24 000,00"), euros("0,00"), euros("24 000,00"),
                              euros("0,00")]
    with database(app):
        decided = FundingRequest.select().where(FundingRequest.number.in_(numbers[:2]),
                                                FundingRequest.status == "decided").count()
    assert decided == 2
    alone = budget_decide(owner, one=numbers[2], htmx=True)
    assert alone.status_code == 422 and "0,00\u00a0€" in html(alone).find(role="alert").get_text()
    assert budget_decide(owner, htmx=True).status_code == 422  # nothing ticked


def test_two_budget_owners_deciding_at_once_never_pass_the_envelope(app, client, operator):
    numbers = seed(app, operator, 2, status="validated")
    set_envelope(app, "16000.00")  # the advance and one of them
    owners = [budget_owner_client(app), budget_owner_client(app)]
    results = at_once([lambda i=i: budget_decide(owners[i], one=numbers[i]) for i in range(2)])
    assert statuses(results) == [303, 422]
    with database(app):
        assert FundingRequest.select().where(FundingRequest.status == "decided").count() == 2


def test_the_advance_waits_for_the_budget_when_its_envelope_is_exhausted(app, operator):
    set_envelope(app, "0.00")
    client = signed_in(app.test_client(), operator)
    sent = send(client, **COUNTS)
    assert sent.status_code == 303
    shown = html(client.get(sent.headers["Location"])).find(id="messages").get_text()
    assert "L'enveloppe budgétaire de l'appel à financement est épuisée" in shown
    assert "épuisée" in html(client.get("/espace/financement/demande")).find(id="avance").get_text()
    advance = request_of(app, "advance")
    assert advance.status == "validated" and "attend la décision budgétaire" in mails(app, advance)[-1]
    owner = budget_owner_client(app)
    assert "il n'y reste que 0,00" in html(budget_decide(owner, one=advance.number)).get_text()
    set_envelope(app, "8000.00")
    assert budget_decide(owner, one=advance.number).status_code == 303
    assert request_of(app, "advance").status == "decided"


def test_an_admin_sets_the_envelopes_every_change_kept(app, client):
    admin = signed_in(app.test_client(), make_account(app, ADMIN, last_name="Roux",
                                                      first_name="Jean"))
    listing = html(admin.get("/gestion/administration/enveloppes"))
    assert "MSS Opérateurs (formulaire)" in listing.find(id="enveloppes").get_text()
    url = "/gestion/administration/enveloppes/mss"
    token = html(admin.get(url)).find("input", attrs={"name": "csrf_token"})["value"]
    bad = admin.post(url, data={"csrf_token": token, "amount": "beaucoup"},
                     headers={**HTMX, "X-CSRFToken": token})
    assert bad.status_code == 422 and error(html(bad), "amount")
    assert admin.post(url, data={"csrf_token": token, "amount": "2 500 000,00"}).status_code == 303
    changes = html(admin.get(url)).select("#modifications tbody tr")
    assert [td.get_text(strip=True) for td in changes[0].find_all("td")][1:] == [
        euros("1 000 000,00"), euros("2 500 000,00"), "Jean Roux"]
    assert manager_client(app).get(url).status_code == 403
    assert budget_owner_client(app).get(url).status_code == 403


def test_the_screens_query_once_whatever_the_rows(app, client, operator):
    owner = budget_owner_client(app)
    seed(app, operator, 1, status="validated")
    one = len(run_by(owner, BUDGET).sql)
    seed(app, operator, 49, start=1, status="validated")
    assert len(run_by(owner, BUDGET).sql) == one


def ask_cancellation(client, number, reason="", htmx=False):
    token = html(client.get(CONSULT + number)).find("input", attrs={"name": "csrf_token"})["value"]
    headers = {**HTMX, "X-CSRFToken": token} if htmx else {}
    return client.post(f"{CONSULT}{number}/annulation", data={"csrf_token": token,
                                                               "comment": reason},
                       headers=headers)


def test_a_cancellation_asked_refused_then_granted(app, client):
    balance, staff = request_of(app), manager_client(app)
    validate_and_decide(app, staff, balance.number)
    bare = ask_cancellation(client, balance.number, htmx=True)
    assert bare.status_code == 422
    assert error(html(bare), "annulation-motif") == cancellation.CANCEL_REASON_REQUIRED
    assert ask_cancellation(client, balance.number, "Projet abandonné.").status_code == 303
    assert request_of(app).cancellation == "asked" and "transmise" in mails(app, balance)[-1]
    assert "l'ASP l'examine" in html(client.get(CONSULT + balance.number)).get_text()
    labels = [b.get_text(strip=True) for b in html(staff.get(STAFF + balance.number))
              .select("#decisions .fr-accordion__btn")]
    assert {"Accepter l'annulation", "Refuser l'annulation"} <= set(labels)
    no_reason = decide(staff, balance.number, workflow.REFUSE_CANCEL, htmx=True)
    assert error(html(no_reason), "refuser_annulation-comment") == cancellation.REFUSAL_REQUIRED
    assert decide(staff, balance.number, workflow.REFUSE_CANCEL,
                  comment="Le solde est dû.").status_code == 303
    assert request_of(app).cancellation == "refused" and "refusée" in mails(app, balance)[-1]
    assert request_of(app).status == "decided"

    owner = budget_owner_client(app)
    committed = figures(owner)[2]
    ask_cancellation(client, balance.number, "Projet abandonné, vraiment.")
    assert decide(staff, balance.number, workflow.GRANT_CANCEL).status_code == 303
    cancelled = request_of(app)
    assert (cancelled.status, cancelled.version, cancelled.cancellation) == ("cancelled", 2, "granted")
    assert "annulée" in mails(app, balance)[-1]
    assert committed == euros("218 297,96") and figures(owner)[2] == euros("8 000,00")
    shown = html(client.get(CONSULT + balance.number))
    versions = {b.get_text(strip=True).split(" —")[0]: b["aria-controls"]
                for b in shown.select("#panneau-historique .fr-accordion__btn")}
    assert "Historisée" in shown.find(id=versions["Version 1"]).get_text()
    assert "Annulée" in shown.find(id=versions["Version 2"]).get_text()
    statuses_shown = [tr.find_all("td")[1].get_text(strip=True)
                      for tr in shown.select("#historique tbody tr")]
    assert statuses_shown[-2:] == ["Historisée", "Annulée"]
    assert "Demander l'annulation" not in shown.get_text()


def test_an_advance_is_cancelled_only_once_its_balance_is(app, client):
    """A balance is paid on what its advance was: while the dossier's balance is live, asking to
    cancel the advance is refused, said above the form, and nothing is asked of the ASP."""
    advance, balance, staff = request_of(app, "advance"), request_of(app), manager_client(app)
    refused = ask_cancellation(client, advance.number, "Projet abandonné.", htmx=True)
    assert refused.status_code == 422
    said = html(refused).select_one(".fr-alert--error").get_text(strip=True)  # the fragment
    assert said == cancellation.BALANCE_FIRST.format(balance.number)
    assert request_of(app, "advance").cancellation != "asked"
    assert ask_cancellation(client, balance.number, "Projet abandonné.").status_code == 303
    assert decide(staff, balance.number, workflow.GRANT_CANCEL).status_code == 303
    assert ask_cancellation(client, advance.number, "Projet abandonné.").status_code == 303
    assert request_of(app, "advance").cancellation == "asked"


def pay(app, staff, number):
    validate_and_decide(app, staff, number)
    decide(staff, number, workflow.START_PAYMENT)
    assert decide(staff, number, workflow.RECORD_PAYMENT, paid_on="2026-11-20").status_code == 303


def test_a_paid_request_is_cancelled_only_through_a_full_recovery(app, client):
    balance, staff = request_of(app), manager_client(app)
    pay(app, staff, balance.number)
    assert "Demander l'annulation" not in html(client.get(CONSULT + balance.number)).get_text()
    assert ask_cancellation(client, balance.number, "Trop tard ?").status_code == 422
    labels = [b.get_text(strip=True) for b in html(staff.get(STAFF + balance.number))
              .select("#decisions .fr-accordion__btn")]
    assert "Accepter l'annulation" not in labels
    assert "Enregistrer un ordre de recouvrement total" in labels
    assert decide(staff, balance.number, workflow.GRANT_CANCEL).status_code == 422

    missing = decide(staff, balance.number, workflow.FULL_RECOVERY, htmx=True)
    assert error(html(missing), "recouvrement_total-recovery_reference") == cancellation.REFERENCE_REQUIRED
    assert error(html(missing), "recouvrement_total-recovery_on") == cancellation.DATE_REQUIRED
    above = decide(staff, balance.number, workflow.FULL_RECOVERY, htmx=True,
                   recovery_reference="OR-2026-7", recovery_on="2026-12-01",
                   recovery_amount="999 999")
    assert "ne peut pas dépasser" in error(html(above), "recouvrement_total-recovery_amount")
    assert decide(staff, balance.number, workflow.FULL_RECOVERY, recovery_reference="OR-2026-7",
                  recovery_on="2026-12-01").status_code == 303
    recovered = request_of(app)
    assert (recovered.status, recovered.version) == ("cancelled", 2)
    with database(app):
        order = FundingRecovery.get()
        moves = [e.to_status for e in recovered.events.order_by(FundingEvent.id)]
    assert (order.kind, order.amount, order.reference) == ("full", Decimal("210297.96"), "OR-2026-7")
    assert moves[-2:] == ["historised", "cancelled"]
    assert "Ordre de recouvrement total" in mails(app, balance)[-1]
    assert figures(budget_owner_client(app))[1] == euros("0,00")  # it leaves the envelope


def test_a_partial_recovery_is_a_negative_line_of_the_follow_up(app, client):
    balance, staff = request_of(app), manager_client(app)
    pay(app, staff, balance.number)
    whole = decide(staff, balance.number, workflow.PARTIAL_RECOVERY, htmx=True,
                   recovery_reference="OR-1", recovery_on="2026-12-01",
                   recovery_amount="210 297,96")
    assert "ordre de recouvrement total" in error(html(whole), "recouvrement_partiel-recovery_amount")
    assert decide(staff, balance.number, workflow.PARTIAL_RECOVERY, recovery_reference="OR-1",
                  recovery_on="2026-12-01", recovery_amount="1 000").status_code == 303
    kept = request_of(app)
    assert (kept.status, kept.payment_state) == ("decided", "paid")
    assert "recouvrement partiel" in mails(app, balance)[-1]
    follow = html(client.get(CONSULT + balance.number)).find(id="suivi")
    line = next(tr for tr in follow.select("tbody tr") if "OR-1" in tr.get_text())
    cells = [td.get_text(strip=True) for td in line.find_all("td")]
    assert cells[2] == "Ordre de recouvrement partiel n° OR-1"
    assert cells[7] == "-1\u202f000,00\u00a0€" and cells[8] == "01/12/2026"
    assert figures(budget_owner_client(app))[1] == euros("209 297,96")  # consumed, net of it
