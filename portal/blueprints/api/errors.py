"""The API's answers when something goes wrong: JSON `{"erreur": "…"}` in French, never a page —
for its routes and for any address under its prefix (an unknown one, a wrong method), whoever
raised the error (portal/errors.py asks `concerns` first)."""
import json
import time

from flask import abort, current_app, g, request

from portal.extensions import limiter
from portal.observability import request_id

PREFIX = "/api/v1"
MESSAGES = {
    400: "La requête est mal formée.",
    401: "Jeton d'API absent, révoqué ou invalide : envoyez l'en-tête « Authorization: Bearer "
         "psn_… » d'un jeton actif, créé dans « Mon compte › Gérer mes jetons d'API ».",
    403: "Votre compte ne donne pas accès à cette opération.",
    404: "Cette adresse de l'API n'existe pas.",
    405: "Cette adresse de l'API ne s'utilise pas avec la méthode {method}.",
    413: "Le contenu envoyé dépasse la taille maximale permise{limit}.",
    429: "Trop de requêtes avec ce jeton en peu de temps : réessayez dans {wait} secondes.",
    500: "Une erreur inattendue s'est produite de notre côté ; elle a été enregistrée (référence "
         "{reference}). Réessayez dans quelques instants.",
    503: "Le portail est momentanément surchargé : rien n'a été enregistré. Réessayez dans "
         "quelques instants.",
}
KEPT_HEADERS = ("Allow", "Retry-After", "WWW-Authenticate")


def concerns(req) -> bool:
    """Is this request one of the API's (routed or not)?"""
    return req.path == PREFIX or req.path.startswith(PREFIX + "/")


def json_response(body, status: int = 200, headers=None):
    """JSON as typed (accents kept, keys in the order given: the output JSON keeps the
    supplier's order)."""
    response = current_app.response_class(json.dumps(body, ensure_ascii=False), status,
                                          mimetype="application/json")
    response.headers.update(headers or {})
    return response


def _wait() -> int:
    current = limiter.current_limit
    return max(1, int(current.reset_at - time.time())) if current else 60


def message_of(status: int) -> str:
    text = MESSAGES.get(status, MESSAGES[400] if status < 500 else MESSAGES[500])
    limit = g.get("api_body_limit")
    return text.format(method=request.method, reference=request_id(),
                       limit=f" ({limit})" if limit else "",
                       wait=_wait() if status == 429 else "")


def answer(status: int, message: str | None = None, error=None, headers=None, **extra):
    """The error as JSON; the headers of `error` that tell the client what to do kept."""
    kept = {name: value for name, value in (error.get_headers() if error is not None else ())
            if name in KEPT_HEADERS}
    if status == 429:
        kept["Retry-After"] = str(_wait())
    return json_response({"erreur": message or message_of(status), **extra}, status,
                         {**kept, **(headers or {})})


def abort_json(status: int, message: str):
    abort(answer(status, message))
