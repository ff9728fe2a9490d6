"""The Python helpers a table calls per row (portal/templating.py) write what a macro and
url_for wrote: the same badge, the same URLs."""
from flask import url_for
from markupsafe import Markup

from portal.templating import status_badge, url_maker

VALUES = ["FINMSS000123-M0", "FINMSS000123-M1", "a_b.c~d", "0", "with space", "é", "x/y",
          "50%", "?q=1", "#top", "<b>", 42]


def test_a_status_badge_is_coloured_by_status_and_escapes_its_label():
    assert status_badge("decided", "Décidée") == Markup(
        '<p class="fr-badge fr-badge--sm fr-badge--success fr-badge--no-icon">Décidée</p>')
    assert status_badge("unknown", "<b>") == Markup(
        '<p class="fr-badge fr-badge--sm fr-badge--info fr-badge--no-icon">&lt;b&gt;</p>')
    assert status_badge("to_modify", Markup("<i>A modifier</i>")).endswith(
        "fr-badge--warning fr-badge--no-icon\"><i>A modifier</i></p>")


def test_url_maker_builds_what_url_for_builds(app):
    with app.test_request_context("/", base_url="https://portail.example/sous-chemin/"):
        show = url_maker("operator.funding.show", "funding_number")
        assert show("FINMSS000123-M0") == "/sous-chemin/espace/financement/FINMSS000123-M0"
        for value in VALUES:
            assert show(value) == url_for("operator.funding.show", funding_number=value), value


def test_url_maker_falls_back_to_url_for_when_the_key_is_not_the_last_segment(app):
    with app.test_request_context("/"):
        done = url_maker("operator.enrolments.deposit_done", "number")  # /<number>/depot/termine
        page = url_maker("operator.funding.request_page", "enrolement")  # a query argument
        for value in VALUES:
            assert done(value) == url_for("operator.enrolments.deposit_done", number=value), value
            assert page(value) == url_for("operator.funding.request_page", enrolement=value)
