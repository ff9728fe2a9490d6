"""The public 5-step enrolment wizard. Thin views: validate → service → render or redirect."""
from functools import wraps

from flask import (Blueprint, abort, g, get_template_attribute, make_response, redirect, request,
                   session, url_for)
from werkzeug.datastructures import MultiDict

from portal.errors import page as error_page
from portal.forms import refuse_too_long
from portal.forms.public.wizard import STEP_FORMS, ResumeLinkForm, SummaryForm
from portal.htmx import render, see_other, wants_fragment
from portal.models import Enrolment
from portal.services.core import autosave, captcha
from portal.services.enrolment import drafts, rules, wizard
from portal.services.enrolment import summary as enrolment_summary
from portal.services.content import document_templates as model_documents
from portal.services.core.document_types import TYPES
from portal.services.core.errors import Refused
from portal.services.core.quotas import per_ip

bp = Blueprint("wizard", __name__, url_prefix="/enrolement")
COOKIE = "brouillon_enrolement"
TEMPLATE = "public/wizard/wizard.html"


STORE, BLANK = "store", "blank"


def with_draft(without=lambda: None):
    """Load the browser's draft into g.draft (when it was filed meanwhile, from another
    tab, show its confirmation). Reading the wizard stores nothing: a browser
    without a draft yet gets, as `without()` says, BLANK: a blank draft, not stored; STORE: the
    same for a GET, and for a POST (its first action) a new draft, stored within the drafts an
    address may start; None: back to the wizard's door. The cookie names the draft, blank or
    stored, so that the first actions sent at once store one draft."""
    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            cookie = request.cookies.get(COOKIE)
            g.draft = drafts.find(cookie)
            if g.draft is not None:
                return view(*args, **kwargs)
            filed = wizard.filed_from(cookie)  # filed meanwhile, from another tab
            if filed is not None:
                return confirmed(filed)
            mode = without()
            if mode is None:
                return go_to(url_for("public.wizard.start"))
            try:
                stores = mode == STORE and request.method == "POST"
                g.draft = drafts.store_new(cookie) if stores else drafts.blank(cookie)
            except Refused as exc:
                return error_page(429, "Trop de demandes commencées", exc.message)
            return name_draft(make_response(view(*args, **kwargs)), g.draft, cookie)
        return wrapper
    return decorate


def on_step(step: int, mode: str, otherwise: str | None = None):
    """`mode` for the view of that step; for the others, `otherwise` once the browser has its
    draft's cookie (the wizard's door sets it), the door before."""
    def choose():
        if request.view_args.get("step") == step:
            return mode
        return otherwise if request.cookies.get(COOKIE) else None
    return choose


def name_draft(response, draft, cookie: str | None = None):
    """The draft's cookie set on the response (unless the browser sent it already)."""
    if draft.token != cookie:
        response.set_cookie(COOKIE, draft.token, max_age=int(drafts.LIFETIME.total_seconds()),
                            httponly=True, samesite="Lax", secure=request.is_secure)
    return response


def go_to(url: str, whole_page: bool = False):
    return see_other(url, "#wizard", whole_page)


def show(step: int, form=None, errors=None, status: int = 200, **extra):
    draft = g.draft
    values = draft.values
    typed = drafts.typed(draft, step)
    if form is None and typed:  # typed since the step was last validated: shown as typed, over
        # what is stored (fields drawn after the keystrokes, e.g. the company found, keep theirs)
        form = STEP_FORMS[step](formdata=autosave.formdata(typed), data=values)
        values = {**values, **wizard.form_values(form)}
    elif form is None:
        form = STEP_FORMS[step](formdata=None, data=values)
    situation = rules.situation(values if not request.form else {**values, **wizard.form_values(form)})
    context = dict(
        step=step, steps=rules.STEPS, reachable=draft.step, form=form, errors=errors or {},
        situation=situation, documents=drafts.documents(draft), doc_types=TYPES,
        required_documents=rules.documents_for(step, situation), values=values,
        captcha_token=captcha.new_token(), resume_form=ResumeLinkForm(formdata=None),
        saved_at=drafts.saved_at(draft), **extra)
    if step == 3 and (request.form or typed):  # that of the IBAN/BIC typed, not the saved one
        context["bank_name"] = wizard.bank_name_of(wizard.form_values(form))
    if step == 5:
        context["summary"] = enrolment_summary.sections(values)
    return render(TEMPLATE, "wizard", status=status, **context)


def autosave_saved(at):
    """The line « Brouillon enregistré à 14 h 32 » alone (components/autosave.html)."""
    return get_template_attribute("components/autosave.html", "saved")(at)


@bp.get("")
def start():
    """The wizard's door: on to the draft's step (step 1 on a blank draft, stored by its first
    action: a visit alone stores nothing)."""
    draft = drafts.find(request.cookies.get(COOKIE)) or drafts.blank(request.cookies.get(COOKIE))
    return name_draft(redirect(url_for("public.wizard.step", step=draft.step), 303), draft)


@bp.route("/etape/<int:step>", methods=["GET", "POST"])
@per_ip("WIZARD_SUBMIT_RATE_LIMIT", methods=["POST"],
        exempt_when=lambda: request.view_args.get("step") != 5)
@with_draft(on_step(1, STORE, otherwise=BLANK))  # a later step: back to step 1
def step(step):
    if step not in rules.STEPS:
        abort(404)
    if step > g.draft.step:
        return go_to(url_for("public.wizard.step", step=g.draft.step))
    if request.method == "GET":
        drafts.touch(g.draft)
        return show(step)
    form = STEP_FORMS[step]()
    if not form.validate():
        if form.csrf_token.errors:
            abort(400)
    if step == 5:
        return finish(form)
    try:
        wizard.save_step(g.draft, step, form, request.files)
    except Refused as exc:
        return show(step, form, exc.errors, 422)
    return go_to(url_for("public.wizard.step", step=step + 1))


def finish(form: SummaryForm):
    incomplete = wizard.first_incomplete_step(g.draft)
    if incomplete:
        filed = wizard.filed_from(g.draft.token)  # its documents just went with it, from a tab
        if filed is not None:
            return confirmed(filed)
        return go_to(url_for("public.wizard.step", step=incomplete))
    try:
        enrolment = wizard.submit(g.draft, form)
    except Refused as exc:
        return show(5, form, exc.errors, 422)
    return confirmed(enrolment)


def confirmed(enrolment: Enrolment):
    """The draft is filed: its confirmation page, and the browser forgets the draft."""
    session["enrolment_submitted"] = enrolment.number
    response = go_to(url_for("public.wizard.confirmation"), whole_page=True)
    response.delete_cookie(COOKIE)
    return response


@bp.get("/confirmation")
def confirmation():
    number = session.get("enrolment_submitted")
    enrolment = Enrolment.get_or_none(Enrolment.number == number) if number else None
    if enrolment is None:
        return redirect(url_for("public.wizard.start"), 303)
    return render("public/wizard/confirmation.html", enrolment=enrolment)


@bp.post("/etape/<int:step>/actualiser")
@with_draft(on_step(1, BLANK))
def refresh(step):
    """Re-draw a step after a choice that shows or hides fields; what was typed is kept, unchecked."""
    if step not in rules.STEPS or step > g.draft.step:
        abort(404)
    form = STEP_FORMS[step]()
    drafts.keep_typed(g.draft, step, autosave.typed(form, request.form, drafts.typed(g.draft, step)))
    return show(step, form)


@bp.post("/brouillon")
@with_draft(lambda: STORE)
def keep_typed():
    """Keep what is typed at a step as one types (a browser's first action stores its draft):
    unchecked, until « Etape suivante »."""
    step = request.form.get("etape", type=int)
    if step not in rules.STEPS or step > g.draft.step:
        abort(404)
    drafts.keep_typed(g.draft, step, autosave.typed(STEP_FORMS[step](), request.form,
                                                    drafts.typed(g.draft, step)))
    return autosave_saved(drafts.saved_at(g.draft))


@bp.post("/etape/1/rechercher")
@with_draft(lambda: STORE)
def search_referencing():
    form = STEP_FORMS[1]()
    try:
        wizard.search_referencing(g.draft, form.ans_number.data)
    except Refused as exc:
        return show(1, form, exc.errors, 422)
    return show(1, STEP_FORMS[1](formdata=None, data=g.draft.values))


@bp.post("/etape/2/rechercher")
@per_ip("SIRET_LOOKUP_RATE_LIMIT")
@with_draft()
def search_company():
    form = STEP_FORMS[2]()
    try:
        wizard.search_company(g.draft, form.siret.data, form.captcha_token.data,
                              form.captcha_answer.data)
    except Refused as exc:
        return show(2, form, exc.errors, 422)
    typed = MultiDict(request.form)
    for key in ("siret", "denomination", "commune", "captcha_answer"):
        typed.pop(key, None)
    merged = {**g.draft.values}
    refreshed = STEP_FORMS[2](formdata=None, data=merged)
    for name, value in typed.items():
        if name in refreshed and name not in ("csrf_token", "captcha_token") and value:
            refreshed[name].data = value
    return show(2, refreshed)


@bp.post("/etape/3/verifier")
@with_draft()
def check_bank():
    form = STEP_FORMS[3]()
    try:
        bank_name = wizard.verify_bank(wizard.form_values(form))
    except Refused as exc:
        return _bank_checked(form, exc.bank_name, exc.errors, 422)
    return _bank_checked(form, bank_name)


def _bank_checked(form, bank_name: str, errors=None, status: int = 200):
    if not wants_fragment():  # a browser without htmx posted the check: the whole step again
        return show(3, form, errors, status)
    return render("public/wizard/step3.html", "bank_check", status=status, form=form,
                  errors=errors or {}, bank_name=bank_name, checked=True)


@bp.post("/document/<kind>")
@with_draft(lambda: STORE)
def upload(kind):
    if kind not in TYPES:
        abort(404)
    try:
        wizard.upload(g.draft, kind, request.files.get("doc_" + kind))
    except Refused as exc:
        return _uploaded(kind, exc.errors, 422)
    return _uploaded(kind)


def _uploaded(kind: str, errors=None, status: int = 200):
    return render("public/wizard/upload.html", "upload", status=status, kind=kind,
                  doc_types=TYPES, documents=drafts.documents(g.draft), errors=errors or {},
                  saved=not errors)


@bp.post("/lien-de-reprise")
@with_draft(lambda: STORE)
def resume_link():
    form = ResumeLinkForm()
    form.validate()
    link = url_for("public.wizard.resume", signed=drafts.resume_token(g.draft), _external=True)
    try:
        refuse_too_long(form)
        email = drafts.send_resume_link(g.draft, form.email.data, link)
    except Refused as exc:
        return render("public/wizard/resume.html", "resume", status=422, resume_form=form,
                      resume_errors=exc.errors)
    return render("public/wizard/resume.html", "resume", resume_form=ResumeLinkForm(formdata=None),
                  resume_sent=email, resume_errors={})


@bp.get("/reprendre/<signed>")
def resume(signed):
    draft = drafts.from_resume_token(signed)
    if draft is None:
        return render("public/wizard/resume_expired.html", status=410)
    return name_draft(redirect(url_for("public.wizard.step", step=draft.step), 303), draft)


@bp.get("/modeles/<name>.pdf")
def model_document(name):
    pdf = model_documents.build(name)
    if pdf is None:
        abort(404)
    return pdf, 200, {"Content-Type": "application/pdf",
                      "Content-Disposition": f'attachment; filename="{name}.pdf"'}
