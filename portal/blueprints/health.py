"""For a load balancer: /sante answers while the process is up (no database, no session),
/sante/pret says whether this host can serve (200) or not (503), check by check."""
from flask import Blueprint, current_app, jsonify

from portal.extensions import db
from portal.services.core import health

bp = Blueprint("health", __name__, url_prefix="/sante")
ENDPOINTS = ("health.alive", "health.ready")  # the database is not opened for them


@bp.teardown_request
def close_database(_error):
    """A session cookie makes auth read the account (peewee connects on demand): close that
    connection, which the per-request hook skipped for these endpoints."""
    if not db.database.is_closed():
        db.database.close()


@bp.get("")
def alive():
    return jsonify(status="ok")


@bp.get("/pret")
def ready():
    report = health.readiness(current_app.config)
    return jsonify(report), 200 if report["status"] == "ok" else 503
