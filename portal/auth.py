"""Who is signed in: the session holds the account id and the account's session version (a
session of an older version is closed: signing out and password changes bump it); sessions end
after inactivity. Each
blueprint package says who may see it with one guard (`bp.before_request(guard(ROLE))`); the few
signed-in views of a public package use @login_required()."""
import time
from functools import wraps

from flask import abort, current_app, g, redirect, request, session, url_for

from portal.htmx import is_htmx
from portal.models import Account

# Endpoints a signed-in account that must change its password may still reach.
FIRST_LOGIN_ENDPOINTS = {"auth.change_password", "auth.secret_question", "auth.logout", "static"}
# The last activity is rewritten once a minute at most: the session cookie is signed and sent
# again then, not on every request (SESSION_REFRESH_EACH_REQUEST is off); the idle limit holds to
# the minute.
SEEN_RESOLUTION = 60


def login(account: Account) -> None:
    session.clear()
    session.permanent = True
    session["account_id"] = account.id
    session["version"] = account.session_version
    session["seen"] = int(time.time())


def keep_signed_in(account: Account) -> None:
    """This session goes on after a change that bumped the account's session version (its own
    password change), the others end."""
    session["version"] = account.session_version


def logout() -> None:
    """End this session and every other one of the account (a captured cookie opens nothing)."""
    account_id = session.get("account_id")
    if account_id is not None:
        Account.update(session_version=Account.session_version + 1).where(
            Account.id == account_id).execute()
    session.clear()


def load_account() -> None:
    """before_app_request: g.account, or None; an idle session is closed."""
    g.account = None
    g.session_expired = False
    account_id = session.get("account_id")
    if account_id is None:
        return
    idle = time.time() - session.get("seen", 0)
    if idle > current_app.config["SESSION_IDLE_MINUTES"] * 60:
        session.clear()
        g.session_expired = True
        return
    account = _active_account(account_id)
    if account is None or account.session_version != session.get("version", 0):
        session.clear()
        return
    g.account = account
    now = int(time.time())
    if now - session.get("seen", 0) >= SEEN_RESOLUTION:
        session["seen"] = now


def _active_account(account_id: int) -> Account | None:
    """The active account of that id. Every request asks it: its SQL is built once per app,
    since peewee takes longer to build it (~1 ms) than the database to answer."""
    sql = current_app.extensions.get("active_account_sql")
    if sql is None:
        query = Account.select().where(Account.id == 0, Account.active == True)  # noqa: E712
        sql, params = query.limit(1).sql()
        assert params[:2] == [0, True], params  # the order _active_account passes them in
        sql = current_app.extensions["active_account_sql"] = (sql, params[2:])
    return next(iter(Account.raw(sql[0], account_id, True, *sql[1])), None)


def _to_sign_in():
    url = url_for("auth.sign_in", next=request.full_path if request.method == "GET" else None,
                  expiree=1 if g.get("session_expired") else None)
    if is_htmx():
        response = current_app.response_class(status=204)
        response.headers["HX-Redirect"] = url
        return response
    return redirect(url, 303)


def _refusal(roles):
    """None when the signed-in account may go on; else the answer: to sign in, 403, or to the
    password change an account must make first."""
    account = g.get("account")
    if account is None:
        return _to_sign_in()
    if roles and account.role not in roles:
        abort(403)
    if account.must_change_password and request.endpoint not in FIRST_LOGIN_ENDPOINTS:
        return redirect(url_for("auth.change_password"), 303)
    return None


def login_required(*roles):
    """The view needs a signed-in account, of one of `roles` if given (403 otherwise). An account
    whose password must change reaches nothing else first."""
    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            return _refusal(roles) or view(*args, **kwargs)
        return wrapper
    return decorator


def guard(*roles):
    """The before_request of a blueprint package: every view of it, and of the blueprints nested
    in it, needs a signed-in account of one of `roles` — a route added later cannot forget it."""
    def check():
        return _refusal(roles)
    return check


def register_auth(app) -> None:
    app.before_request(load_account)

    @app.context_processor
    def current_account():
        return {"current_account": g.get("account")}
