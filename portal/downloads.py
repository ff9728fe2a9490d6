"""A stored document sent to the browser as a download; 404 when there is none (or its file is
gone). Who may download it is the view's check, made before."""
from flask import abort, send_file

from portal.services.core import storage


def pdf_download(pdf: bytes | None, filename: str):
    """A PDF drawn by the portal, as an attachment; 404 when there is none."""
    if pdf is None:
        abort(404)
    return pdf, 200, {"Content-Type": "application/pdf", "Cache-Control": "no-store",
                      "Content-Disposition": f'attachment; filename="{filename}"'}


def download(document):
    if document is None:
        abort(404)
    try:
        response = send_file(storage.path_of(document), mimetype=document.content_type,
                             as_attachment=True, download_name=document.original_name, max_age=0)
    except FileNotFoundError:
        abort(404)
    response.headers["Cache-Control"] = "no-store"  # never kept by a browser or a proxy
    return response
