"""The single-use page where an operator deposits the documents a manager asked for (from the link
of the mail; no account needed). Thin views: the deposit service does the work."""
from functools import wraps

from flask import Blueprint, abort, g, redirect, request, session, url_for

from portal.htmx import render, see_other
from portal.models import Enrolment
from portal.services import deposit as deposits, enrolment_workflow as workflow
from portal.services.documents import TYPES

bp = Blueprint("deposit", __name__, url_prefix="/depot")
TEMPLATE = "deposit/page.html"
DONE = "deposit_done"


def with_deposit(view):
    """The deposit the link opens; a used or expired link gets a clear page (410)."""
    @wraps(view)
    def wrapper(token, *args, **kwargs):
        g.deposit = deposits.find(token)
        if g.deposit is None:
            return render("deposit/invalid.html", status=410)
        return view(token, *args, **kwargs)
    return wrapper


def show(token: str, errors=None, status: int = 200):
    deposit = g.deposit
    return render(TEMPLATE, "deposit", status=status, token=token, enrolment=deposit.enrolment,
                  doc_request=deposit.request, kinds=deposit.kinds, documents=deposit.documents(),
                  doc_types=TYPES, errors=errors or {})


@bp.route("/<token>", methods=["GET", "POST"])
@with_deposit
def page(token):
    if request.method == "GET":
        return show(token)
    errors = deposits.store_all(g.deposit, request.files)
    if errors:
        return show(token, errors, 422)
    try:
        outcome = deposits.finish(g.deposit)
    except workflow.WorkflowError as exc:
        return show(token, exc.errors, 422)
    session[DONE] = outcome.enrolment.number
    return see_other(url_for("deposit.done"), whole_page=True)


@bp.post("/<token>/document/<kind>")
@with_deposit
def upload(token, kind):
    if kind not in TYPES:
        abort(404)
    error = deposits.store(g.deposit, kind, request.files.get("doc_" + kind))
    return render("deposit/upload.html", "upload", status=422 if error else 200, token=token,
                  kind=kind, doc_types=TYPES, documents=g.deposit.documents(),
                  errors={"doc_" + kind: error} if error else {})


@bp.get("/termine")
def done():
    number = session.get(DONE)
    enrolment = Enrolment.get_or_none(Enrolment.number == number) if number else None
    if enrolment is None:
        return redirect(url_for("public.index"), 303)
    return render("deposit/done.html", enrolment=enrolment)
