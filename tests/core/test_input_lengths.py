"""Every free text a form takes has a length limit (services/core/limits.py), said in French
beside the field; through the back-office, a manager's 100 KB decision comment is refused (422)
and mails nothing."""
import importlib
import pkgutil

import pytest
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField, TextAreaField
from wtforms.validators import Length

import portal.forms
from portal import formatting
from portal.forms import too_long
from portal.models import Enrolment, OutboxMessage
from portal.models.accounts import MANAGER
from portal.models.enrolment import IN_PROGRESS
from portal.services.core import limits
from portal.services.enrolment import workflow as wf
from tests.helpers.accounts import make_account, signed_in
from tests.helpers.enrolment import HTMX, database
from tests.helpers.instruction import file_enrolment
from tests.helpers.pages import html


def _forms():
    for info in pkgutil.walk_packages(portal.forms.__path__, "portal.forms."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (isinstance(value, type) and issubclass(value, FlaskForm) and value is not FlaskForm
                    and value.__module__ == module.__name__):
                yield value


# Not free texts: counts the service parses as numbers (≤ 10 000 000), saying what is wrong with
# each along with the others (tests/funding/test_advance.py).
NUMBERS = {("AdvanceForm", name) for name in (
    "current_applicative", "current_organisational", "current_personal",
    "closing_applicative", "closing_organisational", "closing_personal")}


def _text_fields():
    found = []
    for form in _forms():
        for name in dir(form):
            if (form.__name__, name) in NUMBERS:
                continue
            unbound = getattr(form, name)
            field_class = getattr(unbound, "field_class", None)
            if (field_class and issubclass(field_class, StringField)
                    and not issubclass(field_class, HiddenField)):
                found.append(pytest.param(form, name, id=f"{form.__name__}.{name}"))
    return found


TEXT_FIELDS = _text_fields()


def test_the_forms_have_many_free_text_fields():
    assert len(TEXT_FIELDS) > 60


def _limit(field) -> int:
    maxima = [v.max for v in field.validators if isinstance(v, Length) and v.max > 0]
    assert maxima, f"{field.name} has no length limit"
    return min(maxima)


@pytest.mark.parametrize("form_class, name", TEXT_FIELDS)
def test_every_free_text_field_is_limited_in_french(app, form_class, name):
    with app.test_request_context(method="POST"):
        limit = _limit(form_class(formdata=None)[name])
        assert limit <= (limits.TEXT if issubclass(form_class(formdata=None)[name].__class__,
                                                   TextAreaField) else 255)
        for length, refused in ((limit, False), (limit + 1, True), (100_000, True)):
            field_name = form_class(formdata=None)[name].name
            with app.test_request_context(method="POST", data={field_name: "é" * length}):
                errors = too_long(form_class())
            assert (name in errors) is refused, (length, errors)
        assert f"{formatting.count(limit)} caractères" in errors[name]  # in French


HUNDRED_KB = "Pièce illisible. " * 6000  # 102 000 characters


@pytest.mark.parametrize("htmx", [False, True])
def test_a_100_kb_decision_comment_is_refused_beside_the_field(app, demo, htmx):
    number = file_enrolment(app)
    manager = signed_in(app.test_client(), make_account(app, MANAGER))
    with database(app):
        mails_before = OutboxMessage.select().count()
    page = html(manager.get(f"/gestion/enrolements/{number}"))
    token = page.find("input", attrs={"name": "csrf_token"})["value"]
    action = wf.REQUEST_DOCUMENTS
    response = manager.post(f"/gestion/enrolements/{number}/decision",
                            headers={**HTMX, "X-CSRFToken": token} if htmx else {},
                            data={"csrf_token": token, "action": action, f"{action}-kinds": "rib",
                                  f"{action}-comment": HUNDRED_KB})
    assert response.status_code == 422
    page = html(response)
    assert ("<html" in response.get_data(as_text=True)) is not htmx
    message = page.find(id=f"{action}-comment-messages").get_text(" ", strip=True)
    assert message == ("Votre commentaire compte 102\u202f000 caractères : raccourcissez-le à "
                       "5\u202f000 caractères au plus.")
    assert page.find(id=f"{action}-comment").get_text().strip() == HUNDRED_KB.strip()
    with database(app):
        assert Enrolment.get(Enrolment.number == number).status == IN_PROGRESS
        assert OutboxMessage.select().count() == mails_before
