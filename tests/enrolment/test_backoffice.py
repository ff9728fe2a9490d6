"""The back-office: the queue (filters in the URL, oldest first, 20 a page, page or fragment), the
consultation of an enrolment, its documents, the decisions — and doors closed to everyone else."""
import datetime
from urllib.parse import parse_qs, urlsplit

import pytest

from portal.models import Document, Enrolment, EnrolmentEvent
from portal.models.accounts import OPERATOR
from portal.models.enrolment import (AWAITING_DOCUMENTS, IN_PROGRESS, KIND_COMPLEMENTARY, REJECTED,
                                     VALIDATED)
from portal.services.enrolment import workflow as wf
from tests.helpers.accounts import make_account, manager_client, signed_in
from tests.helpers.pages import html
from tests.helpers.enrolment import FIXTURES, HTMX
from tests.helpers.instruction import file_enrolment, in_request, load

QUEUE = "/gestion/enrolements"


@pytest.fixture
def number(app, demo):
    return file_enrolment(app)


@pytest.fixture
def manager(app):
    return manager_client(app)


def clones(app, number, count, **changes):
    """More enrolments like the one filed, made directly (the wizard is tested elsewhere);
    `changes` may hold a function of the clone's index."""
    with in_request(app):
        original = load(number).__data__
        made = []
        known = Enrolment.select().where(Enrolment.number.startswith("ENR-TEST-")).count()
        for index in range(count):
            data = {k: v for k, v in original.items() if k not in ("id", "number", "draft_token")}
            data.update({k: v(index) if callable(v) else v for k, v in changes.items()})
            made.append(Enrolment.create(number=f"ENR-TEST-{known + index + 1:04d}", **data).number)
        return made


def rows(page) -> list[str]:
    """The numbers of the queue's rows (the cell after the box « Sélectionner »)."""
    return [row.select("td")[1].get_text(strip=True) for row in page.select("#table-enrolements tbody tr")]


def day(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text)


def csrf(page) -> str:
    return page.find("input", attrs={"name": "csrf_token"})["value"]


def decide(client, number, action, htmx=False, **fields):
    page = html(client.get(f"{QUEUE}/{number}"))
    data = {"csrf_token": csrf(page), "action": action,
            **{f"{action}-{name}": value for name, value in fields.items()}}
    headers = dict(HTMX, **{"X-CSRFToken": data["csrf_token"]}) if htmx else {}
    return client.post(f"{QUEUE}/{number}/decision", data=data, headers=headers)


# The queue

def test_queue_is_sorted_oldest_first(app, number, manager):
    clones(app, number, 3, submitted_at=lambda i: day("2026-01-10T09:00") - datetime.timedelta(days=i))
    page = html(manager.get(QUEUE))
    assert rows(page) == ["ENR-TEST-0003", "ENR-TEST-0002", "ENR-TEST-0001", number]
    assert page.find("caption").get_text(strip=True).startswith("Demandes d'enrôlement")


def test_queue_is_paginated_20_by_20_and_keeps_the_filters(app, number, manager):
    clones(app, number, 44, submitted_at=lambda i: day("2026-01-01T08:00") + datetime.timedelta(hours=i))
    first = html(manager.get(QUEUE + "?statut=in_progress"))
    assert len(rows(first)) == 20
    assert "45 demandes — 1 à 20 affichées, page 1 sur 3" in first.get_text()
    next_link = first.find("a", string="Page suivante")
    assert parse_qs(urlsplit(next_link["href"]).query) == {"page": ["2"], "statut": ["in_progress"]}
    assert next_link["hx-get"] == next_link["href"] and next_link["hx-push-url"] == "true"
    assert first.select_one(".fr-pagination a[aria-current=page]").get_text() == "1"
    last = html(manager.get(QUEUE + "?statut=in_progress&page=3"))
    assert rows(last)[-1] == number and len(rows(last)) == 5
    assert last.find("a", string="Page suivante").get("aria-disabled") == "true"
    beyond = html(manager.get(QUEUE + "?page=99"))
    assert rows(beyond) == rows(last)
    assert rows(html(manager.get(QUEUE + "?page=abc"))) == rows(first)


def test_queue_filters_by_status(app, number, manager):
    validated = clones(app, number, 2, status=VALIDATED)
    clones(app, number, 1, status=REJECTED)
    page = html(manager.get(QUEUE + "?statut=validated"))
    assert rows(page) == validated
    assert page.find("option", selected=True, value="validated")
    assert rows(html(manager.get(QUEUE + "?statut=inconnu"))) == [number] + validated + ["ENR-TEST-0003"]


def test_queue_filters_by_kind(app, number, manager):
    anticipated = clones(app, number, 1, anticipated=True)
    complementary = clones(app, number, 1, kind=KIND_COMPLEMENTARY)
    anticipated += clones(app, number, 1, kind=KIND_COMPLEMENTARY, anticipated=True)
    assert rows(html(manager.get(QUEUE + "?type=initial"))) == [number]
    assert rows(html(manager.get(QUEUE + "?type=complementaire"))) == complementary
    page = html(manager.get(QUEUE + "?type=anticipe"))
    assert rows(page) == anticipated
    # the ninth cell: after the box « Sélectionner »
    labels = [row.find_all("td")[8].get_text(strip=True) for row in page.select("tbody tr")]
    assert labels == ["Enrôlement initial (anticipé)", "Enrôlement complémentaire (anticipé)"]


def test_queue_filters_by_filing_date_in_paris_time(app, number, manager):
    # 10/01 23:30 UTC is already 11/01 in Paris; 12/01 22:59 UTC is still 12/01 there.
    dated = clones(app, number, 4, submitted_at=lambda i: [day("2026-01-10T22:30"),
                                                          day("2026-01-10T23:30"),
                                                          day("2026-01-12T22:59"),
                                                          day("2026-01-12T23:01")][i])
    page = html(manager.get(QUEUE + "?du=2026-01-11&au=2026-01-12"))
    assert rows(page) == dated[1:3]
    assert page.find(id="du")["value"] == "2026-01-11"
    assert rows(html(manager.get(QUEUE + "?du=2026-01-12"))) == dated[2:] + [number]
    assert rows(html(manager.get(QUEUE + "?au=2026-01-10"))) == dated[:1]


def test_queue_sorts_in_the_url_and_keeps_the_sort_in_its_links(app, number, manager):
    clones(app, number, 21, submitted_at=lambda i: day("2026-01-10T09:00") - datetime.timedelta(days=i))
    newest = html(manager.get(QUEUE + "?tri=-depot"))
    assert rows(newest)[0] == number and rows(newest)[1] == "ENR-TEST-0001"
    assert newest.find("caption").get_text(strip=True) == "Demandes d'enrôlement"
    assert newest.select_one("th[aria-sort=descending]").get_text(" ", strip=True).startswith("Date de dépôt")
    next_link = newest.find("a", string="Page suivante")
    assert parse_qs(urlsplit(next_link["href"]).query) == {"page": ["2"], "tri": ["-depot"]}
    by_status = html(manager.get(QUEUE + "?trier=statut"))
    assert by_status.select_one("th[aria-sort=ascending]").get_text(" ", strip=True).startswith("Statut")


def test_queue_with_an_invalid_date_says_so_and_ignores_it(app, number, manager):
    page = html(manager.get(QUEUE + "?du=2026-02-31"))
    assert "Cette date n'est pas valide" in page.find(id="du-messages").get_text()
    assert page.find(id="du")["aria-invalid"] == "true"
    assert rows(page) == [number]
    inverted = html(manager.get(QUEUE + "?du=2026-03-01&au=2026-02-01"))
    assert "antérieure à la date de début" in inverted.find(id="au-messages").get_text()


def test_queue_without_match(app, number, manager):
    page = html(manager.get(QUEUE + "?statut=rejected"))
    assert rows(page) == []
    assert "Aucune demande ne correspond à ces filtres." in page.get_text()


def test_queue_is_a_page_or_the_results_fragment(app, number, manager):
    full = manager.get(QUEUE + "?statut=in_progress")
    assert "<html" in full.get_data(as_text=True)
    form = html(full).find("form", id="filtres")
    assert form["method"] == "get" and form["hx-get"] == QUEUE
    assert form["hx-target"] == "#resultats" and form["hx-push-url"] == "true"
    assert {"statut", "type", "du", "au"} <= {f["name"] for f in form.find_all(["select", "input"])}

    fragment = manager.get(QUEUE + "?statut=in_progress", headers=HTMX)
    body = fragment.get_data(as_text=True)
    assert fragment.status_code == 200 and "<html" not in body
    assert "HX-Request" in fragment.headers["Vary"]
    part = html(fragment)
    assert rows(part) == [number]
    assert part.find("form") is None  # the filters stay in place
    boosted = manager.get(QUEUE, headers={**HTMX, "HX-Boosted": "true"})
    assert "<html" in boosted.get_data(as_text=True)


def test_queue_fragment_brings_the_date_message_out_of_band(app, number, manager):
    part = html(manager.get(QUEUE + "?au=hier", headers=HTMX))
    message = part.find(id="au-messages")
    assert message["hx-swap-oob"] == "true" and "n'est pas valide" in message.get_text()


# The consultation

def test_consultation_shows_every_datum_of_the_wizard(app, number, manager):
    response = manager.get(f"{QUEUE}/{number}")
    assert response.status_code == 200
    page = html(response)
    assert page.find("h1").get_text(strip=True) == f"Demande d'enrôlement n° {number}"
    text = page.get_text(" ", strip=True)
    for expected in ("En cours", "MSS-2023-0001", "MediMail Pro", "MSS Opérateurs", "73282932000074",
                     "MEDIMAIL SOLUTIONS", "Martin", "Claire", "claire.martin@medimail.fr",
                     "FR76 3000 6000 0112 3456 7890 189", "AGRIFRPP", "CREDIT AGRICOLE SA", "20 %"):
        assert expected in text, expected
    titles = [b.get_text(strip=True) for b in page.select(".fr-accordion__btn")]
    assert titles[:4] == ["1. Référencement", "2. Demandeur", "3. Coordonnées bancaires",
                          "4. Taux de TVA"]
    assert "Historique de la demande (1)" in titles
    assert "Courriels automatiquement envoyés (1)" in titles
    history = page.find(id="historique").find("tbody").find_all("td")
    assert [td.get_text(strip=True) for td in history][1:] == [
        "En cours", "Demandeur", "Dépôt de la demande d'enrôlement"]
    assert "Accusé de réception" in page.find(id="courriels").get_text()


def test_consultation_offers_the_decisions_of_the_status(app, number, manager):
    page = html(manager.get(f"{QUEUE}/{number}"))
    actions = [i["value"] for i in page.select("#decisions input[name=action]")]
    assert actions == [wf.VALIDATE, wf.REQUEST_DOCUMENTS, wf.REJECT]
    boxes = page.select(f"#decisions input[name={wf.REQUEST_DOCUMENTS}-kinds]")
    assert len(boxes) == 13 and page.find("label", string="RIB")
    assert page.find("label", attrs={"for": "rejeter-comment"}).get_text().startswith("Motif du rejet")


def test_consultation_of_an_unknown_enrolment(app, demo, manager):
    assert manager.get(f"{QUEUE}/ENR-1999-000000").status_code == 404


def test_every_document_can_be_downloaded(app, number, manager):
    page = html(manager.get(f"{QUEUE}/{number}"))
    links = [a["href"] for a in page.select("a.fr-link--download")]
    with in_request(app):
        documents = list(Document.select().where(Document.enrolment.is_null(False)))
    assert sorted(links) == sorted(f"/gestion/documents/{d.id}" for d in documents)
    assert len(documents) == 4
    rib = next(d for d in documents if d.kind == "rib")
    response = manager.get(f"/gestion/documents/{rib.id}")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert "rib.jpg" in response.headers["Content-Disposition"]
    assert response.headers["Content-Type"] == "image/jpeg"
    assert response.data == (FIXTURES / "rib.jpg").read_bytes()


def test_documents_of_a_draft_are_not_served(app, number, manager):
    with in_request(app):
        document = Document.select().first()
        Document.update(enrolment=None).where(Document.id == document.id).execute()
    assert manager.get(f"/gestion/documents/{document.id}").status_code == 404
    assert manager.get("/gestion/documents/9999").status_code == 404


# Decisions through the page

def test_a_decision_redirects_to_the_consultation_with_a_notice(app, number, manager, mailbox):
    response = decide(manager, number, wf.VALIDATE, comment="Pièces conformes.")
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"{QUEUE}/{number}")
    page = html(manager.get(response.headers["Location"]))
    notice = page.select_one("#messages .fr-alert--success").get_text()
    assert "La demande est validée" in notice and "« Validée »" in notice
    assert page.select("#decisions form") == []
    assert "Aucune décision n'est possible au statut « Validée »" in page.find(id="decisions").get_text()
    last = page.find(id="historique").find("tbody").find_all("tr")[-1]
    assert [td.get_text(strip=True) for td in last.find_all("td")][1:] == [
        "Validée", "Alice Dupont (Gestionnaire ASP)", "Pièces conformes."]
    subjects = [m["Subject"] for m in mailbox.to("claire.martin@medimail.fr")]
    assert len(subjects) == 3, subjects  # validation, identifiant, link to set the password
    assert subjects[0].startswith("Validation de votre demande d'enrôlement"), subjects


def test_reject_without_reason_is_422_beside_the_field(app, number, manager, mailbox):
    response = decide(manager, number, wf.REJECT, comment="   ")
    assert response.status_code == 422
    page = html(response)
    assert wf.REASON_REQUIRED in page.find(id="rejeter-comment-messages").get_text()
    assert page.find(id="rejeter-comment")["aria-invalid"] == "true"
    button = page.find("button", attrs={"aria-controls": "decision-rejeter"})
    assert button["aria-expanded"] == "true"
    with in_request(app):
        assert load(number).status == IN_PROGRESS


def test_document_request_errors_keep_what_was_typed(app, number, manager, mailbox):
    response = decide(manager, number, wf.REQUEST_DOCUMENTS, comment="Le RIB est illisible.")
    assert response.status_code == 422
    page = html(response)
    assert page.find(id="demander_pieces-comment").get_text(strip=True) == "Le RIB est illisible."
    assert wf.KINDS_REQUIRED in page.find(id="demander_pieces-kinds-messages").get_text()

    response = decide(manager, number, wf.REQUEST_DOCUMENTS, kinds=["rib"], comment="")
    page = html(response)
    assert response.status_code == 422
    assert page.find("input", attrs={"value": "rib", "checked": True})
    assert wf.MESSAGE_REQUIRED in page.find(id="demander_pieces-comment-messages").get_text()

    response = decide(manager, number, wf.REQUEST_DOCUMENTS, kinds=["rib", "kbis"],
                      comment="Le RIB est illisible.")
    assert response.status_code == 303
    with in_request(app):
        assert load(number).status == AWAITING_DOCUMENTS


def test_htmx_decision_answers_the_fragment_or_a_whole_page_redirect(app, number, manager, mailbox):
    response = decide(manager, number, wf.REJECT, htmx=True, comment="")
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "<html" not in body and "rejeter-comment-messages" in body
    response = decide(manager, number, wf.REJECT, htmx=True, comment="Doublon.")
    assert response.status_code == 204
    assert response.headers["HX-Redirect"].endswith(f"{QUEUE}/{number}")


def test_a_decision_no_longer_allowed_is_a_clear_422(app, number, manager, mailbox):
    page = html(manager.get(f"{QUEUE}/{number}"))
    with in_request(app):  # another manager validates meanwhile
        Enrolment.update(status=VALIDATED).where(Enrolment.number == number).execute()
    response = manager.post(f"{QUEUE}/{number}/decision",
                            data={"csrf_token": csrf(page), "action": wf.REJECT,
                                  "rejeter-comment": "Doublon."})
    assert response.status_code == 422
    alert = html(response).select_one("#decisions .fr-alert--error").get_text()
    assert "« Rejeter la demande » n'est pas possible : la demande est au statut « Validée »." in alert
    with in_request(app):
        assert EnrolmentEvent.select().count() == 1


def test_an_unknown_decision_is_a_clear_422(app, number, manager):
    response = decide(manager, number, "supprimer")
    assert response.status_code == 422
    assert "Choisissez une décision." in html(response).find(id="decisions").get_text()


def test_decision_without_csrf_token_is_refused(app, number, manager):
    response = manager.post(f"{QUEUE}/{number}/decision",
                            data={"action": wf.REJECT, "rejeter-comment": "Doublon."})
    assert response.status_code == 400
    with in_request(app):
        assert load(number).status == IN_PROGRESS


# Doors

def staff_urls(app, number):
    with in_request(app):
        document = Document.select().where(Document.enrolment.is_null(False)).first()
    return [QUEUE, QUEUE + "?statut=validated", f"{QUEUE}/{number}", f"/gestion/documents/{document.id}"]


def test_an_operator_gets_403_on_every_staff_url(app, number):
    operator = signed_in(app.test_client(), make_account(app, OPERATOR,
                                                         email="claire.martin@medimail.fr"))
    for url in staff_urls(app, number):
        assert operator.get(url).status_code == 403, url
    page = html(operator.get("/"))
    token = page.body["hx-headers"].split('"')[3]
    response = operator.post(f"{QUEUE}/{number}/decision", data={
        "csrf_token": token, "action": wf.VALIDATE})
    assert response.status_code == 403
    with in_request(app):
        assert load(number).status == IN_PROGRESS


def test_anonymous_is_sent_to_the_sign_in_page(app, number):
    anonymous = app.test_client()
    for url in staff_urls(app, number):
        response = anonymous.get(url)
        assert response.status_code == 303, url
        assert urlsplit(response.headers["Location"]).path == "/connexion", url
    response = anonymous.get(QUEUE, headers=HTMX)
    assert urlsplit(response.headers["HX-Redirect"]).path == "/connexion"
