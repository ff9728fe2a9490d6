"""Accounts: identifiants, password hashing and rules, the account holder of an enrolment."""
import secrets
import string

from flask import current_app
from peewee import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from portal.extensions import db
from portal.models import Account, Enrolment
from portal.models.accounts import OPERATOR, ROLE_LABELS
from portal.models.base import utcnow

UID_PREFIX = {"operator": "OP", "manager": "GE", "admin": "AD", "budget_owner": "RB"}
MIN_LENGTH = 12
PASSWORD_RULES = [
    f"au moins {MIN_LENGTH} caractères",
    "au moins une lettre majuscule et une lettre minuscule",
    "au moins un chiffre",
    "au moins un caractère spécial (par exemple ! ? @ # % & * -)",
    "différent de votre identifiant et de votre mot de passe actuel",
]


def hash_secret(value: str) -> str:
    """scrypt at werkzeug's cost (PASSWORD_HASH_METHOD); the tests lower it, as a hash checks
    with the cost it was made with."""
    return generate_password_hash(value, method=current_app.config["PASSWORD_HASH_METHOD"])


def check_secret(hashed: str, value: str) -> bool:
    return bool(hashed) and check_password_hash(hashed, value or "")


def new_uid(role: str) -> str:
    while True:
        uid = UID_PREFIX[role] + "".join(secrets.choice(string.digits) for _ in range(7))
        if not Account.select().where(Account.uid == uid).exists():
            return uid


def find_by_email(email: str) -> Account | None:
    return Account.get_or_none(Account.email == (email or "").strip().lower())


def find_by_uid(uid: str) -> Account | None:
    return Account.get_or_none(Account.uid == (uid or "").strip().upper())


def create(email: str, last_name: str, first_name: str, role: str = OPERATOR,
           password: str | None = None) -> Account:
    """A new account; without a password, its holder sets one through a mailed link."""
    if role not in ROLE_LABELS:
        raise ValueError(role)
    return Account.create(uid=new_uid(role), email=email.strip().lower(), last_name=last_name,
                          first_name=first_name, role=role,
                          password_hash=hash_secret(password) if password else "",
                          password_changed_at=utcnow() if password else None,
                          must_change_password=True)


def password_errors(password: str, account: Account | None = None) -> list[str]:
    """The rules of PASSWORD_RULES the password breaks, in French; empty when it is acceptable."""
    password = password or ""
    broken = []
    if len(password) < MIN_LENGTH:
        broken.append(PASSWORD_RULES[0])
    if not (any(c.isupper() for c in password) and any(c.islower() for c in password)):
        broken.append(PASSWORD_RULES[1])
    if not any(c.isdigit() for c in password):
        broken.append(PASSWORD_RULES[2])
    if all(c.isalnum() for c in password):
        broken.append(PASSWORD_RULES[3])
    if account and (password.upper() == account.uid or check_secret(account.password_hash, password)):
        broken.append(PASSWORD_RULES[4])
    return broken


def set_password(account: Account, password: str, must_change: bool = False) -> None:
    """The new password; every session signed in before ends (see portal/auth.py)."""
    account.password_hash = hash_secret(password)
    account.session_version += 1
    account.password_changed_at = utcnow()
    account.must_change_password = must_change
    account.failed_logins = 0
    account.locked_until = None
    account.save()


def holder_names(enrolment: Enrolment) -> tuple[str, str]:
    """Last and first name of the future account holder (the legal representative, or the
    dépositaire of a tiers déclarant)."""
    if enrolment.is_legal_representative:
        return enrolment.rep_last_name, enrolment.rep_first_name
    return enrolment.filer_last_name, enrolment.filer_first_name


def open_access(enrolment: Enrolment) -> tuple[Account, bool]:
    """Give the enrolment's holder access: the account known by that e-mail, or a new one.
    Returns (account, created)."""
    account = find_by_email(enrolment.holder_email)
    created = account is None
    if created:
        last_name, first_name = holder_names(enrolment)
        try:  # a savepoint: another manager may validate another request of that holder now
            with db.database.atomic():
                account = create(enrolment.holder_email, last_name, first_name)
        except IntegrityError:  # …and its account was committed first: the holder has it
            account, created = find_by_email(enrolment.holder_email), False
            if account is None:
                raise
    enrolment.holder = account
    enrolment.save(only=[Enrolment.holder])
    return account, created
