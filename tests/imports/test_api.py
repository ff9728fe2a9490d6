"""The JSON channel's API through its HTTP doors (issue 15, item 3): a supplier's software does with
a token what a person does in « Importation JSONs » — simulate, import 3 requests of which 1 is
rejected, deposit the 2 documents (one by PUT, one in a zip) — and the requests reach the
manager's queue « En cours »; a revoked token, another account, a browser's cookie open nothing."""
from portal.models import FundingRequest, JsonImport, OutboxMessage
from portal.models.enrolment import PARTIAL
from tests.helpers import json_files as jf
from tests.helpers.accounts import make_account, manager_client, signed_in
from tests.helpers.api import PDF, Software, revoke_all, token_for
from tests.helpers.enrolment import database
from tests.helpers.json_reports import zip_of


def three_requests(api_supplier) -> dict:
    """Three advances; the second's amount typed as a French text (rejected by the schema)."""
    _, enrolment, corridor = api_supplier
    document = jf.valid_file(corridor, enrolment, count=3)
    document["demandes"][1]["montantSegurHT"] = "12 000,00"
    return document


def statuses(document: dict) -> list[str]:
    return [item["statut"] for item in document["demandes"]]


def test_the_whole_import_by_api(app, api_supplier, software):
    document = three_requests(api_supplier)
    simulated = software.call("POST", "/simulations", document)
    assert simulated.status_code == 200
    assert statuses(simulated.json) == ["Retenue (simulation)", "Rejetée à l'import",
                                        "Retenue (simulation)"]
    assert simulated.json["demandes"][1]["motifsRejet"][0]["chemin"] == \
        "demandes[1].montantSegurHT"
    with database(app):
        assert not FundingRequest.select().exists()

    created = software.call("POST", "/importations", document,
                            name="commandes-f%C3%A9vrier.json")  # UTF-8, percent-encoded
    assert created.status_code == 201
    answer = created.json
    assert created.headers["Location"].endswith(f"/api/v1/importations/{answer['identifiant']}")
    assert answer["statut"] == "En attente des pièces justificatives" and not answer["complet"]
    assert answer["nomFichier"] == "commandes-février.json"
    assert (answer["nombreDemandes"], answer["nombreDemandesRetenues"],
            answer["nombreDemandesRejetees"], answer["piecesManquantes"]) == (3, 2, 1, 2)
    assert statuses(answer["sortie"]) == ["Non complétée", "Rejetée à l'import", "Non complétée"]
    first, second = answer["pieces"]
    assert (first["numeroEditeur"], first["numeroDemandeASP"]) == \
        ("CMD-2026-001", "FINDPI000001-M0")
    assert second["numeroEditeur"] == "CMD-2026-003"
    assert first["url"] == (f"http://localhost/api/v1/importations/{answer['identifiant']}"
                            "/pieces/CMD-2026-001")
    manager = manager_client(app)
    assert "FINDPI000001-M0" not in manager.get("/gestion/financement/").get_data(as_text=True)

    path = f"/importations/{answer['identifiant']}"
    one = software.call("PUT", first["url"].split("/api/v1")[1], PDF, name="bon-de-commande.pdf",
                        content_type="application/pdf")
    assert one.status_code == 201
    assert one.json["message"] == "Pièce déposée : il reste 1 pièce à déposer."
    assert one.json["pieces"][0]["pieceDeposee"] == "bon-de-commande.pdf"

    archive = software.call("PUT", f"{path}/archive",
                            zip_of({"CMD-2026-003.pdf": PDF, "CMD-2026-999.pdf": PDF}),
                            name="pieces.zip", content_type="application/zip")
    assert archive.status_code == 201
    done = archive.json
    assert done["message"] == (f"Toutes les pièces sont déposées : les demandes de l'import "
                               f"n° {answer['identifiant']} sont « En cours » d'instruction. Un "
                               "accusé de réception vous a été envoyé par courriel.")
    assert done["deposees"] == {"CMD-2026-003": "CMD-2026-003.pdf"}
    assert done["ignores"] == ["« CMD-2026-999.pdf » : aucune demande de cet import n'a le "
                               "numéro éditeur « CMD-2026-999 » ; fichier ignoré."]
    assert done["statut"] == "Complet" and done["complet"] and done["piecesManquantes"] == 0
    assert [p["statut"] for p in done["pieces"]] == ["En cours", "En cours"]

    shown = software.call("GET", path)
    assert shown.status_code == 200
    assert statuses(shown.json["sortie"]) == ["En cours", "Rejetée à l'import", "En cours"]
    queue = manager.get("/gestion/financement/").get_data(as_text=True)
    assert "FINDPI000001-M0" in queue and "FINDPI000002-M0" in queue
    with database(app):
        mails = OutboxMessage.select().where(
            OutboxMessage.related == f"json_import:{answer['identifiant']}")
        assert [m.recipient for m in mails] == [api_supplier[0].email]


def test_a_file_with_nothing_retained_files_nothing(app, api_supplier, software):
    document = three_requests(api_supplier)
    for item in document["demandes"]:
        item["montantSegurHT"] = "12 000,00"
    response = software.call("POST", "/importations", document)
    assert response.status_code == 422
    assert response.json["erreur"] == \
        "Aucune demande de ce fichier n'a été retenue : rien n'a été importé."
    assert statuses(response.json["sortie"]) == ["Rejetée à l'import"] * 3
    refused = software.call("POST", "/simulations", b"{pas du json")
    assert refused.status_code == 422
    assert refused.json["erreur"] == ("Fichier refusé en entier : aucune demande n'est retenue. "
                                      "Les motifs sont dans « sortie.motifsRejet ».")
    assert refused.json["sortie"]["motifsRejet"][0]["message"].startswith(
        "Le fichier n'est pas un JSON valide")
    with database(app):
        assert not JsonImport.select().exists() and not FundingRequest.select().exists()


def test_a_refused_document_says_why_and_the_import_waits(app, api_supplier, software):
    created = software.call("POST", "/importations", three_requests(api_supplier)).json
    path = f"/importations/{created['identifiant']}/pieces/CMD-2026-001"
    wrong = software.call("PUT", path, b"not a pdf at all", name="faux.pdf")
    assert wrong.status_code == 422
    assert wrong.json == {"erreur": "Le contenu de ce fichier ne correspond pas à son extension : "
                                    "il est peut-être endommagé."}
    unnamed = software.call("PUT", path, PDF)
    assert unnamed.status_code == 422 and "X-Nom-Fichier" in unnamed.json["erreur"]
    rejected = software.call("PUT", path.replace("001", "002"), PDF, name="devis.pdf")
    assert rejected.status_code == 404
    assert rejected.json["erreur"].startswith("Aucune demande retenue de l'import")
    nothing = software.call("PUT", f"/importations/{created['identifiant']}/archive",
                            zip_of({"autre.pdf": PDF}))
    assert nothing.status_code == 422 and nothing.json["ignores"]
    assert software.call("GET", f"/importations/{created['identifiant']}").json[
        "piecesManquantes"] == 2


def test_a_revoked_token_is_refused(app, api_supplier, software):
    assert software.call("GET", "/importations/1").status_code == 404  # accepted: no such import
    revoke_all(app, api_supplier[0])
    response = software.call("POST", "/simulations", three_requests(api_supplier))
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="api", error="invalid_token"'
    assert response.json["erreur"].startswith("Jeton d'API absent, révoqué ou invalide")
    anonymous = Software(app, None).call("GET", "/importations/1")
    assert anonymous.status_code == 401
    assert anonymous.headers["WWW-Authenticate"] == 'Bearer realm="api"'


def test_a_browser_session_opens_nothing_and_gets_no_cookie(app, api_supplier):
    browser = signed_in(app.test_client(), api_supplier[0])
    response = browser.post("/api/v1/simulations", data=jf.raw(three_requests(api_supplier)),
                            content_type="application/json")
    assert response.status_code == 401 and "Set-Cookie" not in response.headers


def test_another_accounts_import_is_not_found(app, api_supplier, software):
    created = software.call("POST", "/importations", three_requests(api_supplier)).json
    other, enrolment = jf.supplier(app)
    stranger = Software(app, token_for(app, other))
    path = f"/importations/{created['identifiant']}"
    for method, url, body in (("GET", path, None), ("PUT", f"{path}/pieces/CMD-2026-001", PDF),
                              ("PUT", f"{path}/archive", zip_of({"CMD-2026-001.pdf": PDF}))):
        response = stranger.call(method, url, body, name="bon.pdf")
        assert response.status_code == 404, url
        assert response.json == {"erreur": "Cet import n'existe pas ou n'est pas le vôtre."}
    assert software.call("GET", path).json["piecesManquantes"] == 2


def test_accounts_without_the_channel_are_forbidden(app, api_supplier):
    nobody = Software(app, token_for(app, make_account(app, email="sans-enrolement@exemple.fr")))
    document = three_requests(api_supplier)
    for path in ("/simulations", "/importations"):
        response = nobody.call("POST", path, document)
        assert response.status_code == 403
        assert response.json["erreur"].startswith("Votre compte ne peut pas")
    anticipated, enrolment = jf.supplier(app, status=PARTIAL)
    early = Software(app, token_for(app, anticipated))
    own = jf.valid_file(api_supplier[2], enrolment)
    assert early.call("POST", "/simulations", own).status_code == 200  # the simulator's rule
    assert early.call("POST", "/importations", own).status_code == 403
