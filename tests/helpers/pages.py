"""The test client every test uses: on each GET answered with a whole HTML page it checks what
every page must be — unique ids, one h1, and forms whose action is a route of the portal for the
form's method. A fragment (no <html>) is left alone: its page was checked when drawn whole."""
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from flask.testing import FlaskClient
from werkzeug.exceptions import MethodNotAllowed, NotFound


def page_problems(app, body: str, url: str) -> list[str]:
    soup = BeautifulSoup(body, "html.parser")
    problems = []
    ids = [tag["id"] for tag in soup.select("[id]")]
    doubles = sorted({name for name in ids if ids.count(name) > 1})
    if doubles:
        problems.append(f"ids en double : {doubles}")
    h1 = soup.find_all("h1")
    if len(h1) != 1:
        problems.append(f"{len(h1)} h1 au lieu d'un seul")
    adapter = app.url_map.bind("localhost")
    for form in soup.find_all("form"):
        method = (form.get("method") or "get").upper()
        action = form.get("action")
        path = urlsplit(action).path if action else urlsplit(url).path
        try:
            adapter.match(path, method=method)
        except (NotFound, MethodNotAllowed):
            problems.append(f"formulaire {method} vers {action!r} : aucune route")
    return problems


class PageClient(FlaskClient):
    def open(self, *args, **kwargs):
        response = super().open(*args, **kwargs)
        request = response.request
        if (request.method == "GET" and response.status_code == 200
                and response.mimetype == "text/html"):
            body = response.get_data(as_text=True)
            if "<html" in body:
                problems = page_problems(self.application, body, request.path)
                assert not problems, f"{request.path} : " + " ; ".join(problems)
        return response


def html(response):
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")
