"""The administration (/gestion/administration): admins only (managers get 403). The corridors'
screens, the budget envelopes' and the ASP's debtor account are modules of their own, on the same
blueprint."""
from portal.auth import guard
from portal.blueprints.backoffice.admin import corridors, debtor, envelopes
from portal.blueprints.backoffice.admin.routes import bp
from portal.models.accounts import ADMIN

__all__ = ["bp", "corridors", "debtor", "envelopes"]
bp.before_request(guard(ADMIN))
