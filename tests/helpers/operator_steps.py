"""An operator of MEDIMAIL (its enrolment filed through the wizard) signed in, in the browser."""
from portal.models.accounts import MANAGER
from portal.services.enrolment import workflow as wf
from tests.helpers.accounts import PASSWORD, make_account
from tests.helpers.auth import ready_account
from tests.helpers.browser import open_sign_in, sign_in
from tests.helpers.instruction import file_enrolment, move
from tests.helpers.operator import own_filed


def operator_signs_in(app, page, base_url, validated=False, **options):
    """The holder of the enrolment filed (with the wizard's `options`; validated by a manager
    when asked), signed in; the enrolment's number."""
    number = file_enrolment(app, **options)
    operator = ready_account(app, email="claire.martin@medimail.fr")
    if validated:
        move(app, number, wf.VALIDATE, make_account(app, MANAGER))
    else:
        own_filed(app, operator)
    open_sign_in(page, base_url)
    sign_in(page, operator.uid, PASSWORD)
    return number
