"""Enrolments of an operator, made directly (the wizard is tested on its own)."""
import datetime

from portal.models import Enrolment
from portal.models.accounts import OPERATOR
from tests.helpers.accounts import make_account
from tests.helpers.enrolment import database
from tests.helpers.instruction import file_enrolment

START = datetime.datetime(2026, 1, 5, 9, 0)


def seed(app, holder, count, prefix="ENR-2026-1", **changes):
    """`count` enrolments of `holder`, one a day from START, like the one filed (index → value
    when a change is a function)."""
    with database(app):
        model = Enrolment.select().order_by(Enrolment.id).first().__data__
        numbers = []
        for i in range(count):
            data = {k: v for k, v in model.items() if k not in ("id", "number", "draft_token")}
            data.update(holder=holder.id, submitted_at=START + datetime.timedelta(days=i))
            data.update({k: v(i) if callable(v) else v for k, v in changes.items()})
            numbers.append(Enrolment.create(number=f"{prefix}{i:05d}", **data).number)
        return numbers


def own_filed(app, operator):
    """The enrolment filed through the wizard, given to `operator` (as a validation does)."""
    with database(app):
        filed = Enrolment.select().order_by(Enrolment.id).first()
        Enrolment.update(holder=operator.id).where(Enrolment.id == filed.id).execute()
        return filed


def filing_operator(app, email="claire.martin@medimail.fr"):
    """Claire Martin, legal representative of MEDIMAIL: her operator account, holding the
    enrolment she filed through the wizard."""
    file_enrolment(app)
    account = make_account(app, OPERATOR, email=email)
    own_filed(app, account)
    return account
