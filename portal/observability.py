"""Request ids and logs: each request gets an id (sent back as X-Request-ID, shown on the error
page) that every log line of the request carries; unexpected errors are logged with their
traceback; with LOG_FORMAT=json, one JSON object a line, and one access line per request
(method, path without its query string, status, duration, request id, account id — never a
query string nor form data)."""
import datetime
import json
import logging
import re
import secrets
import time

from flask import current_app, g, has_request_context, request
from flask.logging import wsgi_errors_stream

ACCESS = logging.getLogger("portal.access")
# An id a trusted proxy gave (nginx's $request_id), kept so that both logs name the same request.
_FORWARDED_ID = re.compile(r"^[A-Za-z0-9._-]{8,128}$")
_RECORD_FIELDS = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


def request_id() -> str:
    """The current request's id, made on first use."""
    if "request_id" not in g:
        forwarded = request.headers.get("X-Request-ID", "")
        trusted = current_app.config.get("TRUSTED_PROXIES") and _FORWARDED_ID.match(forwarded)
        g.request_id = forwarded if trusted else secrets.token_hex(8)
    return g.request_id


def log_unexpected(error: BaseException) -> None:
    current_app.logger.error("Unexpected error on %s %s [request %s]", request.method,
                             request.path, request_id(), exc_info=error)


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = request_id() if has_request_context() else None
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record):
        line = {"time": datetime.datetime.fromtimestamp(record.created, datetime.timezone.utc)
                .isoformat(timespec="milliseconds"),
                "level": record.levelname, "logger": record.name, "message": record.getMessage(),
                "request_id": getattr(record, "request_id", None)}
        line.update({k: v for k, v in vars(record).items() if k not in _RECORD_FIELDS})
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def _configure_logging(app) -> None:
    """Outside tests: the portal's logs at INFO on the WSGI server's error stream (gunicorn's
    error log), as text or JSON."""
    logger = logging.getLogger("portal")
    for handler in [h for h in logger.handlers if getattr(h, "portal", False)]:
        logger.removeHandler(handler)
    if app.testing and app.config.get("LOG_FORMAT") != "json":
        return
    handler = logging.StreamHandler(wsgi_errors_stream)
    handler.portal = True
    handler.addFilter(RequestIdFilter())
    if app.config.get("LOG_FORMAT") == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter(
            "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def _start():
    g.request_started = time.perf_counter()
    request_id()


def _finish(response):
    response.headers["X-Request-ID"] = request_id()
    if current_app.config.get("LOG_FORMAT") == "json":
        account = g.get("account")
        ACCESS.info("%s %s %s", request.method, request.path, response.status_code, extra={
            "method": request.method, "path": request.path, "status": response.status_code,
            "duration_ms": round((time.perf_counter() - g.get("request_started", time.perf_counter()))
                                 * 1000, 1),
            "account_id": account.id if account else None,
            "remote_addr": request.remote_addr})
    return response


def register_observability(app) -> None:
    """Before every other before_request (the database's included), so that an id exists even
    when they fail."""
    _configure_logging(app)
    app.before_request(_start)
    app.after_request(_finish)
