import datetime

from peewee import CharField, DateTimeField, DeferredForeignKey, TextField

from portal.extensions import db
from portal.models.roles import ACTOR_LABELS, STAFF_ROLES


def utcnow():
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


class BaseModel(db.Model):
    created_at = DateTimeField(default=utcnow)


class StatusEvent(BaseModel):
    """One audit row per status change: who (their account, if any, their role and their name
    as it was then), when, what, why. Each history table adds the foreign key to what changed and
    its LABELS (status → label)."""
    from_status = CharField(null=True)
    to_status = CharField()
    actor_account = DeferredForeignKey("Account", null=True, on_delete="SET NULL")
    actor_role = CharField(default="")  # a key of roles.ACTOR_LABELS ("" for an unknown one)
    actor_name = CharField(default="")  # « Claire Martin »; empty for a role alone
    comment = TextField(default="")
    LABELS: dict = {}

    @property
    def actor(self) -> str:
        """Who, as people read it: « Claire Martin (Gestionnaire ASP) », « Demandeur »."""
        role = ACTOR_LABELS.get(self.actor_role)
        if not role:
            return self.actor_name
        return f"{self.actor_name} ({role})" if self.actor_name else role

    @property
    def by_staff(self) -> bool:
        return self.actor_role in STAFF_ROLES

    @property
    def status_label(self) -> str:
        return self.LABELS[self.to_status]
