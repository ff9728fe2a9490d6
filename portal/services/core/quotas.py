"""Quotas on what an anonymous visitor can make the server store or send (drafts, uploaded bytes,
mails), counted in the rate limiter's storage: Redis when REDIS_URL is set, so that every app
process counts together; memory otherwise. Off with the limiter (RATELIMIT_ENABLED, off in tests
unless a test turns it on).

A quota is a setting: a limit string of the `limits` library (« 20 per hour », « 5 per day »).
Byte quotas are settings in Mo, counted in bytes over an hour."""
import logging

from flask import current_app
from flask_limiter.util import get_remote_address
from limits import RateLimitItem, RateLimitItemPerHour, parse

from portal.extensions import limiter

log = logging.getLogger(__name__)
MB = 1024 * 1024


def visitor() -> str:
    """The client's address, as the rate limiter sees it (behind ProxyFix when configured)."""
    return get_remote_address() or "unknown"


def limit_of(setting: str) -> RateLimitItem:
    return parse(str(current_app.config[setting]))


def megabytes_per_hour(setting: str) -> RateLimitItem:
    return RateLimitItemPerHour(int(float(current_app.config[setting]) * MB))


def take(*quotas: tuple, cost: int = 1) -> bool:
    """Count `cost` against each quota, given as (limit item, name, key…), unless one of them
    would go over: True when all are counted, False when refused (and then none is counted).
    A storage that does not answer lets the request through (the limiter's own fallback, if
    any, then takes over)."""
    if not limiter.enabled:
        return True
    try:
        strategy = limiter.limiter
        if not all(strategy.test(item, name, *key, cost=cost) for item, name, *key in quotas):
            return False
        for item, name, *key in quotas:
            strategy.hit(item, name, *key, cost=cost)
        return True
    except Exception:  # noqa: BLE001 - a quota must never turn a request into a 500
        log.warning("Quotas %s not counted: the limiter's storage did not answer",
                    [quota[1] for quota in quotas], exc_info=True)
        return True


def take_settings(*quotas: tuple, cost: int = 1) -> bool:
    """take() of quotas given as (setting, key…): the setting's limit string, counted under the
    setting's name."""
    return take(*((limit_of(setting), setting, *key) for setting, *key in quotas), cost=cost)


def per_ip(setting: str, shared_scope: str | None = None, **options):
    """A flask-limiter decorator for a view: the limit string of a setting, per client address
    (one count for every view given the same `shared_scope`); refused with the French 429 page."""
    def limit() -> str:
        return current_app.config[setting]
    if shared_scope:
        return limiter.shared_limit(limit, scope=shared_scope, **options)
    return limiter.limit(limit, **options)
