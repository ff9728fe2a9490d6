"""Per-account API tokens for the JSON endpoints (issue 15, item 3): an operator creates one in
« Mon compte », sees it once, and revokes it. Only its sha256 is kept, so a stolen database gives
no usable token; the token starts with a recognisable prefix (« psn_ ») so that secret scanners and
people can tell what it is. Each creation and revocation is mailed to the account (a token is a
key to its requests)."""
import hashlib
import secrets

from portal.extensions import db
from portal.models import Account, ApiToken
from portal.models.base import utcnow
from portal.services.core import limits, outbox
from portal.services.core.errors import Refused

PREFIX = "psn_"
SHOWN = 12  # characters of the token kept in clear to recognise it in the list (prefix included)
MAX_ACTIVE = 10  # active tokens an account may hold
TOUCH_EVERY = 60  # seconds: `last_used_at` is written at most once a minute per token


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def listed(account: Account) -> list[ApiToken]:
    return list(ApiToken.select().where(ApiToken.account == account)
                .order_by(ApiToken.revoked_at.is_null(False), ApiToken.created_at.desc()))


def owned(account: Account, token_id: int) -> ApiToken | None:
    return ApiToken.get_or_none(ApiToken.id == token_id, ApiToken.account == account)


def create(account: Account, name: str) -> str:
    """A new token named `name`; returns the token itself, shown once and never again."""
    name = " ".join((name or "").split())
    if not name:
        raise Refused({"name": "Donnez un nom à ce jeton, par exemple le logiciel qui l'utilisera."})
    if len(name) > limits.NAME:
        raise Refused({"name": f"Le nom comporte au plus {limits.NAME} caractères."})
    with db.database.atomic():
        active = ApiToken.select().where(ApiToken.account == account,
                                         ApiToken.revoked_at.is_null()).count()
        if active >= MAX_ACTIVE:
            raise Refused({"name": f"Vous avez déjà {MAX_ACTIVE} jetons actifs : révoquez-en un "
                                   "avant d'en créer un autre."})
        token = PREFIX + secrets.token_urlsafe(32)
        ApiToken.create(account=account, name=name, prefix=token[:SHOWN], token_hash=_digest(token))
        outbox.queue(account.email, "api_token_created", related=f"account:{account.id}",
                     account=account, name=name, prefix=token[:SHOWN])
    return token


def revoke(account: Account, token_id: int) -> ApiToken | None:
    """Revoke one of the account's tokens (None: not its token). Revoking twice changes nothing."""
    with db.database.atomic():
        token = owned(account, token_id)
        if token is None or not token.active:
            return token
        changed = (ApiToken.update(revoked_at=utcnow())
                   .where(ApiToken.id == token.id, ApiToken.revoked_at.is_null()).execute())
        if changed:
            outbox.queue(account.email, "api_token_revoked", related=f"account:{account.id}",
                         account=account, name=token.name, prefix=token.prefix)
        return ApiToken.get_by_id(token.id)


def _bearer(header: str | None) -> str | None:
    """The token of an `Authorization: Bearer psn_…` header, None without one."""
    scheme, _, token = (header or "").partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token.startswith(PREFIX) else None


def fingerprint(header: str | None) -> str | None:
    """The digest of the header's token (valid or not), None without one: what the API's rate
    limit counts by, without a query."""
    token = _bearer(header)
    return _digest(token) if token else None


def authenticate(header: str | None) -> Account | None:
    """The active account of an `Authorization: Bearer psn_…` header, or None (no header, unknown
    or revoked token, inactive account). Compares digests, which the database looks up by index."""
    digest = fingerprint(header)
    if digest is None:
        return None
    found = (ApiToken.select(ApiToken, Account).join(Account)
             .where(ApiToken.token_hash == digest, ApiToken.revoked_at.is_null())
             .first())
    if found is None or not found.account.active:
        return None
    now = utcnow()
    if found.last_used_at is None or (now - found.last_used_at).total_seconds() > TOUCH_EVERY:
        ApiToken.update(last_used_at=now).where(ApiToken.id == found.id).execute()
    return found.account
