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


def json_download(found: tuple[str, str] | None):
    """A JSON the portal wrote (its name, its text), as an attachment; 404 when there is none."""
    if found is None:
        abort(404)
    filename, body = found
    return body, 200, {"Content-Type": "application/json; charset=utf-8",
                       "Cache-Control": "no-store",
                       "Content-Disposition": f'attachment; filename="{filename}"'}


def download(document, as_attachment: bool = True):
    if document is None:
        abort(404)
    mimetype = document.content_type
    if mimetype == "text/plain":
        mimetype += "; charset=utf-8"  # storage.check() accepts UTF-8 texts only
    try:
        response = send_file(storage.path_of(document), mimetype=mimetype,
                             as_attachment=as_attachment, download_name=document.original_name,
                             max_age=0)
    except FileNotFoundError:
        abort(404)
    response.headers["Cache-Control"] = "no-store"  # never kept by a browser or a proxy
    return response


# A document shown by the browser itself runs in a sandbox: no script, no form, no same-origin
# access, whatever a crafted PDF holds.
PDF_POLICY = "frame-ancestors 'none'"
SANDBOX = "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'none'"


def inline(document):
    """A stored document shown in the browser (a PDF, an image, a text) rather than saved:
    `Content-Disposition: inline`, its own content type, nosniff, and a sandboxing
    Content-Security-Policy. Who may see it is the view's check, made before."""
    response = download(document, as_attachment=False)
    response.headers["X-Content-Type-Options"] = "nosniff"
    # Chromium shows no PDF under `sandbox` nor `object-src 'none'` (its viewer is a plugin of the
    # document): a PDF is only kept out of frames; the portal's own PDFium-free pages keep theirs.
    pdf = response.mimetype == "application/pdf"
    response.headers["Content-Security-Policy"] = PDF_POLICY if pdf else SANDBOX
    return response
