"""Rate limits and quotas on, for the tests that check them (RATELIMIT_ENABLED is off in tests)."""
from portal.extensions import limiter


def enable_limits(app, **settings):
    """Turn the app's rate limits and quotas on, counted afresh in memory (unless the settings
    name another RATELIMIT_STORAGE_URI), with these settings (before the app's first request)."""
    app.config.update({"RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": "memory://", **settings})
    limiter.init_app(app)
    return app


def from_address(client, address: str):
    """Make the test client's next requests come from this IP address."""
    client.environ_base["REMOTE_ADDR"] = address
    return client
