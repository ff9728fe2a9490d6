"""The corridors (issue 15) in the administration: their list, and one corridor's fields an admin
edits (label, caps, advance share, beneficiaries, open or closed, scenarios), who and when kept.
Their CSV import is the reference data screen's (dataset « corridors »)."""
from flask import abort, g, request

from portal.blueprints.backoffice.admin.routes import bp, done, page
from portal.forms.backoffice.admin import first_errors
from portal.forms.backoffice.corridors import CorridorForm
from portal.models import Corridor
from portal.services.imports import corridors


@bp.get("/couloirs")
def corridor_list():
    return page("corridors", "Couloirs", corridors=corridors.listed())


def _edit_page(corridor, form, errors=None, status=200):
    return page("corridor", f"Modifier le couloir {corridor.code}", status, corridor=corridor,
                form=form, errors=errors or {}, syntax=corridors.SYNTAX)


@bp.route("/couloirs/<int:corridor_id>", methods=["GET", "POST"])
def corridor_edit(corridor_id):
    corridor = Corridor.get_or_none(Corridor.id == corridor_id) or abort(404)
    if request.method == "GET":
        return _edit_page(corridor, CorridorForm(formdata=None,
                                                 data=corridors.as_form_data(corridor)))
    form = CorridorForm()
    if not form.validate():
        return _edit_page(corridor, form, first_errors(form), 422)
    corridors.save(corridor, form.values(), g.account.full_name)
    return done(f"Le couloir {corridor.code} est enregistré.", "backoffice.admin.corridor_list")
