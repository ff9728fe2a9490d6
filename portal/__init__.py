"""Portail Ségur Numérique — application factory."""
import os
import secrets

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from portal import config as portal_config, edge
from portal.extensions import csrf, db, init_limiter, mail, open_database


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    edge.install(app)  # input cleaned once: NUL and control characters, ids beyond 64 bits
    os.makedirs(app.instance_path, exist_ok=True)
    if test_config is None:
        app.config.from_mapping(portal_config.load(app.instance_path))
    else:
        app.config.from_mapping(portal_config.defaults(app.instance_path))
        app.config.update(test_config)
    _check_config(app)
    os.makedirs(app.config["UPLOAD_DIR"], exist_ok=True)

    from portal.observability import register_observability
    register_observability(app)  # first: a request id even when the database fails
    _behind_proxies(app)

    from portal.blueprints.health import ENDPOINTS as HEALTH_ENDPOINTS
    app.config.setdefault("FLASKDB_EXCLUDED_ROUTES", HEALTH_ENDPOINTS)
    app.config["DATABASE"] = open_database(app.config["DATABASE_URL"],
                                           app.config["DATABASE_POOL_SIZE"],
                                           app.config["DATABASE_POOL_STALE_TIMEOUT"])
    db.init_app(app)
    csrf.init_app(app)
    mail.init_app(app)
    init_limiter(app)

    from portal import tasks
    tasks.configure(app)

    from portal.auth import register_auth
    register_auth(app)

    from portal.blueprints import register_blueprints
    register_blueprints(app)

    from portal.cli import register_cli
    register_cli(app)

    from portal.templating import register_templating
    register_templating(app)

    from portal.errors import register_errors
    register_errors(app)

    from portal.security_headers import register_security_headers
    register_security_headers(app)

    from portal.compression import register_compression
    register_compression(app)

    from portal.static_files import register_static_files
    register_static_files(app)  # last: the outermost WSGI layer, static never reaches Flask
    return app


def _behind_proxies(app: Flask) -> None:
    """TRUSTED_PROXIES reverse proxies in front: the client's address, scheme and host are the
    ones they forward (so that rate limits count clients, not the proxy)."""
    proxies = int(app.config.get("TRUSTED_PROXIES") or 0)
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)


def _check_config(app: Flask) -> None:
    if not app.config.get("SECRET_KEY"):
        if app.testing or app.config.get("PORTAL_DEMO"):
            app.config["SECRET_KEY"] = secrets.token_hex(32)
        else:
            raise RuntimeError("SECRET_KEY manquant : définissez-le dans instance/config.py "
                               "ou dans l'environnement.")
    if app.config.get("SESSION_COOKIE_SECURE") is None:
        app.config["SESSION_COOKIE_SECURE"] = not (app.testing or app.config.get("PORTAL_DEMO"))
    if app.config.get("CAPTCHA_TEST_ANSWER") and not (app.testing or app.config.get("PORTAL_DEMO")):
        raise RuntimeError("CAPTCHA_TEST_ANSWER n'est permis qu'en test ou en démonstration.")
