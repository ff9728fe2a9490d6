"""Exports for managers: each queue as CSV or XLSX (what its filters select), a dossier as one ZIP
(its PDF summary and its documents). Staff only (the back-office's guard); thin views:
services/manager/exports and dossier_zip."""
from flask import Blueprint, Response, abort, redirect, request, stream_with_context, url_for

from portal.services.core.errors import Refused
from portal.services.enrolment import record
from portal.services.funding import requests as funding_requests
from portal.services.manager import dossier_zip, exports

bp = Blueprint("exports", __name__)


def _attachment(body, content_type: str, name: str, size: int | None = None) -> Response:
    headers = {"Content-Disposition": f'attachment; filename="{name}"',
               "Cache-Control": "no-store"}
    if size is not None:
        headers["Content-Length"] = str(size)
    return Response(stream_with_context(body), content_type=content_type, headers=headers)


@bp.get("/export/<key>.<file_format>")
def queue(key, file_format):
    try:
        file = exports.export(key, file_format, request.args)
    except Refused:  # a wrong filter: the queue's page says which
        chosen = exports.EXPORTS[key]
        return redirect(url_for(chosen.endpoint, **request.args), 303)
    if file is None:
        abort(404)
    return _attachment(file.body, file.content_type, file.name)


def _zip(archive, name: str) -> Response:
    return _attachment(archive, "application/zip", name, len(archive))


@bp.get("/enrolements/<number>/dossier.zip")
def enrolment_zip(number):
    enrolment = record.with_holder(number) or abort(404)
    return _zip(dossier_zip.enrolment(enrolment), f"dossier-{number}.zip")


@bp.get("/financement/<funding_number>/dossier.zip")
def funding_zip(funding_number):
    funding_request = funding_requests.with_enrolment(funding_number) or abort(404)
    return _zip(dossier_zip.funding_request(funding_request), f"dossier-{funding_number}.zip")
