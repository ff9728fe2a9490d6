"""The administration (/gestion/administration): admins only (managers get 403). The corridors'
screens and the ASP's debtor account are modules of their own, on the same blueprint."""
from portal.auth import guard
from portal.blueprints.backoffice.admin import corridors, debtor
from portal.blueprints.backoffice.admin.routes import bp
from portal.models.accounts import ADMIN

__all__ = ["bp", "corridors", "debtor"]
bp.before_request(guard(ADMIN))
