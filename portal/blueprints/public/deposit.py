"""The single-use page where an operator deposits the documents a manager asked for (from the link
of the mail; no account needed). Thin views: the deposit service does the work. show(),
upload() and finish() serve the private space's deposit too (blueprints/enrolments.py)."""
from functools import wraps

from flask import Blueprint, abort, g, redirect, request, session, url_for

from portal.htmx import render, see_other
from portal.models import Enrolment
from portal.services.enrolment import corrections, deposit as deposits
from portal.forms import refuse_too_long
from portal.forms.public.wizard import CorrectionsForm
from portal.services.core.document_types import TYPES
from portal.services.core.errors import Refused

bp = Blueprint("deposit", __name__, url_prefix="/depot")
DONE = "deposit_done"


def with_deposit(view):
    """The deposit the link opens; a used or expired link gets a clear page (410)."""
    @wraps(view)
    def wrapper(token, *args, **kwargs):
        g.deposit = deposits.find(token)
        if g.deposit is None:
            return render("public/deposit/invalid.html", status=410)
        return view(token, *args, **kwargs)
    return wrapper


def show_deposit(deposit, form_url: str, upload_url, errors=None, status: int = 200, typed=None):
    """The deposit page; `upload_url(kind)` is where each document is sent alone (htmx)."""
    return render("public/deposit/page.html", "deposit", status=status, deposit=deposit,
                  enrolment=deposit.enrolment, form_url=form_url,
                  form=CorrectionsForm(formdata=None, data=deposit.values(typed)),
                  sections=corrections.SECTIONS,
                  upload_urls={kind: upload_url(kind) for kind in deposit.kinds},
                  documents=deposit.documents(), doc_types=TYPES, errors=errors or {})


def finish_deposit(deposit, form_url: str, upload_url, done_url: str, holder=None):
    """The whole form: its files, then « Terminer mon dépôt »; errors beside their fields."""
    typed = request.form.to_dict()
    try:
        refuse_too_long(CorrectionsForm())
        outcome = deposits.finish(deposit, holder, typed, request.files)
    except Refused as exc:
        return show_deposit(deposit, form_url, upload_url, exc.errors, 422, typed)
    session[DONE] = outcome.record.number
    return see_other(done_url, whole_page=True)


def upload_one(deposit, kind: str, upload_url):
    if kind not in TYPES:
        abort(404)
    try:
        deposits.store(deposit, kind, request.files.get("doc_" + kind))
    except Refused as exc:
        return _uploaded(deposit, kind, upload_url, exc.errors, 422)
    return _uploaded(deposit, kind, upload_url)


def _uploaded(deposit, kind: str, upload_url, errors=None, status: int = 200):
    return render("public/deposit/upload.html", "upload", status=status, kind=kind,
                  doc_types=TYPES, documents=deposit.documents(),
                  upload_urls={kind: upload_url(kind)}, errors=errors or {})


def done_enrolment() -> Enrolment | None:
    number = session.get(DONE)
    return Enrolment.get_or_none(Enrolment.number == number) if number else None


def _upload_url(token):
    return lambda kind: url_for("public.deposit.upload", token=token, kind=kind)


@bp.route("/<token>", methods=["GET", "POST"])
@with_deposit
def page(token):
    form_url = url_for("public.deposit.page", token=token)
    if request.method == "GET":
        return show_deposit(g.deposit, form_url, _upload_url(token))
    return finish_deposit(g.deposit, form_url, _upload_url(token), url_for("public.deposit.done"))


@bp.post("/<token>/document/<kind>")
@with_deposit
def upload(token, kind):
    return upload_one(g.deposit, kind, _upload_url(token))


@bp.get("/termine")
def done():
    enrolment = done_enrolment()
    if enrolment is None:
        return redirect(url_for("public.site.index"), 303)
    return render("public/deposit/done.html", enrolment=enrolment, back_url=url_for("public.site.index"),
                  back_label="Retour à l'accueil du portail")
