"""« Besoin d'aide ? » in the private space: the FAQ with its search, and the support form filled
in from the account. The same views and templates as the public ones (public.faq_page,
support.show): only the account's pre-filling differs."""
from flask import Blueprint, g

from portal.blueprints.public import contact as support_views
from portal.blueprints.public.site import faq_page
from portal.forms.public.contact import SupportForm
from portal.services.content import support

bp = Blueprint("help", __name__, url_prefix="/espace/aide")


@bp.get("/questions-frequentes")
def faq():
    return faq_page("public/site/faq.html")


@bp.get("/contacter-l-assistance")
def contact():
    return support_views.show(SupportForm(formdata=None, data=support.prefill(g.account)))
