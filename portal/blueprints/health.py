"""For a load balancer: /sante answers while the process is up (no database, no session),
/sante/pret says whether this host can serve (200) or not (503), check by check."""
from flask import Blueprint, current_app, jsonify

from portal.services.core import health

bp = Blueprint("health", __name__, url_prefix="/sante")
ENDPOINTS = ("health.alive", "health.ready")  # the database is not opened for them


@bp.get("")
def alive():
    return jsonify(status="ok")


@bp.get("/pret")
def ready():
    report = health.readiness(current_app.config)
    return jsonify(report), 200 if report["status"] == "ok" else 503
