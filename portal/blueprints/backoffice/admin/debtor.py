"""« Compte de l'ASP » in the administration: the account the payment batches debit (holder, IBAN,
BIC), each change kept with who made it and when, and listed under the form."""
from flask import g, request

from portal.blueprints.backoffice.admin.routes import bp, done, page
from portal.forms.backoffice.admin import first_errors
from portal.forms.backoffice.payments import DebtorAccountForm
from portal.services.core.errors import Refused
from portal.services.payments import debtor


def _page(form, errors=None, status=200):
    return page("debtor", "Compte de l'ASP à débiter", status, form=form, errors=errors or {},
                changes=debtor.history())


@bp.route("/compte-asp", methods=["GET", "POST"])
def debtor_account():
    if request.method == "GET":
        return _page(DebtorAccountForm(formdata=None, data=debtor.as_form_data(debtor.current())))
    form = DebtorAccountForm()
    if not form.validate():
        return _page(form, first_errors(form), 422)
    try:
        debtor.save(form.values(), g.account)
    except Refused as exc:
        return _page(form, exc.errors, 422)
    return done("Le compte de l'ASP à débiter est enregistré.", "backoffice.admin.debtor_account")
