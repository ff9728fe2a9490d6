"""« Importer mes demandes », step 1, through the routes, with real files (json_files): the file
checked by validation.check, answered per request, then filed by « Continuer vers le dépôt des
pièces »; the menu tab and who may see the channel."""
import io

from portal.models import FundingRequest, JsonImport
from tests.helpers import json_files as jf
from tests.helpers.accounts import make_account, signed_in
from tests.helpers.enrolment import HTMX, database
from tests.helpers.funding import validated_operator
from tests.helpers.json_reports import corridor
from tests.helpers.pages import html

NEW = "/espace/importations/nouvelle"


def three_requests(supplier, kind="advance") -> bytes:
    """Three valid requests of the supplier's corridor but the third, whose beneficiary's FINESS
    number has a wrong check digit."""
    _, enrolment, corridor_row = supplier
    document = jf.valid_file(corridor_row, enrolment, kind, count=3)
    document["demandes"][2]["beneficiaires"][0]["finess"] = "750712185"
    return jf.raw(document)


def csrf(client):
    return html(client.get(NEW)).select_one("input[name=csrf_token]")["value"]


def send(client, content, kind="advance", name="demandes.json", htmx=True):
    token = csrf(client)
    return client.post(NEW, data={"type": kind, "fichier": (io.BytesIO(content), name),
                                  "csrf_token": token},
                       headers={**HTMX, "X-CSRFToken": token} if htmx else {},
                       content_type="multipart/form-data")


def test_the_page_has_the_stepper_the_recap_and_the_zone(app, supplier, client):
    page = html(client.get(NEW))
    assert "Étape 1 sur 2" in page.select_one(".fr-stepper").get_text()
    assert page.select_one(".fr-stepper__details").get_text(" ", strip=True) == \
        "Étape suivante : Dépôt des pièces justificatives"
    recap = page.select_one("#recapitulatif-entreprise").get_text(" ", strip=True)
    assert "DPI-2023-0101" in recap and "DPI-ES" in recap
    assert page.select_one("label[for=fichier]") and page.select_one("label[for=type-advance]")


def test_a_checked_file_is_answered_per_request_and_nothing_filed(app, supplier, client):
    response = send(client, three_requests(supplier))
    assert response.status_code == 200 and "<html" not in response.get_data(as_text=True)
    page = html(response)
    assert page.select_one("#resultat-verification [role=status]").get_text(strip=True) == \
        "3 demandes dans le fichier : 2 retenues, 1 rejetée."
    rows = [[c.get_text(" ", strip=True) for c in tr.select("td")]
            for tr in page.select("#demandes-verifiees tbody tr")]
    assert [r[:3] for r in rows] == [["1", "CMD-2026-001", "Retenue"],
                                     ["2", "CMD-2026-002", "Retenue"],
                                     ["3", "CMD-2026-003", "Rejetée"]]
    assert rows[2][3].startswith("demandes[2].beneficiaires[0].finess : La clé de contrôle du "
                                 "numéro FINESS géographique (dernier chiffre) est fausse")
    assert rows[2][3].endswith("Trouvé : le texte « 750712185 ».")
    with database(app):
        assert not JsonImport.select().exists() and not FundingRequest.select().exists()
    form = page.select_one("form[action='/espace/importations/nouvelle/continuer']")
    assert form.select_one("button").get_text(strip=True) == "Continuer vers le dépôt des pièces"


def test_continuer_files_the_retained_and_opens_step_2(app, supplier, client):
    page = html(send(client, three_requests(supplier), htmx=False))
    form = page.select_one("form[action='/espace/importations/nouvelle/continuer']")
    data = {i["name"]: i["value"] for i in form.select("input")}
    response = client.post(form["action"], data=data)
    assert response.status_code == 303
    with database(app):
        filed = JsonImport.get()
        assert filed.requests_retained == 2 and filed.filename == "demandes.json"
        assert [r.publisher_number for r in FundingRequest.select().order_by(FundingRequest.id)] \
            == ["CMD-2026-001", "CMD-2026-002"]
    assert response.headers["Location"].endswith(f"/espace/importations/{filed.id}/pieces")
    again = client.post(form["action"], data=data)  # the same file, once more
    assert again.status_code == 422
    assert "n'est plus disponible" in html(again).get_text()


def test_a_file_of_the_other_type_is_rejected_whole(app, supplier, client):
    page = html(send(client, three_requests(supplier), kind="balance"))
    text = page.select_one("#resultat-verification").get_text(" ", strip=True)
    assert "Le fichier est rejeté en entier" in text
    assert "Le type des demandes du fichier n'est pas celui choisi. Attendu : Solde. Trouvé : Avance." in text
    assert not page.select("form[action='/espace/importations/nouvelle/continuer']")


def test_a_file_level_problem_rejects_every_request(app, supplier, client):
    _, enrolment, corridor_row = supplier
    document = jf.valid_file(corridor_row, enrolment, count=3)
    document["couloir"] = "XYZ"
    page = html(send(client, jf.raw(document)))
    text = page.select_one("#resultat-verification").get_text(" ", strip=True)
    assert "0 retenue, 3 rejetées" in text and "Ce couloir n'existe pas." in text
    assert not page.select("form[action='/espace/importations/nouvelle/continuer']")


def test_missing_choices_are_said_next_to_their_fields(app, supplier, client):
    token = csrf(client)
    response = client.post(NEW, data={"csrf_token": token}, headers={**HTMX, "X-CSRFToken": token},
                           content_type="multipart/form-data")
    assert response.status_code == 422
    page = html(response)
    assert page.select_one("#type-messages").get_text(strip=True) == \
        "Choisissez le type des demandes du fichier : avance ou solde."
    assert page.select_one("#fichier-messages").get_text(strip=True) == \
        "Choisissez le fichier JSON de vos demandes."
    response = send(client, b"{}", name="demandes.csv")
    assert html(response).select_one("#fichier-messages").get_text(strip=True) == \
        "Le fichier doit être au format .json."


def menu_items(client):
    page = html(client.get("/espace/"))
    return [a.get_text(strip=True) for a in page.select("nav a")]


def test_the_menu_tab_is_shown_to_suppliers_of_an_active_corridor(app, supplier, client):
    items = menu_items(client)
    assert "Gérer mes importations JSONs" in items and "Importer mes demandes" in items
    buttons = [b.get_text(strip=True) for b in html(client.get("/espace/")).select("nav button")]
    assert buttons.index("Importation JSONs") == buttons.index("Enrôlement") + 1


def test_other_operators_see_no_tab_and_are_refused(app, demo):
    mss = signed_in(app.test_client(), validated_operator(app))  # an MSS enrolment only
    corridor(app, active=True)  # DPI: not its DSR
    assert "Importer mes demandes" not in menu_items(mss)
    for url in ("/espace/importations/", NEW):
        assert mss.get(url).status_code == 403
    nobody = signed_in(app.test_client(), make_account(app, email="sans-enrolement@exemple.fr"))
    assert nobody.get(NEW).status_code == 403


def test_an_inactive_corridor_closes_the_channel(app, demo):
    from tests.helpers.json_reports import dpi_enrolment
    from tests.helpers.instruction import move
    from portal.models.accounts import MANAGER
    from portal.services.enrolment import workflow as wf
    number = dpi_enrolment(app)
    account = make_account(app, email="claire.martin@medimail.fr")
    move(app, number, wf.VALIDATE, make_account(app, MANAGER))
    corridor(app, active=False)
    client = signed_in(app.test_client(), account)
    assert "Importer mes demandes" not in menu_items(client)
    assert client.get(NEW).status_code == 403


def test_checked_files_never_imported_are_purged_after_a_day(app, supplier, client):
    import os
    import time
    from portal.services.imports import filing, submission
    from tests.helpers.instruction import in_request
    send(client, three_requests(supplier))
    with in_request(app):
        kept = [e.path for e in os.scandir(filing.folder()) if e.name.startswith("attente-")]
        assert len(kept) == 1 and submission.purge_pending() == 0
        os.utime(kept[0], (time.time() - 25 * 3600,) * 2)
        assert submission.purge_pending() == 1 and not os.path.exists(kept[0])
