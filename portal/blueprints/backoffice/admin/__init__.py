"""The administration (/gestion/administration): admins only (managers get 403). The corridors'
screens are a module of their own, on the same blueprint."""
from portal.auth import guard
from portal.blueprints.backoffice.admin import corridors
from portal.blueprints.backoffice.admin.routes import bp
from portal.models.accounts import ADMIN

__all__ = ["bp", "corridors"]
bp.before_request(guard(ADMIN))
