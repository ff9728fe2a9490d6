"""Operations: the background worker's heartbeat, read by the readiness check (/sante/pret)."""
from peewee import CharField, DateTimeField

from portal.extensions import db


class WorkerHeartbeat(db.Model):
    """One row per worker host, its last signal (UTC)."""
    name = CharField(primary_key=True)
    beat_at = DateTimeField()

    class Meta:
        table_name = "worker_heartbeat"
