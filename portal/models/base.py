import datetime

from peewee import DateTimeField

from portal.extensions import db


def utcnow():
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


class BaseModel(db.Model):
    created_at = DateTimeField(default=utcnow)
