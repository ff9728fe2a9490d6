"""Error pages in French, in the portal's layout; for an htmx request, the alert alone (the
page's script shows it in #messages, since htmx does not swap an error)."""
from flask import current_app, render_template, request
from flask_wtf.csrf import CSRFError
from peewee import OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError

from portal.blueprints.api import errors as api_errors
from portal.htmx import is_htmx
from portal.observability import log_unexpected, request_id

HOME = "Vous pouvez revenir à l'accueil du portail."
PAGES = {
    400: ("Requête incorrecte", "Le portail n'a pas compris la demande envoyée."),
    403: ("Accès refusé", "Votre compte ne donne pas accès à cette page."),
    404: ("Page introuvable", "La page que vous cherchez n'existe pas, ou plus, ou ne vous est "
                              "pas accessible. Vérifiez l'adresse saisie."),
    405: ("Action impossible", "Cette adresse ne s'utilise pas ainsi."),
    410: ("Lien expiré", "Ce lien n'est plus valable."),
    413: ("Envoi trop volumineux", "Les fichiers envoyés dépassent la taille permise (4 Mo par "
                                   "fichier) : réduisez-les et recommencez."),
    429: ("Trop de demandes", "Trop de demandes ont été envoyées en peu de temps : patientez "
                              "une minute avant de recommencer."),
    500: ("Erreur inattendue", "Une erreur s'est produite de notre côté ; elle a été "
                               "enregistrée. Réessayez dans quelques instants."),
}
BUSY = ("Portail momentanément surchargé", "Le portail traite beaucoup de demandes en ce moment : "
        "ce qui venait d'être envoyé n'a pas été enregistré. Réessayez dans quelques instants.")
BUSY_RETRY_SECONDS = 5
CSRF = ("Page expirée", "Le formulaire a expiré (ou a déjà été envoyé) : rechargez la page et "
                        "recommencez. Ce qui venait d'être envoyé n'a pas été enregistré.")


def _answer(status: int, title: str, text: str, error: HTTPException | None = None):
    if api_errors.concerns(request):  # a supplier's software: JSON, never a page
        return api_errors.answer(status, error=error), status
    template = "errors/alert.html" if is_htmx() else "errors/page.html"
    reference = request_id() if status >= 500 else None  # what the log line of the error names
    return render_template(template, status=status, title=title, text=text, home=HOME,
                           reference=reference), status


def handle(error: HTTPException):
    if isinstance(error, CSRFError):
        return _answer(400, *CSRF)
    status = error.code or 500
    title, text = PAGES.get(status, (error.name, error.description or ""))
    return _answer(status, title, text, error)


def handle_busy(error: OperationalError):
    """SQLite kept locked by other writers beyond the busy timeout: 503, try again (another
    database error is unexpected: logged like any other)."""
    if "locked" not in str(error):
        if current_app.testing:  # tests want the real exception
            raise error
        return handle_unexpected(error)
    body, status = _answer(503, *BUSY)
    return body, status, {"Retry-After": str(BUSY_RETRY_SECONDS)}


def handle_unexpected(error: Exception):
    if isinstance(error, HTTPException):
        return handle(error)
    log_unexpected(error)
    return handle(InternalServerError())


def register_errors(app) -> None:
    app.register_error_handler(HTTPException, handle)
    app.register_error_handler(OperationalError, handle_busy)
    if not app.testing:  # tests want the real exception
        app.register_error_handler(Exception, handle_unexpected)


def page(status: int, title: str, text: str):
    """An error page with these words (its alert alone for htmx), for a view that says why."""
    return _answer(status, title, text)
