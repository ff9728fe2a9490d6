"""Accounts (operators and ASP staff), single-use links, and the managers' requests for documents."""
import json

from peewee import BooleanField, CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from portal.models.base import BaseModel
from portal.models.enrolment import Enrolment

from portal.models.roles import ROLE_LABELS, STAFF_ROLES
# The account roles are defined in roles.py; imported from here too.
from portal.models.roles import ADMIN, MANAGER, OPERATOR  # noqa: F401


class Account(BaseModel):
    """A person who signs in: an operator's account holder, or a manager/admin of the ASP."""
    uid = CharField(unique=True)  # the identifiant, mailed to its holder
    email = CharField(unique=True)
    last_name = CharField()
    first_name = CharField()
    role = CharField(index=True)
    password_hash = CharField(default="")  # empty until the holder sets it through the mailed link
    must_change_password = BooleanField(default=True)
    secret_question = CharField(default="")
    secret_answer_hash = CharField(default="")
    failed_logins = IntegerField(default=0)
    locked_until = DateTimeField(null=True)
    last_login_at = DateTimeField(null=True)
    password_changed_at = DateTimeField(null=True)
    active = BooleanField(default=True)
    # Stored in the session at sign-in: a session of an older version is closed (portal/auth.py).
    session_version = IntegerField(default=0)

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]

    @property
    def is_staff(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    class Meta:
        table_name = "account"


class SignInFailure(BaseModel):
    """Wrong passwords in a row for one typed identifiant from one client address: the lock they
    bring shuts out that address only, never the holder signing in from elsewhere."""
    uid = CharField()
    address = CharField()
    failures = IntegerField(default=0)
    locked_until = DateTimeField(null=True)

    class Meta:
        table_name = "sign_in_failure"
        indexes = ((("uid", "address"), True),)


class SingleUseLink(BaseModel):
    """A mailed link (password setting, reset, document upload): its signed token carries the
    nonce; the row makes it usable once and until its expiry."""
    purpose = CharField(index=True)
    nonce = CharField(unique=True)
    account = ForeignKeyField(Account, null=True, backref="links", on_delete="CASCADE")
    enrolment = ForeignKeyField(Enrolment, null=True, backref="links", on_delete="CASCADE")
    expires_at = DateTimeField()
    used_at = DateTimeField(null=True)

    class Meta:
        table_name = "single_use_link"


def json_list(column: str) -> property:
    """A list kept as JSON in a text column."""
    return property(lambda self: json.loads(getattr(self, column)),
                    lambda self, value: setattr(self, column, json.dumps(list(value))))


class DocumentRequest(BaseModel):
    """« Demander des pièces »: the document types a manager expects, the data to correct
    (« Modifier », sections of services/corrections.py), and what is wrong."""
    enrolment = ForeignKeyField(Enrolment, backref="document_requests", on_delete="CASCADE")
    kinds_json = TextField(default="[]")
    sections_json = TextField(default="[]")
    message = TextField()
    requested_by = ForeignKeyField(Account, null=True, on_delete="SET NULL")
    answered_at = DateTimeField(null=True)

    kinds = json_list("kinds_json")
    sections = json_list("sections_json")

    class Meta:
        table_name = "document_request"
