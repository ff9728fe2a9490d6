"""The JSON channel's HTTP API (issue 15, item 3), /api/v1, for a supplier's software: what a
person does in « Importation JSONs » — simulate, import, deposit the documents, follow an import —
through the same services as the browser.

The credential is a token of « Mon compte › Gérer mes jetons d'API », sent as
`Authorization: Bearer psn_…` on every call: no session is read or written (no cookie), no CSRF
token (nothing a browser sends by itself authenticates here). Answers are JSON only, errors
included (errors.py). Calls are rate-limited per token (API_RATE_LIMIT)."""
from flask import Blueprint, current_app, g, request
from flask.sessions import SecureCookieSessionInterface

from portal.blueprints.api import errors
from portal.extensions import csrf, limiter
from portal.services.account import api_tokens
from portal.services.core import quotas

bp = Blueprint("api", __name__, url_prefix=errors.PREFIX)


def _caller() -> str:
    """The rate limit's key: the token's digest (valid or not), else the client's address."""
    digest = api_tokens.fingerprint(request.headers.get("Authorization"))
    return f"jeton:{digest}" if digest else f"ip:{quotas.visitor()}"


limiter.shared_limit(lambda: current_app.config["API_RATE_LIMIT"], scope="api",
                     key_func=_caller)(bp)


@bp.before_request
def authenticate():
    """The token's account, or 401 (RFC 6750: the header says how to authenticate)."""
    header = request.headers.get("Authorization")
    g.account = api_tokens.authenticate(header)
    if g.account is None:
        challenge = 'Bearer realm="api"' + (', error="invalid_token"' if header else "")
        return errors.answer(401, headers={"WWW-Authenticate": challenge})
    return None


class Sessions(SecureCookieSessionInterface):
    """The app's cookie sessions, except under the API: there an empty session that is never
    saved, so a browser's cookie opens nothing and no cookie is ever set."""

    def open_session(self, app, request):
        if errors.concerns(request):
            return self.null_session_class()
        return super().open_session(app, request)


def install(app) -> None:
    csrf.exempt(bp)
    app.session_interface = Sessions()
    app.register_blueprint(bp)


from portal.blueprints.api import routes  # noqa: E402 - its views need bp

__all__ = ["bp", "install", "routes"]
