import datetime

from peewee import CharField, DateTimeField, TextField

from portal.extensions import db


def utcnow():
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


class BaseModel(db.Model):
    created_at = DateTimeField(default=utcnow)


class StatusEvent(BaseModel):
    """One audit row per status change: who, when, what, why. Each history table adds the
    foreign key to what changed and its LABELS (status → label)."""
    from_status = CharField(null=True)
    to_status = CharField()
    actor = CharField()  # who, as people read it: « Claire Martin (Gestionnaire ASP) »
    comment = TextField(default="")
    LABELS: dict = {}

    @property
    def status_label(self) -> str:
        return self.LABELS[self.to_status]
