"""The test client every test uses: on each GET answered with a whole HTML page it checks what
every page must be — unique ids, one h1, and forms whose action is a route of the portal for the
form's method. A fragment (no <html>) is left alone: its page was checked when drawn whole."""
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from flask.testing import FlaskClient
from werkzeug.exceptions import MethodNotAllowed, NotFound


class _Parts(HTMLParser):
    """What page_problems looks at, read in one pass without building a tree (every GET of a
    whole page is checked: a tree for each was a tenth of the suite's time)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.h1, self.forms = [], 0, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id") is not None:
            self.ids.append(attrs["id"])
        if tag == "h1":
            self.h1 += 1
        elif tag == "form":
            self.forms.append(((attrs.get("method") or "get").upper(), attrs.get("action")))

    handle_startendtag = handle_starttag


def page_problems(app, body: str, url: str) -> list[str]:
    parts = _Parts()
    parts.feed(body)
    parts.close()
    problems = []
    doubles = sorted({name for name, n in Counter(parts.ids).items() if n > 1})
    if doubles:
        problems.append(f"ids en double : {doubles}")
    if parts.h1 != 1:
        problems.append(f"{parts.h1} h1 au lieu d'un seul")
    adapter = app.url_map.bind("localhost")
    for method, action in parts.forms:
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
