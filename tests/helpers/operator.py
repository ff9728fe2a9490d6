"""Enrolments of an operator, made directly (the wizard is tested on its own)."""
import datetime

from portal.models import Enrolment
from tests.helpers.enrolment import database

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
