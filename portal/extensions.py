"""Shared extension objects, bound to the app in create_app()."""
import sqlite3

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_mail import Mail
from flask_wtf import CSRFProtect
from peewee import DatabaseProxy, SqliteDatabase
from playhouse.db_url import parse as parse_db_url
from playhouse.flask_utils import FlaskDB
from playhouse.pool import _PooledSqliteDatabase
from playhouse.postgres_ext import PooledPostgresqlExtDatabase

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


class PooledSqlite(_PooledSqliteDatabase, SqliteDatabase):
    """SQLite connections kept open across requests (opening one and setting its pragmas cost
    more than a simple query), each running `PRAGMA optimize` as it really closes (when older
    than the stale timeout), as SQLite advises: the statistics (ANALYZE) of the tables whose
    queries would gain from them are refreshed; it costs next to nothing otherwise."""

    def _close_raw(self, conn):
        try:
            conn.execute("PRAGMA optimize")
        except sqlite3.Error:  # busy past the timeout: the next close will do it
            pass
        super()._close_raw(conn)


def open_database(url: str, pool_size: int = 5, stale_timeout: int = 300):
    """The database of DATABASE_URL, through a pool of `pool_size` connections per process: a
    request takes one, FlaskDB's teardown gives it back (rolled back if a transaction was left
    open); one the server closed is replaced; one older than `stale_timeout` seconds is closed.
    A request finding every connection taken waits for one (10 s at most)."""
    options = parse_db_url(url)
    pool = {"max_connections": pool_size, "stale_timeout": stale_timeout, "timeout": 10}
    if url.startswith("sqlite"):
        # Every transaction (atomic(), transaction()) begins IMMEDIATE: it takes the write lock
        # at once, waiting its turn (busy_timeout), rather than reading first and then failing
        # to upgrade its read lock when another connection wrote meanwhile. A connection serves
        # one thread at a time, not always the one that opened it.
        return PooledSqlite(options.pop("database"), pragmas=SQLITE_PRAGMAS, lock_type="IMMEDIATE",
                            check_same_thread=False, **pool, **options)
    # The Ext class: the CSV export reads through a server-side cursor.
    return PooledPostgresqlExtDatabase(options.pop("database"), **pool, **options)


def init_limiter(app) -> None:
    """Redis when REDIS_URL is set (limits shared by every worker), memory otherwise (and while
    Redis is unreachable); off in tests unless a test turns RATELIMIT_ENABLED on."""
    app.config.setdefault("RATELIMIT_ENABLED", not app.testing)
    app.config.setdefault("RATELIMIT_STORAGE_URI", app.config.get("REDIS_URL") or "memory://")
    # Redis down: the limits count in this process's memory meanwhile, rather than every limited
    # door (sign-in…) answering 500; Redis is tried again now and then.
    app.config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)
    limiter.init_app(app)
