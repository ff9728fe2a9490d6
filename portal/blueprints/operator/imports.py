"""« Importation JSONs » (guide 003 §4): « Gérer mes importations JSONs », « Importer mes
demandes » (step 1: the JSON checked; step 2: the documents), the output JSON. Only accounts that
may use the channel (services/imports/access.py); an import only by its own account. Thin views:
form → services/imports → render or redirect."""
from flask import Blueprint, abort, flash, g, request, url_for

from portal.blueprints import messaging
from portal.downloads import json_download
from portal.models.funding import KIND_LABELS
from portal.models.messages import IMPORT
from portal.htmx import render, see_other, wants_fragment
from portal.services.core import tables
from portal.services.core.document_types import TYPES
from portal.services.core.errors import Refused
from portal.services.imports import access, documents, output as output_json, submission
from portal.services.imports import table as imports_table

bp = Blueprint("imports", __name__, url_prefix="/espace/importations")
STEPS = ("Dépôt du JSON", "Dépôt des pièces justificatives")


@bp.before_request
def may_import():
    """The channel's screens for its accounts only; an import's own pages for its account."""
    if not access.may_import(g.account) and not (request.view_args or {}).get("import_id"):
        abort(403)


def _own(import_id: int):
    return access.own_import(g.account, import_id) or abort(404)


@bp.get("/")
def index():
    """« Gérer mes importations JSONs »."""
    view = tables.read(imports_table.TABLE, imports_table.listed(g.account), request.args)
    return render("operator/imports/index.html", "results", view=view, fragment=wants_fragment(),
                  kind_labels=KIND_LABELS)


def _step1(status=200, errors=None, report=None, token="", kind="", filename=""):
    return render("operator/imports/new.html", "import_zone", status=status, steps=STEPS,
                  channels=access.channels(g.account), errors=errors or {}, report=report,
                  token=token, kind=kind, filename=filename)


@bp.get("/nouvelle")
def new():
    """« Importer mes demandes », step 1."""
    return _step1()


@bp.post("/nouvelle")
def check():
    """The file checked whole and answered per request; nothing filed yet."""
    kind = request.form.get(submission.KIND_FIELD, "")
    try:
        filename, raw = submission.read_upload(kind, request.files.get(submission.FILE_FIELD))
    except Refused as exc:
        return _step1(422, exc.errors, kind=kind)
    report = submission.check(g.account, raw, kind)
    token = submission.keep(g.account, filename, raw, kind) if report.retained else ""
    return _step1(report=report, token=token, kind=kind, filename=filename)


@bp.post("/nouvelle/continuer", endpoint="file")
def file_requests():
    """« Continuer vers le dépôt des pièces »: the retained requests filed, then step 2."""
    try:
        filed = submission.file_kept(g.account, request.form.get("jeton", ""))
    except Refused as exc:
        return _step1(422, exc.errors, report=getattr(exc, "report", None))
    flash(f"{filed.requests_retained} demande{'s' if filed.requests_retained > 1 else ''} "
          f"importée{'s' if filed.requests_retained > 1 else ''} (import n° {filed.id}) : "
          "déposez maintenant leurs pièces justificatives.", "success")
    return see_other(url_for("operator.imports.documents", import_id=filed.id), whole_page=True)


def _step2(json_import, block=None, status=200, errors=None, outcome=None, answered=None):
    """The page (with the import's thread) or one of its zones."""
    thread = messaging.tools(IMPORT, json_import) if block is None else {}
    return render("operator/imports/documents.html", block, status=status, steps=STEPS,
                  page=documents.page(json_import), doc_types=TYPES, errors=errors or {},
                  outcome=outcome, answered=answered, **thread)


@bp.get("/<int:import_id>/pieces", endpoint="documents")
def documents_page(import_id):
    """Step 2, « Dépôt des pièces justificatives »."""
    return _step2(_own(import_id))


def _deposited(json_import, completed: bool, block: str, **shown):
    """The answer to a deposit: once the import is complete (its requests are « En cours »), or
    without JavaScript, the page again (POST-redirect-GET) with what was done; for htmx, the zone
    or the zones."""
    if completed:
        flash(f"Toutes les pièces sont déposées : les demandes de l'import n° {json_import.id} "
              "sont « En cours » d'instruction. Un accusé de réception vous a été envoyé par "
              "courriel.", "success")
    elif not wants_fragment():
        outcome = shown.get("outcome")
        flash("Pièce déposée." if outcome is None else
              f"{len(outcome.deposited)} pièce(s) déposée(s) depuis l'archive."
              + "".join(f" {line}" for line in outcome.problems),
              "warning" if outcome is not None and outcome.problems else "success")
    else:
        return _step2(json_import, block, **shown)
    return see_other(url_for("operator.imports.documents", import_id=json_import.id),
                     whole_page=True)


@bp.post("/<int:import_id>/pieces/<int:request_id>")
def deposit(import_id, request_id):
    """One request's document, from its drop zone."""
    json_import, key = _own(import_id), f"demande-{request_id}"
    try:
        completed = documents.deposit(json_import, request_id, request.files.get(key), g.account)
    except Refused as exc:
        return _step2(json_import, "zone", 422, exc.errors, answered=request_id)
    return _deposited(json_import, completed, "zone", answered=request_id)


@bp.post("/<int:import_id>/pieces/zip")
def deposit_zip(import_id):
    """« Déposer un fichier zip pour toutes les demandes »."""
    json_import = _own(import_id)
    try:
        outcome = documents.deposit_zip(json_import, request.files.get(documents.ZIP_FIELD),
                                        g.account)
    except Refused as exc:
        return _step2(json_import, "zones", 422, exc.errors)
    return _deposited(json_import, outcome.completed, "zones", outcome=outcome)


@bp.get("/<int:import_id>/json-de-sortie")
def output(import_id):
    """The output JSON of the import, as an attachment."""
    return json_download(output_json.output_file(_own(import_id)))
