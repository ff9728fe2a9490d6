"""« Demandes financement » › « Importer mes modèles de pièces justificatives » (guide 003 §5.3):
the templates sent for the ASP's review and the 2-step import — the file checked at once (the
answer shown where the form is), then « Valider l'import » — and the deletion of an import not
validated. Open once the company chosen has a validated enrolment (or a partially validated,
anticipated one); thin views: form → services/templates/submissions."""
from flask import Blueprint, abort, flash, g, request, url_for

from portal.blueprints.operator.company import choice
from portal.downloads import download
from portal.errors import page as error_page
from portal.forms.operator.templates import TemplateImportForm
from portal.htmx import render, see_other
from portal.services.core.errors import Refused
from portal.services.templates import submissions

bp = Blueprint("templates", __name__, url_prefix="/espace/financement/modeles")
PAGE = "operator/templates/index.html"


def _page(form, errors=None, status=200, answer_id=None):
    """The screen; before it opens, what says when it will (as « Faire une demande
    complémentaire » does), and a 403 to what is sent anyway."""
    shown = submissions.page(g.account, choice().siret, answer_id)
    if not shown.open and request.method == "POST":
        return error_page(403, "Accès refusé", submissions.NOT_OPEN)
    return render(PAGE, "import", status=status, page=shown, form=form, errors=errors or {},
                  companies=choice(), describe=submissions.describe, not_open=submissions.NOT_OPEN)


@bp.route("/", methods=["GET", "POST"], endpoint="index")
def index():
    if request.method == "GET":
        return _page(TemplateImportForm(formdata=None), answer_id=request.args.get("import", type=int))
    form = TemplateImportForm()
    try:
        template = submissions.upload(g.account, choice().siret, form.kind.data,
                                      request.files.get("file"))
    except Refused as exc:
        return _page(form, exc.errors, 422)
    return see_other(url_for("operator.templates.index", **{"import": template.id}), target="#import")


def _own(template_id: int):
    return submissions.owned(g.account, template_id) or abort(404)


@bp.post("/<int:template_id>/valider", endpoint="validate")
def validate(template_id):
    template = _own(template_id)
    try:
        submissions.validate(g.account, template)
    except Refused as exc:
        flash(exc.message, "error")
    else:
        flash(f"Votre modèle « {template.document.original_name} » est « {template.status_label} » : "
              "l'ASP va l'examiner. Un courriel vous le confirme.", "success")
    return see_other(url_for("operator.templates.index"), whole_page=True)


@bp.route("/<int:template_id>/supprimer", methods=["GET", "POST"], endpoint="delete")
def delete(template_id):
    template = _own(template_id)
    if not submissions.deletable(template):
        abort(404)
    if request.method == "GET":
        return render("operator/templates/delete.html", sent=template)
    if submissions.delete(g.account, template):
        flash(f"L'import « {template.document.original_name} » est supprimé.", "success")
    else:
        flash("Cet import vient d'être validé : il ne peut plus être supprimé.", "error")
    return see_other(url_for("operator.templates.index"), whole_page=True)


@bp.get("/<int:template_id>/fichier", endpoint="file")
def file(template_id):
    return download(_own(template_id).document)
