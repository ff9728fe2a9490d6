"""Sign-in, sign-out and passwords (open to anybody; the password change and the secret question
need a signed-in account, said on those two views)."""
from portal.blueprints.auth.routes import bp  # noqa: F401
