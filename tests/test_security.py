"""Doors every route shares: CSRF on every POST, staff pages closed to operators and anonymous."""
from urllib.parse import urlsplit

from werkzeug.routing import IntegerConverter

from portal.models.accounts import OPERATOR
from tests.accounts_helpers import make_account, signed_in


def _urls(app, method, prefix=""):
    """Every rule answering `method`, its arguments filled with plausible values."""
    adapter = app.url_map.bind("localhost")
    for rule in app.url_map.iter_rules():
        if method not in rule.methods or rule.endpoint == "static":
            continue
        values = {name: 1 if isinstance(converter, IntegerConverter) else "x"
                  for name, converter in rule._converters.items()}
        url = adapter.build(rule.endpoint, values, method=method)
        if url.startswith(prefix):
            yield url


def test_every_post_without_csrf_token_is_refused(app, client):
    urls = list(_urls(app, "POST"))
    assert len(urls) >= 8
    for url in urls:
        response = client.post(url, data={"x": "1"})
        assert response.status_code == 400, url


def test_every_staff_url_is_closed_to_operators_and_anonymous(app):
    urls = list(_urls(app, "GET", "/gestion"))
    assert len(urls) >= 5
    anonymous = app.test_client()
    operator = signed_in(app.test_client(), make_account(app, OPERATOR))
    for url in urls:
        assert operator.get(url).status_code in (403, 404), url
        response = anonymous.get(url)
        assert response.status_code == 303, url
        assert urlsplit(response.headers["Location"]).path == "/connexion", url
