"""Shared extension objects, bound to the app in create_app()."""
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_mail import Mail
from flask_wtf import CSRFProtect
from peewee import DatabaseProxy
from playhouse.db_url import connect as db_url_connect
from playhouse.flask_utils import FlaskDB

db = FlaskDB()
# A proxy, so that models can be declared before an app (and its database URL) exists.
db.database = DatabaseProxy()
csrf = CSRFProtect()
mail = Mail()
# Per-IP limits on the doors worth guessing at (sign-in, forgotten identifiant or password).
# Behind a reverse proxy, wrap the WSGI app in werkzeug's ProxyFix so that the client's address
# is the one limited.
limiter = Limiter(key_func=get_remote_address)

SQLITE_PRAGMAS = {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 5000,
                  "synchronous": "normal"}


def open_database(url: str):
    if url.startswith("sqlite"):
        # Every transaction (atomic(), transaction()) begins IMMEDIATE: it takes the write lock
        # at once, waiting its turn (busy_timeout), rather than reading first and then failing
        # to upgrade its read lock when another connection wrote meanwhile.
        return db_url_connect(url, pragmas=SQLITE_PRAGMAS, lock_type="IMMEDIATE")
    return db_url_connect(url)


def init_limiter(app) -> None:
    """Redis when REDIS_URL is set (limits shared by every worker), memory otherwise (and while
    Redis is unreachable); off in tests unless a test turns RATELIMIT_ENABLED on."""
    app.config.setdefault("RATELIMIT_ENABLED", not app.testing)
    app.config.setdefault("RATELIMIT_STORAGE_URI", app.config.get("REDIS_URL") or "memory://")
    # Redis down: the limits count in this process's memory meanwhile, rather than every limited
    # door (sign-in…) answering 500; Redis is tried again now and then.
    app.config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)
    limiter.init_app(app)
