"""Page or fragment from one URL (see DESIGN.md).

A normal request, a boosted request and a history restore get the whole page; a partial htmx
request gets only the named block, rendered by jinja2-fragments. We do not use htmx-flask
(unmaintained); this helper is all we need of it.
"""
import json

from flask import make_response, redirect, render_template, request
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


def see_other(url: str, target: str | None = None, whole_page: bool = False):
    """POST-redirect-GET: a 303 for a normal request. For htmx, a 204 with HX-Location: htmx gets
    `url` as a fragment, swaps it into `target` and pushes the URL; or, with `whole_page`, a
    204 with HX-Redirect, which loads a whole new page."""
    if not is_htmx():
        return redirect(url, 303)
    response = make_response("", 204)
    if whole_page:
        response.headers["HX-Redirect"] = url
    else:
        response.headers["HX-Location"] = json.dumps({"path": url, "target": target} if target
                                                     else {"path": url})
    return response
