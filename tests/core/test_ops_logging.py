"""Every unexpected error is logged with its traceback and the request id the user is shown."""
import json
import logging


from portal import create_app
from tests.helpers.enrolment import HTMX
from tests.helpers.pages import html


def _production_like(app, **config):
    """The app as it runs in production: not in testing mode, so errors are not propagated."""
    settings = {**app.config, "TESTING": False, "CAPTCHA_TEST_ANSWER": None, **config}
    live = create_app(settings)

    @live.get("/panne")
    def broken():
        raise ZeroDivisionError("division par zéro dans le calcul")
    return live


def test_a_500_is_logged_with_its_traceback_and_the_reference_shown(app, caplog):
    live = _production_like(app)
    with caplog.at_level(logging.INFO, logger="portal"):
        response = live.test_client().get("/panne")
    assert response.status_code == 500
    request_id = response.headers["X-Request-ID"]
    assert len(request_id) >= 12
    page = html(response)
    assert page.find("h1").get_text(strip=True) == "Erreur inattendue"
    assert f"Référence de l'erreur : {request_id}" in page.get_text(" ", strip=True)
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1
    logged = errors[0]
    assert request_id in logged.getMessage() and "/panne" in logged.getMessage()
    assert logged.exc_info and logged.exc_info[0] is ZeroDivisionError
    text = caplog.text
    assert "Traceback" in text and "division par zéro dans le calcul" in text


def test_htmx_alert_of_a_500_carries_the_reference(app, caplog):
    live = _production_like(app)
    response = live.test_client().get("/panne", headers=HTMX)
    body = response.get_data(as_text=True)
    assert response.status_code == 500 and "<html" not in body
    assert f"Référence de l'erreur : {response.headers['X-Request-ID']}" in body


def test_each_request_has_its_own_id(client):
    first, second = client.get("/"), client.get("/")
    assert first.headers["X-Request-ID"] != second.headers["X-Request-ID"]


def _json_lines(capsys):
    err = capsys.readouterr().err
    return [json.loads(line) for line in err.splitlines() if line.startswith("{")]


def test_json_logs_one_access_line_per_request_without_secrets(app, capsys):
    live = _production_like(app, LOG_FORMAT="json")
    client = live.test_client()
    capsys.readouterr()
    response = client.get("/connexion?next=/espace/&token=tres-secret")
    lines = [l for l in _json_lines(capsys) if l.get("logger") == "portal.access"]
    assert len(lines) == 1
    (line,) = lines
    assert line["method"] == "GET" and line["path"] == "/connexion" and line["status"] == 200
    assert line["request_id"] == response.headers["X-Request-ID"]
    assert line["account_id"] is None and isinstance(line["duration_ms"], (int, float))
    assert "tres-secret" not in json.dumps(line)


def test_json_error_line_holds_the_traceback(app, capsys):
    live = _production_like(app, LOG_FORMAT="json")
    capsys.readouterr()
    response = live.test_client().get("/panne")
    (error,) = [l for l in _json_lines(capsys) if l["level"] == "ERROR"]
    assert error["request_id"] == response.headers["X-Request-ID"]
    assert "ZeroDivisionError: division par zéro" in error["exception"]
    assert "Traceback" in error["exception"]


def test_the_id_of_a_trusted_proxy_is_kept_and_a_strangers_is_not(app):
    forwarded = {"X-Request-ID": "a1b2c3d4e5f6a7b8c9d0"}  # nginx's $request_id
    behind = create_app({**app.config, "TRUSTED_PROXIES": 1}).test_client()
    assert behind.get("/", headers=forwarded).headers["X-Request-ID"] == forwarded["X-Request-ID"]
    direct = create_app({**app.config}).test_client()
    assert direct.get("/", headers=forwarded).headers["X-Request-ID"] != forwarded["X-Request-ID"]
