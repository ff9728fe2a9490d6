"""« Accéder à la documentation des JSONs » (guide 003 §2.2): public, no sign-in. The page of one
corridor (chosen in a form: its block « documentation » for htmx), its example files and its
JSON Schemas as downloads."""
import json

from flask import Blueprint, abort, current_app, g, request

from portal.htmx import render, wants_fragment
from portal.blueprints.api.errors import PREFIX as API_PREFIX
from portal.services.imports import api_docs, docs, schema, simulator

bp = Blueprint("json_docs", __name__, url_prefix="/documentation-des-jsons")


@bp.get("/")
def index():
    page = docs.page(request.args.get("couloir"))
    api_base = request.host_url.rstrip("/") + API_PREFIX
    return render("public/json_docs/index.html", "documentation", page=page,
                  fragment=wants_fragment(),
                  may_simulate=simulator.may_simulate(g.get("account")), api_base=api_base,
                  api_endpoints=api_docs.endpoints(
                      api_base, current_app.config["MAX_CONTENT_LENGTH"] // (1024 * 1024)),
                  api_errors=api_docs.ERRORS, api_limit=api_docs.limit_label(current_app.config["API_RATE_LIMIT"]))


def _attachment(document: dict, filename: str, content_type: str):
    body = json.dumps(document, ensure_ascii=False, indent=2)
    return body, 200, {"Content-Type": f"{content_type}; charset=utf-8",
                       "Content-Disposition": f'attachment; filename="{filename}"'}


@bp.get("/<code>/<word>.exemple.json")
def example(code, word):
    found = docs.documented(code, word) or abort(404)
    corridor, kind = found
    return _attachment(docs.example(corridor, kind, docs.enrolment_for(g.get("account"), corridor)),
                       docs.file_name(corridor, kind, "exemple"), "application/json")


@bp.get("/<code>/<word>.schema.json")
def schema_file(code, word):
    found = docs.documented(code, word) or abort(404)
    corridor, kind = found
    return _attachment(schema.schema(corridor, kind, request.url),
                       docs.file_name(corridor, kind, "schema"), "application/schema+json")
