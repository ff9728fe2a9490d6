"""The one configuration loader of the app and of the worker (portal/tasks.py): the defaults,
overridden by instance/config.py, overridden by the environment."""
import os

from flask import Config

ENV_KEYS = (
    "SECRET_KEY", "DATABASE_URL", "REDIS_URL", "MAIL_SERVER", "MAIL_PORT", "MAIL_USE_TLS",
    "MAIL_USE_SSL", "MAIL_USERNAME", "MAIL_PASSWORD", "MAIL_DEFAULT_SENDER", "SUPPORT_EMAIL",
    "UPLOAD_DIR", "CAPTCHA_TEST_ANSWER", "PORTAL_DEMO",
    "LOG_FORMAT", "TRUSTED_PROXIES", "HEALTH_MIN_FREE_MB", "WORKER_HEARTBEAT_MAX_AGE",
    "SIGN_IN_RATE_LIMIT", "ACCOUNT_MAIL_RATE_LIMIT", "SESSION_COOKIE_SECURE",
    "CLAMD_ADDRESS", "CLAMD_FAIL_OPEN", "CLAMD_TIMEOUT",
    "LEGAL_PUBLISHER", "LEGAL_PUBLISHER_ADDRESS", "LEGAL_DIRECTOR", "LEGAL_HOST", "DPO_EMAIL",
    "DATABASE_POOL_SIZE", "DATABASE_POOL_STALE_TIMEOUT",
)
BOOLEAN_KEYS = {"MAIL_USE_TLS", "MAIL_USE_SSL", "PORTAL_DEMO", "SESSION_COOKIE_SECURE",
                "CLAMD_FAIL_OPEN"}
INTEGER_KEYS = {"MAIL_PORT", "TRUSTED_PROXIES", "HEALTH_MIN_FREE_MB", "WORKER_HEARTBEAT_MAX_AGE",
                "CLAMD_TIMEOUT", "DATABASE_POOL_SIZE", "DATABASE_POOL_STALE_TIMEOUT"}


def defaults(instance_path: str) -> dict:
    return {
        "SECRET_KEY": None,
        "DATABASE_URL": "sqlite:///" + os.path.join(instance_path, "portal.sqlite3"),
        # Database connections kept open per process (PostgreSQL and SQLite), at least gunicorn's
        # threads per worker (scripts/gunicorn.conf.py sets threads + 1); closed after 300 s.
        "DATABASE_POOL_SIZE": 5,
        "DATABASE_POOL_STALE_TIMEOUT": 300,
        "REDIS_URL": None,
        "MAIL_SERVER": None,
        "MAIL_PORT": 25,
        "MAIL_USE_TLS": False,
        "MAIL_USE_SSL": False,
        "MAIL_DEFAULT_SENDER": "Portail Ségur Numérique <ne-pas-repondre@segur-mss.localhost>",
        "SUPPORT_EMAIL": "assistance@segur-mss.localhost",
        # The legal pages (mentions légales, données personnelles): what a self-hosting team adapts.
        "LEGAL_PUBLISHER": "Agence de Services et de Paiement (ASP)",
        "LEGAL_PUBLISHER_ADDRESS": "2 rue du Maupas, 87040 Limoges Cedex 1",
        "LEGAL_DIRECTOR": "le président-directeur général de l'ASP",
        "LEGAL_HOST": "Agence de Services et de Paiement, 2 rue du Maupas, 87040 Limoges Cedex 1",
        "DPO_EMAIL": "dpo@segur-mss.localhost",
        "UPLOAD_DIR": os.path.join(instance_path, "uploads"),
        "MAX_CONTENT_LENGTH": 30 * 1024 * 1024,
        "CAPTCHA_TEST_ANSWER": None,
        "PORTAL_DEMO": False,
        "CLAMD_ADDRESS": None,  # « host:port » or a unix socket path: uploads scanned by clamd
        "CLAMD_FAIL_OPEN": False,  # clamd down: refuse uploads (False) or keep them unscanned
        "CLAMD_TIMEOUT": 10,
        "HUEY_IMMEDIATE": False,
        "WTF_CSRF_TIME_LIMIT": None,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": None,  # None: on, except in tests and demo mode (http://localhost)
        "SESSION_IDLE_MINUTES": 30,
        "PERMANENT_SESSION_LIFETIME": 12 * 3600,
        # The cookie is sent again when the session changes (portal/auth.py: once a minute of
        # activity at most), not re-signed on every answer.
        "SESSION_REFRESH_EACH_REQUEST": False,
        "SEND_FILE_MAX_AGE_DEFAULT": 365 * 24 * 3600,
        "HEADER_LOGOS": [],
        "LOG_FORMAT": "text",  # or "json": one JSON object a line (access and errors)
        "TRUSTED_PROXIES": 0,  # reverse proxies in front (ProxyFix): their X-Forwarded-* believed
        "HEALTH_MIN_FREE_MB": 500,  # /sante/pret: free space wanted on UPLOAD_DIR's disk
        "WORKER_HEARTBEAT_MAX_AGE": 300,  # /sante/pret: seconds since the worker's last signal
        "PASSWORD_HASH_METHOD": "scrypt",  # werkzeug's cost; tests use a cheap "scrypt:1024:8:1"  # [(file of instance/logos/, alternative text), …]
        # Quotas on what an anonymous visitor makes the server store or send (per IP address).
        "DRAFTS_PER_IP_LIMIT": "20 per hour",  # wizard drafts started
        "UPLOAD_MB_PER_IP_PER_HOUR": 100,  # uploaded files, all forms together
        "DRAFT_MAX_MB": 40,  # the files of one wizard draft together
        "ABANDONED_DRAFT_HOURS": 48,  # a draft never past step 1 is purged after this
        "KEPT_FILE_HOURS": 24,  # a file kept across a refused form, never attached, is purged
        "RESUME_LINK_DRAFT_LIMIT": "5 per day",
        "RESUME_LINK_IP_LIMIT": "20 per day",
        "RESUME_LINK_RECIPIENT_LIMIT": "5 per day",
        "CAPTCHA_RATE_LIMIT": "60 per minute",  # captcha images and sounds
        "SUPPORT_RATE_LIMIT": "20 per hour",  # « Contacter l'assistance » sent
        "SIRET_LOOKUP_RATE_LIMIT": "30 per hour",  # the wizard's « Rechercher » of a SIRET
        "WIZARD_SUBMIT_RATE_LIMIT": "10 per hour",  # the wizard's final submission
        "API_RATE_LIMIT": "120 per minute",  # calls of the JSON API, per token
    }


def instance_path() -> str:
    """instance/ beside the package: Flask's instance folder of this app."""
    return os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "instance")


def load(instance: str | None = None) -> Config:
    """defaults <- instance/config.py <- environment."""
    instance = instance or instance_path()
    config = Config(instance, defaults(instance))
    config.from_pyfile("config.py", silent=True)
    from_environment(config)
    return config


def from_environment(config) -> None:
    for key in ENV_KEYS:
        value = os.environ.get(key)
        if value is None or value == "":
            continue
        if key in BOOLEAN_KEYS:
            config[key] = value.lower() in ("1", "true", "yes", "on")
        elif key in INTEGER_KEYS:
            config[key] = int(value)
        else:
            config[key] = value
