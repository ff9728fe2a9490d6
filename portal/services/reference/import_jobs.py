"""Reference imports through the admin screen, done by the worker: the file is checked whole
when sent (a wrong line is said beside the field, nothing imported), then kept and written by the
background worker in short transactions, its progress in an `import_job` row that the admin page
shows and polls. A long import thus never holds the database for long, and never runs into the
request's time limits. The CLI (`flask import-reference`) still imports at once (csv_import)."""
import datetime
import logging
import os
import secrets

from flask import current_app

from portal import formatting
from portal.extensions import db
from portal.models import ImportJob
from portal.models.base import utcnow
from portal.models.reference import DONE, FAILED, QUEUED, REFUSED, RUNNING
from portal.services.reference import csv_import
from portal.services.reference.cells import ImportRefused

log = logging.getLogger(__name__)
FOLDER = "imports"  # under UPLOAD_DIR: shared by the app and the worker
STALLED = datetime.timedelta(minutes=10)  # a chunk takes seconds: a job this still has no worker
INTERRUPTED = ("L'import s'est interrompu après {done} lignes sur {total} : les lignes écrites "
               "sont enregistrées. Importez de nouveau le fichier pour le terminer.")


def _path(job: ImportJob) -> str:
    return os.path.join(current_app.config["UPLOAD_DIR"], FOLDER, job.stored_as)


def start(kind: str, file_storage, account) -> ImportJob:
    """Check the CSV sent (Refused beside `csv_file`, nothing imported), keep it, and hand it to
    the worker once its job row is committed."""
    content, rows = csv_import.checked_upload(kind, file_storage)
    folder = os.path.join(current_app.config["UPLOAD_DIR"], FOLDER)
    os.makedirs(folder, exist_ok=True)
    stored_as = f"{secrets.token_hex(16)}.csv"
    with open(os.path.join(folder, stored_as), "wb") as kept:
        kept.write(content)
    job = ImportJob.create(kind=kind, filename=file_storage.filename[:200], stored_as=stored_as,
                           started_by=account.full_name, rows_total=len(rows))
    run_later = current_app.extensions["import_runner"]  # the worker's task (portal/tasks.py)
    db.database.after_commit(lambda: run_later(job.id))
    return job


def run(job_id: int) -> None:
    """The worker's part: write the kept file's lines, chunk by chunk, with the progress."""
    job = ImportJob.get_or_none(ImportJob.id == job_id)
    if job is None or job.status != QUEUED:
        return
    _set(job, status=RUNNING)
    dataset = csv_import.DATASETS[job.kind]
    try:
        with open(_path(job), "rb") as kept:
            rows = csv_import.read_rows(dataset, kept)
        count = csv_import.write_in_chunks(dataset, rows, lambda done: _set(job, rows_done=done))
    except ImportRefused as exc:  # the file changed meanwhile: refused whole, as when sent
        _finish(job, REFUSED, f"Fichier refusé, rien n'a été importé. {exc}")
    except Exception:  # noqa: BLE001 - said on the admin page, logged with its traceback
        log.exception("Import de données de référence %s interrompu", job.id)
        _finish(job, FAILED, INTERRUPTED.format(done=formatting.number(job.rows_done),
                                                total=formatting.number(job.rows_total)))
    else:
        _finish(job, DONE, csv_import.lines_imported(count, dataset.label))


def _set(job: ImportJob, **changes) -> None:
    changes["updated_at"] = utcnow()
    for name, value in changes.items():
        setattr(job, name, value)
    ImportJob.update(**changes).where(ImportJob.id == job.id).execute()


def _finish(job: ImportJob, status: str, message: str) -> None:
    _set(job, status=status, message=message, finished_at=utcnow())
    _remove_file(job)


def _remove_file(job: ImportJob) -> None:
    try:
        os.remove(_path(job))
    except OSError:
        pass


def interrupt_stalled() -> int:
    """End the jobs « En cours » that have not moved for STALLED: their worker stopped (killed,
    restarted, its host gone) and no other takes them up. They say so on the admin page; the lines
    written are kept. Each is ended by a conditional UPDATE: a job moving again meanwhile is left
    alone. The number ended."""
    cutoff, ended = utcnow() - STALLED, 0
    still = (ImportJob.status == RUNNING) & (ImportJob.updated_at < cutoff)
    for job in ImportJob.select().where(still):
        message = INTERRUPTED.format(done=formatting.number(job.rows_done),
                                     total=formatting.number(job.rows_total))
        now = utcnow()
        if ImportJob.update(status=FAILED, message=message, finished_at=now, updated_at=now).where(
                (ImportJob.id == job.id) & still).execute():
            log.error("Import de données de référence %s arrêté : plus de progression depuis %s",
                      job.id, job.updated_at)
            _remove_file(job)
            ended += 1
    return ended


def latest(kind: str) -> ImportJob | None:
    """The last import of that kind sent through the admin screen."""
    return ImportJob.select().where(ImportJob.kind == kind).order_by(ImportJob.id.desc()).first()


def accepted(job: ImportJob) -> str:
    """The message once the file is accepted."""
    what = ("sa ligne est importée" if job.rows_total == 1 else
            f"ses {formatting.number(job.rows_total)} lignes sont importées")
    return (f"Fichier « {job.filename} » accepté : {what} en arrière-plan ; l'avancement "
            f"s'affiche ci-dessous.")
