"""« Mon compte » › « Gérer mes jetons d'API »: the tokens with which a supplier's software files
JSON requests by HTTP. A new token is shown once, in the answer to its creation (no redirect: it
is never stored, nor put in a URL or the session); revoking asks for a confirmation."""
from flask import Blueprint, abort, flash, g, request, url_for

from portal.forms import refuse_too_long
from portal.forms.operator.account import ApiTokenForm
from portal.htmx import render, see_other
from portal.services.account import api_tokens
from portal.services.core.errors import Refused

bp = Blueprint("api_tokens", __name__, url_prefix="/mon-compte/jetons-api")
PAGE = "operator/account/api_tokens.html"


def _page(form, errors=None, token=None, status=200):
    return render(PAGE, "tokens", status=status, form=form, errors=errors or {}, new_token=token,
                  tokens=api_tokens.listed(g.account))


@bp.route("/", methods=["GET", "POST"], endpoint="index")
def index():
    if request.method == "GET":
        return _page(ApiTokenForm(formdata=None))
    form = ApiTokenForm()
    try:
        refuse_too_long(form)
        token = api_tokens.create(g.account, form.name.data)
    except Refused as exc:
        return _page(form, exc.errors, status=422)
    return _page(ApiTokenForm(formdata=None), token=token, status=201)


@bp.route("/<int:token_id>/revoquer", methods=["GET", "POST"], endpoint="revoke")
def revoke(token_id):
    token = api_tokens.owned(g.account, token_id)
    if token is None:
        abort(404)
    if request.method == "GET":
        return render("operator/account/api_token_revoke.html", token=token)
    api_tokens.revoke(g.account, token_id)
    flash(f"Le jeton « {token.name} » est révoqué : il ne permet plus aucun dépôt.", "success")
    return see_other(url_for("operator.api_tokens.index"), whole_page=True)
