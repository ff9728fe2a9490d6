"""Sign-in, sign-out and passwords. Thin views: form → portal.services.account.sign_in → page or redirect.

The forms post as whole pages (no hx-post): after them the whole page changes (the header shows who
is signed in), the brute-force refusal is a page of its own, and password managers see a real
submission. Each page still answers htmx partial requests with its named block.
"""
import time

from flask import Blueprint, abort, current_app, flash, g, request, url_for

from portal import auth
from portal.extensions import limiter
from portal.forms import refuse_too_long
from portal.forms.auth import (ChangePasswordForm, ForgotPasswordForm, ForgotUidForm,
                               NewPasswordForm, SecretQuestionForm, SignInForm)
from portal.htmx import render, see_other
from portal.services.core import links
from portal.services.account import sign_in as rules
from portal.services.account.accounts import PASSWORD_RULES
from portal.services.core.errors import Refused

bp = Blueprint("auth", __name__)


def _limit(key: str, default: str):
    """A per-IP limit read from the config (tests set it low), applied to POST only."""
    return limiter.limit(lambda: current_app.config.get(key, default), methods=["POST"])


def _page(template: str, status: int = 200, errors=None, **context):
    return render(f"auth/{template}.html", "auth", status=status, errors=errors or {},
                  password_rules=PASSWORD_RULES, **context)


def _go(url: str):
    return see_other(url, whole_page=True)


@bp.route("/connexion", methods=["GET", "POST"])
@_limit("SIGN_IN_RATE_LIMIT", "20 per minute")
def sign_in():
    wanted = rules.safe_next(request.args.get("next"))
    if g.account is not None and request.method == "GET":
        return _go(rules.next_url(g.account, wanted))
    form = SignInForm()
    context = dict(form=form, action=url_for("auth.sign_in", next=wanted),
                   expired=request.args.get("expiree") == "1")
    if request.method == "GET":
        return _page("sign_in", **context)
    try:
        refuse_too_long(form)
        account = rules.authenticate(form.data, request.remote_addr or "")
    except Refused as refusal:
        if "locked" not in refusal.facts:  # a field left empty
            return _page("sign_in", 422, refusal.errors, **context)
        response = _page("sign_in", 429 if refusal.locked else 422, refusal=refusal, **context)
        if refusal.locked:
            response.headers["Retry-After"] = str(refusal.retry_after)
        return response
    auth.login(account)
    return _go(rules.next_url(account, wanted))


@bp.post("/deconnexion")
def logout():
    auth.logout()
    flash("Vous êtes déconnecté.", "info")
    return _go(url_for("auth.sign_in"))


def _mail_door(template: str, form, send, notice: str):
    """A door that mails a reminder or a link: the same neutral notice whether the account exists
    or not; only the form's own mistakes are said."""
    if request.method == "POST":
        try:
            refuse_too_long(form)
            send(form.data)
        except Refused as refusal:
            return _page(template, 422, refusal.errors, form=form)
        flash(notice, "info")
        return _go(url_for("auth.sign_in"))
    return _page(template, form=form)


@bp.route("/identifiant-oublie", methods=["GET", "POST"])
@_limit("ACCOUNT_MAIL_RATE_LIMIT", "5 per minute")
def forgot_uid():
    return _mail_door("forgot_uid", ForgotUidForm(), rules.send_uid_reminder,
                      "Si cette adresse électronique est celle d'un compte du portail, votre "
                      "identifiant vient de vous être envoyé : consultez votre messagerie.")


@bp.route("/mot-de-passe-oublie", methods=["GET", "POST"])
@_limit("ACCOUNT_MAIL_RATE_LIMIT", "5 per minute")
def forgot_password():
    return _mail_door("forgot_password", ForgotPasswordForm(), rules.send_reset_link,
                      "Si cet identifiant et cette adresse électronique sont ceux d'un compte du "
                      "portail, un lien pour choisir un nouveau mot de passe vient de vous être "
                      "envoyé : consultez votre messagerie.")


@bp.route("/mot-de-passe/<purpose>/<token>", methods=["GET", "POST"])
@_limit("SIGN_IN_RATE_LIMIT", "20 per minute")
def set_password(purpose, token):
    if purpose not in rules.PURPOSES:
        abort(404)
    link = rules.find_link(purpose, token)
    if link is None:
        return _page("link_invalid", 410, message=links.INVALID)
    form = NewPasswordForm()
    context = dict(form=form, purpose=purpose, account=link.account,
                   question=link.account.secret_question
                   if rules.asks_secret_question(purpose, link.account) else None)
    if request.method == "GET":
        return _page("set_password", **context)
    try:
        refuse_too_long(form)
        done = rules.set_password_with_link(link, purpose, form.data)
    except Refused as refusal:
        return _page("set_password", 422, refusal.errors, **context)
    if not done:
        return _page("link_invalid", 410, message=rules.TOO_MANY_ANSWERS)
    auth.logout()
    flash("Votre mot de passe est enregistré : connectez-vous avec votre identifiant et ce mot "
          "de passe.", "success")
    return _go(url_for("auth.sign_in"))


@bp.route("/changement-mot-de-passe", methods=["GET", "POST"])
@auth.login_required()
def change_password():
    form = ChangePasswordForm()
    if request.method == "GET":
        return _page("change_password", form=form)
    try:
        refuse_too_long(form, locked=False)
        rules.change_password(g.account, form.data)
    except Refused as refusal:
        if not refusal.locked:
            return _page("change_password", 422, refusal.errors, form=form)
        notice = rules.locked_notice(g.account)
        auth.logout()
        flash(notice, "error")
        return _go(url_for("auth.sign_in"))
    auth.keep_signed_in(g.account)
    flash("Votre mot de passe a été modifié.", "success")
    return _go(rules.next_url(g.account))


@bp.route("/question-secrete", methods=["GET", "POST"])
@auth.login_required()
def secret_question():
    if g.account.must_change_password or g.account.secret_question:
        return _go(rules.next_url(g.account))
    form = SecretQuestionForm()
    if request.method == "GET":
        return _page("secret_question", form=form)
    try:
        refuse_too_long(form)
        rules.set_secret_question(g.account, form.data)
    except Refused as refusal:
        return _page("secret_question", 422, refusal.errors, form=form)
    flash("Votre question secrète est enregistrée : elle vous sera posée si vous demandez un "
          "nouveau mot de passe.", "success")
    return _go(rules.next_url(g.account))


@bp.errorhandler(429)
def too_many_attempts(error):
    current = limiter.current_limit
    wait = max(1, int(current.reset_at - time.time())) if current else 60
    response = _page("too_many", 429, minutes=max(1, round(wait / 60)))
    response.headers["Retry-After"] = str(wait)
    return response
