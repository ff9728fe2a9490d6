"""Accounts of the ASP staff (managers, admins, budget owners), created from the command line, and
the demo ones."""
import secrets
import string
from dataclasses import dataclass

from portal.extensions import db
from portal.models import Account
from portal.models.accounts import ADMIN, MANAGER
from portal.models.roles import BUDGET_OWNER, STAFF_ACCOUNT_ROLES
from portal.services.account import accounts
from portal.services.core.identifiers import InvalidIdentifier, clean_email

SPECIALS = "!?@#%&*-"
ALPHABET = string.ascii_letters + string.digits + SPECIALS


class StaffAccountError(ValueError):
    """Refused, with the French reason."""


def generate_password(length: int = 16) -> str:
    """A random password that follows the portal's password rules."""
    while True:
        password = "".join(secrets.choice(ALPHABET) for _ in range(length))
        if not accounts.password_errors(password):
            return password


def create_staff(email: str, role: str, last_name: str, first_name: str) -> tuple[Account, str]:
    """A manager, admin or budget owner account with a generated password, to be changed at first
    sign-in. Returns the account and the password (shown once, stored only hashed)."""
    if role not in STAFF_ACCOUNT_ROLES:
        raise StaffAccountError("Le rôle doit être « manager » (gestionnaire), « admin » "
                                "(administrateur) ou « budget_owner » (responsable budgétaire).")
    try:
        email = clean_email(email)
    except InvalidIdentifier as exc:
        raise StaffAccountError(str(exc))
    if not (last_name or "").strip() or not (first_name or "").strip():
        raise StaffAccountError("Le nom et le prénom sont obligatoires.")
    if accounts.find_by_email(email):
        raise StaffAccountError(f"Un compte existe déjà pour l'adresse {email}.")
    password = generate_password()
    with db.database.atomic():
        account = accounts.create(email, last_name.strip(), first_name.strip(), role, password)
    return account, password


@dataclass(frozen=True)
class DemoAccount:
    role: str
    uid: str
    email: str
    last_name: str
    first_name: str
    password: str


DEMO_ACCOUNTS = (
    DemoAccount(ADMIN, "AD0000001", "admin.demo@segur-mss.localhost", "Démonstration",
                "Administrateur", "Admin-Demo-2026!"),
    DemoAccount(MANAGER, "GE0000001", "gestionnaire.demo@segur-mss.localhost", "Démonstration",
                "Gestionnaire", "Gestion-Demo-2026!"),
    DemoAccount(BUDGET_OWNER, "RB0000001", "budget.demo@segur-mss.localhost", "Démonstration",
                "Budget", "Budget-Demo-2026!"),
)


def ensure_demo_accounts() -> list[tuple[Account, str]]:
    """The demo admin, manager and budget owner, created once; each run gives them back their known password
    (so that what the run command prints always works)."""
    result = []
    with db.database.atomic():
        for demo in DEMO_ACCOUNTS:
            account = accounts.find_by_email(demo.email)
            if account is None:
                uid_taken = Account.select().where(Account.uid == demo.uid).exists()
                account = Account.create(
                    uid=accounts.new_uid(demo.role) if uid_taken else demo.uid, email=demo.email,
                    last_name=demo.last_name, first_name=demo.first_name, role=demo.role)
            account.role = demo.role
            account.active = True
            account.save()
            accounts.set_password(account, demo.password, must_change=False)
            result.append((account, demo.password))
    return result
