"""The checks the test client makes on every whole page it gets (tests/helpers/pages.py)."""
import pytest

from tests.helpers.pages import page_problems

GOOD = """<html><body><h1 id="titre">Titre</h1>
<form method="post" action="/connexion"><input id="a"></form>
<form action="/faq"><input id="b"></form></body></html>"""


def test_a_good_page_has_no_problem(app):
    assert page_problems(app, GOOD, "/") == []


@pytest.mark.parametrize("body, problem", [
    (GOOD.replace('id="b"', 'id="a"'), "ids en double : ['a']"),
    (GOOD.replace("</body>", "<h1>Encore</h1></body>"), "2 h1 au lieu d'un seul"),
    (GOOD.replace('action="/faq"', 'action="/nulle-part"'), "formulaire GET vers '/nulle-part' : aucune route"),
    (GOOD.replace('method="post" action="/connexion"', 'method="post" action="/faq"'),
     "formulaire POST vers '/faq' : aucune route"),
])
def test_each_problem_is_named(app, body, problem):
    assert page_problems(app, body, "/") == [problem]


def test_the_client_refuses_a_whole_page_with_a_problem(app, client):
    @app.get("/deux-titres")
    def two_titles():
        return "<html><body><h1>Un</h1><h1>Deux</h1></body></html>"
    with pytest.raises(AssertionError, match="2 h1"):
        client.get("/deux-titres")
