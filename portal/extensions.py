"""Shared extension objects, bound to the app in create_app()."""
from flask_mail import Mail
from flask_wtf import CSRFProtect
from peewee import DatabaseProxy
from playhouse.db_url import connect as db_url_connect
from playhouse.flask_utils import FlaskDB

db = FlaskDB()
# A proxy, so that models can be declared before an app (and its database URL) exists.
db.database = DatabaseProxy()
csrf = CSRFProtect()
mail = Mail()

SQLITE_PRAGMAS = {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 5000,
                  "synchronous": "normal"}


def open_database(url: str):
    if url.startswith("sqlite"):
        return db_url_connect(url, pragmas=SQLITE_PRAGMAS)
    return db_url_connect(url)
