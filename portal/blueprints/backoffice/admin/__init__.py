"""The administration (/gestion/administration): admins only (managers get 403)."""
from portal.auth import guard
from portal.blueprints.backoffice.admin.routes import bp
from portal.models.accounts import ADMIN

bp.before_request(guard(ADMIN))
