"""Page or fragment from one URL (see DESIGN.md).

A normal request, a boosted request and a history restore get the whole page; a partial htmx
request gets only the named block, rendered by jinja2-fragments. We do not use htmx-flask
(unmaintained); this helper is all we need of it.
"""
from flask import make_response, render_template, request
from jinja2_fragments.flask import render_block

VARY = "HX-Request, HX-Boosted, HX-History-Restore-Request, HX-Request-Type"


def is_htmx() -> bool:
    return request.headers.get("HX-Request") == "true"


def wants_fragment() -> bool:
    if not is_htmx():
        return False
    if request.headers.get("HX-Boosted") == "true":
        return False
    if request.headers.get("HX-History-Restore-Request") == "true":
        return False
    # htmx 4 says it outright; "full" means a whole page is expected.
    return request.headers.get("HX-Request-Type", "partial") != "full"


def render(template: str, block: str | None = None, status: int = 200, **context):
    """Render `block` of `template` for a partial htmx request, the whole page otherwise."""
    if block and wants_fragment():
        body = render_block(template, block, **context)
    else:
        body = render_template(template, **context)
    response = make_response(body, status)
    response.headers["Vary"] = VARY
    return response
