"""Captcha image, audio alternative and a fresh code, for any form that shows one."""
from flask import Blueprint, abort

from portal.htmx import render
from portal.services.core import captcha
from portal.services.core.quotas import per_ip

bp = Blueprint("captcha", __name__, url_prefix="/captcha")
NO_STORE = {"Cache-Control": "no-store"}


@bp.get("/<token>.png")
@per_ip("CAPTCHA_RATE_LIMIT", shared_scope="captcha")
def image(token):
    if captcha.answer_of(token) is None:
        abort(404)
    return captcha.image(token), 200, {"Content-Type": "image/png", **NO_STORE}


@bp.get("/<token>.wav")
@per_ip("CAPTCHA_RATE_LIMIT", shared_scope="captcha")
def audio(token):
    if captcha.answer_of(token) is None:
        abort(404)
    return captcha.audio(token), 200, {"Content-Type": "audio/wav", **NO_STORE}


@bp.get("/nouveau/<field_id>")
def fresh(field_id):
    """A new code, swapped in place of the old one."""
    return render("components/captcha_fragment.html", "captcha", token=captcha.new_token(),
                  field_id=field_id[:40], errors={})
