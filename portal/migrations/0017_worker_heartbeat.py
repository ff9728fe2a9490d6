"""The background worker writes a heartbeat row each minute; /sante/pret reads it."""
from peewee import CharField, DateTimeField, Model


def apply(database):
    class WorkerHeartbeat(Model):
        name = CharField(primary_key=True)
        beat_at = DateTimeField()

        class Meta:
            table_name = "worker_heartbeat"

    WorkerHeartbeat._meta.set_database(database)
    database.create_tables([WorkerHeartbeat])
