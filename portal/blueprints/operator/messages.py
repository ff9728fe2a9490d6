"""The operator's side of the dossiers' threads (/espace/dossiers): their own dossiers only
(404 for another's, its files included), and « Messages reçus » (/espace/messages), the ASP's."""
from flask import Blueprint

from portal.blueprints import messaging

bp = Blueprint("messages", __name__, url_prefix="/espace")
messaging.route(bp, "index")
