"""Kept as one types: the raw values of a long form, stored before they are checked, so that a
refresh, a closed tab or a crash loses nothing. The values are checked only when the form is sent
(« Etape suivante », « Envoyer »…); here only their length is, against the form's own limits
(services/core/limits.py, through forms.MaxLength): a text too long keeps its last stored value.

Two keepers share `typed`: the wizard keeps a step's values in its draft (services/enrolment/
drafts.keep_typed); a signed-in operator's forms keep theirs here, one row per (account, form)."""
import datetime
import json

from peewee import IntegrityError
from werkzeug.datastructures import MultiDict

from portal.extensions import db
from portal.models import FormDraft
from portal.models.base import utcnow

SKIPPED = {"csrf_token", "captcha_token", "captcha_answer"}
LIFETIME = datetime.timedelta(days=30)
NOT_TYPED = {"FileField", "MultipleFileField", "SubmitField", "CSRFTokenField", "HiddenField"}


def _limit(field) -> int | None:
    limits = [v.max for v in field.validators if getattr(v, "max", -1) and getattr(v, "max", -1) > 0]
    return min(limits) if limits else None


def typed(form, formdata, before: dict | None = None) -> dict:
    """The raw values of `form`'s fields in `formdata` (a browser's MultiDict), as typed: neither
    trimmed nor checked. A text longer than its field allows keeps its value `before`."""
    before = before or {}
    values = {}
    for name, field in form._fields.items():
        if name in SKIPPED or field.type in NOT_TYPED or name not in formdata:
            continue
        raw = formdata.getlist(name) if field.type == "SelectMultipleField" else formdata.get(name)
        limit = _limit(field)
        if limit and isinstance(raw, str) and len(raw.replace("\r\n", "\n")) > limit:
            if name in before:
                values[name] = before[name]
            continue
        values[name] = raw
    return values


def formdata(values: dict):
    """Stored values as a browser would send them: a form built from it shows them as typed."""
    return MultiDict([(k, v) for k, value in values.items()
                      for v in (value if isinstance(value, list) else [value])])


def name(form: str, *about: str) -> str:
    """The name a form's values are kept under: « balance:ENR-2026-000001 » (one per enrolment)."""
    return ":".join((form, *about))


def pending(account, form: str):
    """(what `account` typed in `form`, as a browser sends it; when it was kept), or (None, None)."""
    row = restore(account, form)
    return (formdata(row.values), row.updated_at) if row else (None, None)


def restore(account, form: str) -> FormDraft | None:
    """The values `account` typed in `form` and has not sent, if any."""
    return FormDraft.get_or_none(FormDraft.account == account, FormDraft.form == form)


def keep(account, form: str, values: dict) -> datetime.datetime:
    """Store what `account` typed in `form` (one row per account and form: created at the first
    keystrokes, replaced after); when it was stored."""
    now, data = utcnow(), json.dumps(values, ensure_ascii=False)
    updated = (FormDraft.update(data=data, updated_at=now)
               .where(FormDraft.account == account, FormDraft.form == form).execute())
    if not updated:
        try:
            with db.database.atomic():
                FormDraft.create(account=account, form=form, data=data, updated_at=now)
        except IntegrityError:  # two keystrokes at once: the other one created it
            FormDraft.update(data=data, updated_at=now).where(
                FormDraft.account == account, FormDraft.form == form).execute()
    return now


def clear(account, form: str) -> None:
    """The form was sent: nothing pending any more."""
    FormDraft.delete().where(FormDraft.account == account, FormDraft.form == form).execute()


def purge_expired() -> int:
    """Delete the values typed and left untouched for LIFETIME (the wizard's drafts live as
    long): a form left for a month is not waited for. The number deleted."""
    return FormDraft.delete().where(FormDraft.updated_at < utcnow() - LIFETIME).execute()
