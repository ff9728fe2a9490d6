"""Background work (huey): sending the outbox, purging old drafts, importing reference CSVs.

The queue lives in Redis when REDIS_URL is set (read, as the app and its rate limiter read it,
by the one loader of portal/config.py: defaults <- instance/config.py <- environment), otherwise
in a SQLite file of instance/. Tests run the tasks at once (immediate mode). Start the worker with:
    .venv/bin/huey_consumer portal.tasks.huey
"""
import os

from flask import has_app_context
from huey import RedisHuey, SqliteHuey, crontab

import portal
from portal import config
from portal.extensions import db
from portal.services.account import sign_in
from portal.services.core import autosave, health, kept_files, outbox
from portal.services.enrolment import drafts
from portal.services.reference import import_jobs
from portal.services.imports import incomplete, submission as json_submission

_settings = config.load()
if _settings.get("REDIS_URL"):
    huey = RedisHuey("portal", url=_settings["REDIS_URL"])
else:
    os.makedirs(_settings.root_path, exist_ok=True)
    huey = SqliteHuey("portal", filename=os.path.join(_settings.root_path, "huey.sqlite3"))

_app = None


def _in_app(function, *args):
    global _app
    if has_app_context():
        return function(*args)
    if _app is None:
        _app = portal.create_app()
    with _app.app_context(), db.database.connection_context():
        return function(*args)


@huey.task()
def send_message(message_id: int):
    """The first try; a failed one is tried again by resend_pending (outbox.backoff)."""
    _in_app(outbox.deliver, message_id)


@huey.task()
def account_mail(kind: str, values: dict, urls: dict):
    """A forgotten identifiant or password: the lookup and the mail, out of the request."""
    _in_app(sign_in.mail_for_request, kind, values, urls)


@huey.periodic_task(crontab(minute="*"))
def resend_pending():
    """Every minute, the messages whose next try is due (one query on an index when none is)."""
    _in_app(outbox.deliver_pending)


@huey.periodic_task(crontab(minute="17", hour="3"))
def purge_drafts():
    """Nightly: the wizard's drafts and the forms' typed values untouched for 30 days."""
    _in_app(drafts.purge_expired)
    _in_app(autosave.purge_expired)


@huey.periodic_task(crontab(minute="*"))
def heartbeat():
    """A sign of life each minute, read by /sante/pret."""
    _in_app(health.beat)


@huey.on_startup()
def beat_at_start():
    heartbeat()  # queued: the first sign of life does not wait for the next minute


@huey.periodic_task(crontab(minute="23", hour="3"))
def purge_sign_in_failures():
    _in_app(sign_in.purge_sign_in_failures)


@huey.periodic_task(crontab(minute="23"))
def purge_abandoned_files():
    """Hourly: drafts abandoned at step 1 and files kept across a refused form, never attached;
    JSON files checked but never imported."""
    _in_app(drafts.purge_abandoned)
    _in_app(kept_files.purge_unattached)
    _in_app(json_submission.purge_pending)


@huey.periodic_task(crontab(minute="41"))
def purge_incomplete_requests():
    """Hourly: JSON requests still incomplete two days before their deletion warned by mail,
    seven days after their import deleted with their files (guide 003 §9)."""
    _in_app(incomplete.run)


@huey.periodic_task(crontab(minute="*/5"))
def interrupt_stalled_imports():
    """Reference imports whose worker died mid-way: said interrupted rather than « En cours »."""
    _in_app(import_jobs.interrupt_stalled)


@huey.task()
def import_reference(job_id: int):
    _in_app(import_jobs.run, job_id)


def configure(app):
    huey.immediate = bool(app.config.get("HUEY_IMMEDIATE"))
    app.extensions["outbox_sender"] = send_message
    app.extensions["account_mailer"] = account_mail
    app.extensions["import_runner"] = import_reference
