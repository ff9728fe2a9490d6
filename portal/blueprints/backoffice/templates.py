"""« Instruction » › « Modèles de pièces justificatives »: the document templates suppliers sent
for review, their queue, the document shown in the browser and the decision (« Accepter » /
« Rejeter »). Staff only (the back-office's guard); thin views: services/templates."""
from flask import Blueprint, abort, request, url_for

from portal.blueprints.backoffice import decisions
from portal.downloads import download, inline
from portal.forms.backoffice.templates import TemplateDecisionForm
from portal.htmx import render, wants_fragment
from portal.services.core import tables
from portal.services.templates import review, submissions, workflow

bp = Blueprint("templates", __name__, url_prefix="/modeles")


@bp.get("/")
def queue():
    view = tables.read(review.TABLE, review.rows(), request.args)
    return render("backoffice/templates/queue.html", "results", view=view, fragment=wants_fragment(),
                  labels=dict(submissions.kind_choices()))


def _template(template_id: int):
    return review.template(template_id) or abort(404)


def _show(template, form, errors=None, status=200):
    return render("backoffice/templates/show.html", "decision", status=status, sent=template,
                  form=form, errors=errors or {}, history=workflow.history(template),
                  facts=review.facts(template), image=review.is_image(template.document),
                  decide_url=bool(workflow.decisions(template)) and url_for(
                      "backoffice.templates.decide", template_id=template.id))


@bp.get("/<int:template_id>")
def show(template_id):
    return _show(_template(template_id), TemplateDecisionForm(formdata=None))


@bp.post("/<int:template_id>")
def decide(template_id):
    return decisions.decide(_template(template_id), workflow.WORKFLOW, _show,
                            url_for("backoffice.templates.show", template_id=template_id),
                            "Le modèle de pièce justificative", TemplateDecisionForm)


@bp.get("/<int:template_id>/document")
def document(template_id):
    """The file shown in the browser (a PDF, an image, a text), for review."""
    return inline(_template(template_id).document)


@bp.get("/<int:template_id>/telechargement")
def file(template_id):
    return download(_template(template_id).document)
