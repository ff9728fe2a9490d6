"""TRUSTED_PROXIES: behind N proxies the rate limits count the client's address (from
X-Forwarded-For), never the proxy's; without it, X-Forwarded-For is not believed."""

from portal import create_app
from tests.helpers.auth import sign_in


def _limited(app, **config):
    return create_app({**app.config, "RATELIMIT_ENABLED": True,
                       "RATELIMIT_STORAGE_URI": "memory://",
                       "SIGN_IN_RATE_LIMIT": "2 per minute", **config}).test_client()


def _attempt(client, forwarded_for):
    client.environ_base["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return sign_in(client, "OP0000000", "Mauvais-mot-2026!").status_code


def test_behind_one_trusted_proxy_each_client_has_its_own_limit(app):
    client = _limited(app, TRUSTED_PROXIES=1)
    assert [_attempt(client, "198.51.100.1") for _ in range(3)] == [422, 422, 429]
    assert _attempt(client, "198.51.100.2") == 422  # another client behind the same proxy


def test_without_trusted_proxy_x_forwarded_for_is_not_believed(app):
    client = _limited(app)
    assert [_attempt(client, f"198.51.100.{n}") for n in range(1, 4)] == [422, 422, 429]


def test_trusted_proxies_is_read_from_the_environment(monkeypatch, tmp_path):
    from portal import config
    monkeypatch.setenv("TRUSTED_PROXIES", "2")
    assert config.load(str(tmp_path))["TRUSTED_PROXIES"] == 2
