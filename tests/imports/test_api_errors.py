"""The API's refusals, always JSON `{"erreur": "…"}` in French and never a page: an unknown address,
a wrong method, a body too big (413, whether its length is said or not), too many calls with one
token (429, per token), an unexpected error (500)."""
import io
import json

from werkzeug.test import EnvironBuilder, run_wsgi_app

from portal.services.core.document_types import MAX_BYTES as DOCUMENT_MAX
from portal.services.imports.validation import MAX_BYTES as JSON_MAX
from tests.helpers import json_files as jf
from tests.helpers.api import PDF, Software, token_for
from tests.helpers.limits import enable_limits


def imported(software, api_supplier) -> int:
    document = jf.valid_file(api_supplier[2], api_supplier[1], count=2)
    return software.call("POST", "/importations", document).json["identifiant"]


def test_unknown_addresses_and_methods_answer_json(software):
    missing = software.call("GET", "/inconnue")
    assert missing.status_code == 404
    assert missing.json == {"erreur": "Cette adresse de l'API n'existe pas."}
    wrong = software.call("GET", "/simulations")
    assert wrong.status_code == 405 and "POST" in wrong.headers["Allow"]
    assert wrong.json == {"erreur": "Cette adresse de l'API ne s'utilise pas avec la méthode GET."}
    assert Software(software.client.application, None).call("DELETE", "/x").status_code == 404


def test_bodies_beyond_their_limit_are_refused_413(app, api_supplier, software):
    too_big = b" " * (JSON_MAX + 1)
    for path in ("/simulations", "/importations"):
        response = software.call("POST", path, too_big)
        assert response.status_code == 413
        assert response.json == {"erreur": "Le contenu envoyé dépasse la taille maximale permise "
                                           "(2 Mo)."}
    environ = EnvironBuilder("/api/v1/simulations", method="POST", input_stream=io.BytesIO(
        too_big), headers={"Authorization": f"Bearer {software.token}",
                           "Transfer-Encoding": "chunked"}).get_environ()
    environ.pop("CONTENT_LENGTH", None)  # streamed: werkzeug stops reading at the limit
    environ["wsgi.input_terminated"] = True
    body, status, headers = run_wsgi_app(app, environ)
    assert status.startswith("413") and "(2 Mo)" in json.loads(b"".join(body))["erreur"]
    path = f"/importations/{imported(software, api_supplier)}"
    piece = software.call("PUT", f"{path}/pieces/CMD-2026-001", PDF + b"0" * DOCUMENT_MAX,
                          name="bon.pdf")
    assert piece.status_code == 413 and "(4 Mo par pièce)" in piece.json["erreur"]
    app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024
    archive = software.call("PUT", f"{path}/archive", b"PK" + b"0" * 1024 * 1024)
    assert archive.status_code == 413 and "(1 Mo par archive)" in archive.json["erreur"]
    assert software.call("GET", path).json["piecesManquantes"] == 2


def test_calls_are_limited_per_token(app, api_supplier):
    enable_limits(app, API_RATE_LIMIT="2 per minute")
    first = Software(app, token_for(app, api_supplier[0], "Logiciel A"))
    second = Software(app, token_for(app, api_supplier[0], "Logiciel B"))
    for _ in range(2):
        assert first.call("GET", "/importations/1").status_code == 404
    refused = first.call("GET", "/importations/1")
    assert refused.status_code == 429
    assert 0 < int(refused.headers["Retry-After"]) <= 60
    assert refused.json["erreur"].startswith("Trop de requêtes avec ce jeton en peu de temps : "
                                             "réessayez dans ")
    assert second.call("GET", "/importations/1").status_code == 404  # its own count


def test_an_unexpected_error_answers_json_500(app, api_supplier, software, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")
    monkeypatch.setattr("portal.services.imports.simulator.run", broken)
    app.config["PROPAGATE_EXCEPTIONS"] = False  # as in production: the error handler answers
    response = software.call("POST", "/simulations", b"{}")
    assert response.status_code == 500
    assert response.json["erreur"].startswith("Une erreur inattendue s'est produite de notre côté")
    assert response.headers["X-Request-ID"] in response.json["erreur"]
