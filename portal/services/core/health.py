"""What a load balancer asks: is the process up (/sante), and can it serve (/sante/pret): the
database answers, Redis answers when REDIS_URL is set, a background worker gave a sign of life
recently, the upload folder's disk has room. Each check says "ok" or, in French, what is wrong."""
import datetime
import shutil
import socket

import redis
from peewee import fn

from portal.extensions import db
from portal.models.base import utcnow
from portal.models.ops import WorkerHeartbeat

OK = "ok"


def beat(name: str | None = None) -> None:
    """The worker's sign of life (a periodic task), one row per host."""
    now = utcnow()
    (WorkerHeartbeat.insert(name=name or socket.gethostname(), beat_at=now)
     .on_conflict(conflict_target=[WorkerHeartbeat.name], update={WorkerHeartbeat.beat_at: now})
     .execute())


def _error(exc: Exception) -> str:
    return f"erreur : {type(exc).__name__}"


def database() -> str:
    try:
        with db.database.connection_context():
            db.database.execute_sql("SELECT 1")
    except Exception as exc:  # noqa: BLE001 - any failure means "not ready"
        return _error(exc)
    return OK


def redis_server(url: str | None) -> str:
    if not url:
        return "non configuré"
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
        client.ping()
        client.close()
    except Exception as exc:  # noqa: BLE001
        return _error(exc)
    return OK


def worker(max_age: int) -> str:
    try:
        with db.database.connection_context():
            last = WorkerHeartbeat.select(fn.MAX(WorkerHeartbeat.beat_at)).scalar()
    except Exception as exc:  # noqa: BLE001
        return _error(exc)
    if last is None:
        return "aucun signal"
    if isinstance(last, str):  # SQLite's MAX() of a text column
        last = datetime.datetime.fromisoformat(last)
    age = int((utcnow() - last).total_seconds())
    return OK if age <= max_age else f"dernier signal il y a {age} s"


def disk(folder: str, min_free_mb: int) -> str:
    try:
        free_mb = shutil.disk_usage(folder).free // (1024 * 1024)
    except OSError as exc:
        return _error(exc)
    return OK if free_mb >= min_free_mb else f"espace libre insuffisant : {free_mb} Mo"


def readiness(config) -> dict:
    checks = {"database": database(), "redis": redis_server(config.get("REDIS_URL"))}
    if config.get("HUEY_IMMEDIATE"):  # tasks run inside the request: no worker to wait for
        checks["worker"] = "sans objet"
    else:
        checks["worker"] = worker(int(config["WORKER_HEARTBEAT_MAX_AGE"]))
    checks["disk"] = disk(config["UPLOAD_DIR"], int(config["HEALTH_MIN_FREE_MB"]))
    ready = all(value in (OK, "non configuré", "sans objet") for value in checks.values())
    return {"status": "ok" if ready else "indisponible", "checks": checks}
