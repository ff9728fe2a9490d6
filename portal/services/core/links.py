"""Single-use mailed links: a signed token (itsdangerous) carrying a nonce, and a row that makes the
link usable once and until it expires (72 hours unless said otherwise)."""
import datetime
import secrets

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from portal.models import SingleUseLink
from portal.models.base import utcnow

SET_PASSWORD = "set_password"
RESET_PASSWORD = "reset_password"
UPLOAD_DOCUMENTS = "upload_documents"
LIFETIME = datetime.timedelta(hours=72)
INVALID = ("Ce lien n'est plus valable : il a déjà servi ou a expiré. Vous pouvez en demander un "
           "nouveau.")


def _serializer(purpose: str):
    return URLSafeSerializer(current_app.secret_key, salt="link-" + purpose)


def make(purpose: str, account=None, enrolment=None, lifetime=LIFETIME) -> str:
    """A new link's token; earlier unused links of the same purpose and owner stop working."""
    owner = (SingleUseLink.account == account) if account else (SingleUseLink.enrolment == enrolment)
    (SingleUseLink.update(used_at=utcnow())
     .where(SingleUseLink.purpose == purpose, owner, SingleUseLink.used_at.is_null()).execute())
    nonce = secrets.token_urlsafe(18)
    SingleUseLink.create(purpose=purpose, nonce=nonce, account=account, enrolment=enrolment,
                         expires_at=utcnow() + lifetime)
    return _serializer(purpose).dumps(nonce)


def find(purpose: str, token: str) -> SingleUseLink | None:
    """The link if its token is genuine, unused and not expired; None otherwise."""
    try:
        nonce = _serializer(purpose).loads(token)
    except BadSignature:
        return None
    link = SingleUseLink.get_or_none(SingleUseLink.purpose == purpose, SingleUseLink.nonce == nonce)
    if link is None or link.used_at is not None or link.expires_at < utcnow():
        return None
    return link


def spend(link: SingleUseLink) -> bool:
    """Mark the link used; False if another request used it first."""
    return bool(SingleUseLink.update(used_at=utcnow())
                .where(SingleUseLink.id == link.id, SingleUseLink.used_at.is_null()).execute())

