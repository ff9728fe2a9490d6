"""The logos of the header, which the hosting team sets: files of instance/logos/ listed in
instance/config.py as HEADER_LOGOS = [("asp.svg", "Agence de Services et de Paiement"), …]. The
portal ships none: they are the marks of their owners."""
import os

from flask import Blueprint, abort, current_app, send_from_directory

bp = Blueprint("branding", __name__)


def logos_folder() -> str:
    return os.path.join(current_app.instance_path, "logos")


@bp.get("/logos/<name>")
def logo(name):
    if name not in {file for file, _ in current_app.config.get("HEADER_LOGOS") or ()}:
        abort(404)
    return send_from_directory(logos_folder(), name, max_age=24 * 3600)
