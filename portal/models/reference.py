"""Reference data loaded by an administrator: ANS referencing list, company directory, news, FAQ."""
from peewee import BooleanField, CharField, DateField, DateTimeField, IntegerField, TextField

from portal.models.base import BaseModel

DSR_MSS = "MSS Opérateurs"
DEFAULT_RUBRIC = "Questions générales"  # a FAQ entry loaded or typed without its rubric


class AnsReferencing(BaseModel):
    """One entry of the ANS referencing list (numéro de référencement ANS)."""
    number = CharField(unique=True)
    software_name = CharField()
    software_version = CharField()
    dsr = CharField()  # "MSS Opérateurs", "DPI" …
    profile = CharField()  # profile of the holder of the referencing
    validated = BooleanField(default=True)  # False: pending, the enrolment is anticipated
    holder_siret = CharField(max_length=14)

    @property
    def is_dpi(self) -> bool:
        return self.dsr.upper().startswith("DPI")

    @property
    def is_mss(self) -> bool:
        return self.dsr == DSR_MSS

    class Meta:
        table_name = "ans_referencing"


class Company(BaseModel):
    """An establishment of the company directory (SIRENE fields the wizard shows)."""
    siret = CharField(max_length=14, unique=True)
    denomination = CharField()
    street = CharField()
    postcode = CharField(max_length=5)
    commune = CharField()

    class Meta:
        table_name = "company"


class NewsItem(BaseModel):
    title = CharField()
    body = TextField()
    published_on = DateField()
    for_operators = BooleanField(default=False)  # shown on the private home rather than the public one

    class Meta:
        table_name = "news_item"


class FaqEntry(BaseModel):
    """A question of the FAQ, shown under its rubric (« Enrôlement », « Compte et connexion »…);
    rubrics come in the order of their first question's position."""
    question = CharField()
    answer = TextField()
    position = IntegerField(default=0)
    rubric = CharField(default=DEFAULT_RUBRIC)

    class Meta:
        table_name = "faq_entry"


QUEUED, RUNNING, DONE, REFUSED, FAILED = "queued", "running", "done", "refused", "failed"
IMPORT_STATUS_LABELS = {QUEUED: "En attente", RUNNING: "En cours", DONE: "Terminé",
                        REFUSED: "Refusé", FAILED: "Interrompu"}


class ImportJob(BaseModel):
    """A CSV of reference data sent through the admin screen, imported by the worker: its
    progress (lines written of the file's lines) and how it ended."""
    kind = CharField(index=True)  # a dataset of services/reference/csv_import.py
    filename = CharField()  # as sent
    stored_as = CharField()  # under UPLOAD_DIR/imports/, removed once imported
    started_by = CharField(default="")  # the admin's name
    status = CharField(default=QUEUED)
    rows_total = IntegerField(default=0)
    rows_done = IntegerField(default=0)
    message = TextField(default="")  # the result, or why it stopped (French)
    finished_at = DateTimeField(null=True)
    updated_at = DateTimeField(null=True)  # its last progress: a job that stops moving is ended

    @property
    def status_label(self) -> str:
        return IMPORT_STATUS_LABELS[self.status]

    @property
    def running(self) -> bool:
        return self.status in (QUEUED, RUNNING)

    @property
    def succeeded(self) -> bool:
        return self.status == DONE

    class Meta:
        table_name = "import_job"
