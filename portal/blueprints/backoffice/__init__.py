"""The back-office (/gestion): managers and admins only; the administration nested in it adds its
own guard (admins only)."""
from flask import Blueprint

from portal.auth import guard
from portal.blueprints.backoffice import (admin, bank_details, dashboard, dossiers, enrolments,
                                          exports, funding, imports, outbox, payments,
                                          person_changes, search, support, templates)
from portal.models.accounts import STAFF_ROLES

bp = Blueprint("backoffice", __name__, url_prefix="/gestion")
bp.before_request(guard(*STAFF_ROLES))
for child in (enrolments.bp, funding.bp, imports.bp, payments.bp, bank_details.bp,
              person_changes.bp, support.bp, outbox.bp, admin.bp, templates.bp, exports.bp, dashboard.bp, search.bp,
              dossiers.bp):
    bp.register_blueprint(child)
