"""/sante (the process answers) and /sante/pret (database, Redis when configured, worker
heartbeat, disk space of the upload folder) for a load balancer."""
import datetime
import socket

import pytest

from portal import create_app, tasks
from portal.extensions import db
from portal.models import WorkerHeartbeat
from portal.models.accounts import OPERATOR
from portal.models.base import utcnow
from tests.helpers.accounts import make_account, signed_in
from tests.helpers.enrolment import database


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nobody listens once closed


@pytest.fixture
def worker_app(app):
    """The app with a real worker expected (not huey's immediate mode of the tests)."""
    live = create_app({**app.config, "HUEY_IMMEDIATE": False})
    yield live
    tasks.configure(app)


def _beat(app, age_seconds=0):
    with database(app):
        WorkerHeartbeat.delete().execute()
        WorkerHeartbeat.create(name="huey", beat_at=utcnow() - datetime.timedelta(seconds=age_seconds))


def test_alive_is_tiny_without_database_nor_session(app, monkeypatch):
    def no_database():
        raise AssertionError("/sante must not open the database")
    monkeypatch.setattr(db.database.obj, "connect", no_database)
    response = app.test_client().get("/sante")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}
    assert "Set-Cookie" not in response.headers


def test_ready_when_everything_answers(worker_app):
    with database(worker_app):
        tasks.heartbeat.call_local()  # what the worker runs each minute
    response = worker_app.test_client().get("/sante/pret")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok"
    assert body["checks"] == {"database": "ok", "redis": "non configuré", "worker": "ok",
                              "disk": "ok"}
    assert "Set-Cookie" not in response.headers


def test_not_ready_when_redis_is_down(worker_app):
    _beat(worker_app)
    worker_app.config["REDIS_URL"] = f"redis://127.0.0.1:{_closed_port()}/0"
    response = worker_app.test_client().get("/sante/pret")
    assert response.status_code == 503
    body = response.get_json()
    assert body["status"] == "indisponible"
    assert body["checks"]["redis"].startswith("erreur") and body["checks"]["database"] == "ok"


def test_not_ready_when_the_worker_heartbeat_is_stale(worker_app):
    _beat(worker_app, age_seconds=3600)
    response = worker_app.test_client().get("/sante/pret")
    assert response.status_code == 503
    assert response.get_json()["checks"]["worker"].startswith("dernier signal il y a 3600 s")


def test_not_ready_when_the_worker_never_beat(worker_app):
    with database(worker_app):
        WorkerHeartbeat.delete().execute()
    response = worker_app.test_client().get("/sante/pret")
    assert response.status_code == 503
    assert response.get_json()["checks"]["worker"] == "aucun signal"


def test_not_ready_when_the_upload_disk_is_nearly_full(worker_app):
    _beat(worker_app)
    worker_app.config["HEALTH_MIN_FREE_MB"] = 10 ** 12  # more than any disk has
    response = worker_app.test_client().get("/sante/pret")
    assert response.status_code == 503
    assert response.get_json()["checks"]["disk"].startswith("espace libre insuffisant")


def test_not_ready_when_the_database_is_unreachable(app, tmp_path):
    broken = create_app({**app.config, "HUEY_IMMEDIATE": True,
                         "DATABASE_URL": "postgresql://nobody@127.0.0.1:%d/absent" % _closed_port()})
    response = broken.test_client().get("/sante/pret")
    assert response.status_code == 503
    assert response.get_json()["checks"]["database"].startswith("erreur")
    assert broken.test_client().get("/sante").status_code == 200
    tasks.configure(app)


def test_a_signed_in_browser_on_sante_leaves_no_connection_behind(app):
    """/sante skips the per-request connection; a session cookie still reads the account: the
    connection it opened must be closed, or the thread's next request fails."""
    client = signed_in(app.test_client(), make_account(app, OPERATOR))
    assert client.get("/sante").status_code == 200
    assert client.get("/espace/").status_code == 200
