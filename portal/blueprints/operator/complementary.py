"""« Faire une demande complémentaire »: the simplified wizard on one page, for a signed-in
operator. Thin views: form → services/complementary → render the form (whole or its fragment)."""
from flask import Blueprint, abort, g, request, session, url_for

from portal.forms import refuse_too_long
from portal.forms.public.wizard import ComplementaryForm
from portal.htmx import render, see_other
from portal.services.enrolment import complementary, drafts, operator_table as operator_enrolments
from portal.services.core import autosave
from portal.services.core.document_types import TYPES
from portal.services.core.errors import Refused
from portal.services.enrolment.wizard import form_values

bp = Blueprint("complementary", __name__, url_prefix="/espace/enrolements/complementaire")
SESSION_KEY = "complementary_draft"
TEMPLATE = "operator/complementary/form.html"


def the_draft():
    draft = complementary.draft_of(g.account, session.get(SESSION_KEY))
    session[SESSION_KEY] = draft.token
    return draft


def show(draft, form=None, errors=None, status=200):
    """The form as saved (with what was typed since, kept as one types), or as typed (`form`)
    with its errors."""
    kept, saved_at = autosave.pending(g.account, "complementary") if form is None else (None, None)
    if kept:
        form = ComplementaryForm(formdata=kept)
    values = draft.values if form is None else {**draft.values, **form_values(form)}
    s = complementary.situation(g.account, values)
    if s is None:
        return render(TEMPLATE, not_yet=complementary.NOT_YET)
    return render(TEMPLATE, "form", status=status, situation=s, errors=errors or {},
                  form=form or ComplementaryForm(formdata=None, data=values),
                  required_documents=complementary.documents_for(s),
                  documents=drafts.documents(draft), doc_types=TYPES, saved_at=saved_at)


def typed_form():
    form = ComplementaryForm()
    if not form.validate() and form.csrf_token.errors:
        abort(400)
    return form


@bp.route("", methods=["GET", "POST"])
def start():
    draft = the_draft()
    if request.method == "GET":
        drafts.touch(draft)
        return show(draft)
    form = typed_form()
    if complementary.reference(g.account) is None:
        return show(draft, status=422)
    try:
        refuse_too_long(form)
        enrolment = complementary.submit(draft, g.account, form_values(form), request.files)
    except Refused as exc:
        return show(draft, form, exc.errors, 422)
    session.pop(SESSION_KEY, None)
    autosave.clear(g.account, "complementary")
    return see_other(url_for("operator.complementary.confirmation", number=enrolment.number),
                     whole_page=True)


@bp.post("/rechercher")
def search():
    draft, form = the_draft(), typed_form()
    try:
        refuse_too_long(form)
        complementary.search(draft, g.account, form.ans_number.data)
    except Refused as exc:
        return show(draft, form, exc.errors, 422)
    return show(draft, form)


@bp.post("/actualiser")
def refresh():
    """Re-draw the form after a choice that shows or hides documents; what was typed is kept,
    unchecked."""
    draft, form = the_draft(), typed_form()
    before = autosave.restore(g.account, "complementary")
    autosave.keep(g.account, "complementary", autosave.typed(form, request.form,
                                                             before.values if before else None))
    return show(draft, form)


@bp.post("/document/<kind>")
def upload(kind):
    if kind not in TYPES:
        abort(404)
    draft = the_draft()
    try:
        complementary.upload(draft, kind, request.files.get("doc_" + kind))
    except Refused as exc:
        return _uploaded(draft, kind, exc.errors, 422)
    return _uploaded(draft, kind)


def _uploaded(draft, kind: str, errors=None, status: int = 200):
    return render("public/deposit/upload.html", "upload", status=status, kind=kind,
                  doc_types=TYPES, documents=drafts.documents(draft), errors=errors or {},
                  upload_urls={kind: url_for("operator.complementary.upload", kind=kind)})


@bp.get("/confirmation/<number>")
def confirmation(number):
    enrolment = operator_enrolments.find(g.account, number) or abort(404)
    return render("public/wizard/confirmation.html", enrolment=enrolment,
                  back_url=url_for("operator.enrolments.show", number=number),
                  back_label="Consulter ma demande d'enrôlement")
