"""Sign-in and passwords: the rules behind the auth pages (portal.blueprints.auth.routes stays thin).

- a wrong identifiant/password pair gets one neutral message;
- after MAX_FAILURES wrong passwords in a row for one identifiant from one client address, that
  address is refused for LOCK_DURATION, even the right password — whether the identifiant is an
  account's or not, so the lock tells nothing, and a stranger's tries never shut the holder out
  from elsewhere; the reset link (« J'ai oublié mon mot de passe ») lifts the locks;
- the forgotten-identifiant and forgotten-password forms answer the same words in the same time
  whether the account exists or not: the request only hands the typed values to the worker, which
  looks the account up and writes the mail;
- mailed links (creation, reset) set the password once; the secret question, when there is one,
  guards the reset.
"""
import datetime
import logging
import math
import unicodedata
from urllib.parse import urlsplit

from flask import current_app, url_for

from portal.extensions import db
from portal.models import Account, SignInFailure
from portal.models.base import utcnow
from portal.services.account import accounts
from portal.services.core import limits, links, navigation, outbox
from portal.services.core.errors import ACTION, Refused, refuse_if
from portal.services.core.identifiers import InvalidIdentifier, clean_email

log = logging.getLogger(__name__)
MAX_FAILURES = 5
LOCK_DURATION = datetime.timedelta(minutes=15)
RESET_LIFETIME = datetime.timedelta(hours=24)
# The URL word of a mailed password link → the link's purpose.
PURPOSES = {"creation": links.SET_PASSWORD, "reinitialisation": links.RESET_PASSWORD}
SECRET_QUESTIONS = {
    "mother": "Quel est le nom de jeune fille de votre mère ?",
    "pet": "Quel est le nom de votre premier animal de compagnie ?",
    "birthplace": "Dans quelle ville êtes-vous né(e) ?",
    "friend": "Quel est le prénom de votre meilleur(e) ami(e) d'enfance ?",
    "school": "Quel était le nom de votre école primaire ?",
}
ANSWER_MAX = limits.ANSWER

WRONG_PAIR = "Identifiant ou mot de passe incorrect."
REQUIRED = {
    "uid": "Saisissez votre identifiant.",
    "password": "Saisissez votre mot de passe.",
    "email": "Saisissez votre adresse électronique.",
    "current_password": "Saisissez votre mot de passe actuel.",
    "new_password": "Saisissez votre nouveau mot de passe.",
    "confirmation": "Saisissez une seconde fois votre nouveau mot de passe.",
    "question": "Choisissez votre question secrète.",
    "answer": "Saisissez la réponse à votre question secrète.",
}
WRONG_CURRENT = "Le mot de passe actuel est incorrect."
MISMATCH = "Les deux mots de passe saisis ne sont pas identiques."
WRONG_ANSWER = "Cette réponse ne correspond pas à votre question secrète."
TOO_MANY_ANSWERS = ("Trop de réponses erronées à la question secrète : ce lien ne fonctionne plus. "
                    "Demandez un nouveau lien.")


def _required(values: dict, *names) -> dict:
    return {name: REQUIRED[name] for name in names if not (values.get(name) or "").strip()}


def _locked_message(until: datetime.datetime) -> str:
    minutes = max(1, math.ceil((until - utcnow()).total_seconds() / 60))
    return (f"Votre compte est temporairement bloqué après {MAX_FAILURES} mots de passe erronés "
            f"à la suite. Réessayez dans {minutes} minute{'s' if minutes > 1 else ''}, ou "
            "débloquez-le tout de suite en choisissant un nouveau mot de passe avec le lien "
            "« J'ai oublié mon mot de passe ».")


def _dummy_check(password: str) -> None:
    """Spend the time of a real check, so that an unknown identifiant is not told by the delay."""
    if not hasattr(_dummy_check, "hashed"):
        _dummy_check.hashed = accounts.hash_secret("pas-de-compte")
    accounts.check_secret(_dummy_check.hashed, password)




def record_failure(account: Account) -> bool:
    """One more wrong secret in a row; locks the account at MAX_FAILURES. True if it is now locked."""
    Account.update(failed_logins=Account.failed_logins + 1).where(Account.id == account.id).execute()
    failures = Account.select(Account.failed_logins).where(Account.id == account.id).scalar()
    if failures < MAX_FAILURES:
        account.failed_logins = failures
        return False
    account.failed_logins, account.locked_until = 0, utcnow() + LOCK_DURATION
    account.save(only=[Account.failed_logins, Account.locked_until])
    return True


def _address_locked_until(uid: str, address: str):
    return SignInFailure.select(SignInFailure.locked_until).where(
        SignInFailure.uid == uid, SignInFailure.address == address).scalar()


def _record_address_failure(uid: str, address: str):
    """One more wrong password for `uid` from `address` (the same work for any identifiant);
    the lock's end when it is now locked, else None."""
    SignInFailure.insert(uid=uid, address=address).on_conflict_ignore().execute()
    where = (SignInFailure.uid == uid) & (SignInFailure.address == address)
    SignInFailure.update(failures=SignInFailure.failures + 1).where(where).execute()
    if SignInFailure.select(SignInFailure.failures).where(where).scalar() < MAX_FAILURES:
        return None
    until = utcnow() + LOCK_DURATION
    SignInFailure.update(failures=0, locked_until=until).where(where).execute()
    return until


def _locked(until: datetime.datetime, retry_after: int | None = None) -> Refused:
    return Refused({ACTION: _locked_message(until)}, locked=True,
                   retry_after=retry_after or int((until - utcnow()).total_seconds()) + 1)


def purge_sign_in_failures() -> int:
    """The worker, daily: counts of wrong passwords older than a day, and the locks ended."""
    now = utcnow()
    return SignInFailure.delete().where(
        SignInFailure.created_at < now - datetime.timedelta(days=1),
        SignInFailure.locked_until.is_null() | (SignInFailure.locked_until < now)).execute()


def authenticate(values: dict, address: str = "") -> Account:
    """The account for the identifiant and password typed from `address` (the client's IP);
    raises Refused otherwise — by field when one is empty, as a whole (`locked` and
    `retry_after` for a locked identifiant) else. Known and unknown identifiants take the same
    path: a password check (a dummy one), a failure counted, the same lock."""
    refuse_if(_required(values, "uid", "password"))
    uid, password = (values["uid"] or "").strip().upper(), values["password"]
    until = _address_locked_until(uid, address)
    if until and until > utcnow():
        raise _locked(until)
    account = accounts.find_by_uid(uid)
    if account is None or not account.active or not account.password_hash:
        _dummy_check(password)
        account = None
    elif account.locked_until and account.locked_until > utcnow():
        # locked by its own session (five wrong current passwords), not by a stranger
        raise _locked(account.locked_until)
    if account is None or not accounts.check_secret(account.password_hash, password):
        until = _record_address_failure(uid, address)
        if until:
            raise _locked(until, int(LOCK_DURATION.total_seconds()))
        raise Refused({ACTION: WRONG_PAIR}, locked=False)
    SignInFailure.delete().where(SignInFailure.uid == uid, SignInFailure.address == address) \
        .execute()
    account.failed_logins, account.locked_until, account.last_login_at = 0, None, utcnow()
    account.save(only=[Account.failed_logins, Account.locked_until, Account.last_login_at])
    return account


def safe_next(target: str | None) -> str | None:
    """`target` if it is a path of this site (never another host), None otherwise."""
    target = (target or "").strip().rstrip("?")
    parts = urlsplit(target)
    if (not target.startswith("/") or target.startswith("//") or "\\" in target
            or parts.scheme or parts.netloc):
        return None
    return target


def home_url(account: Account) -> str:
    """The home of the account's role."""
    return url_for(navigation.home_endpoint(account.role))


def next_url(account: Account, wanted: str | None = None) -> str:
    """Where a signed-in account goes: the forced password change, then the secret question, then
    the page it asked for or its home."""
    if account.must_change_password:
        return url_for("auth.change_password")
    if not account.secret_question:
        return url_for("auth.secret_question")
    return safe_next(wanted) or home_url(account)


def in_first_steps(account: Account, endpoint: str | None) -> bool:
    """The account is on a step of its first sign-in that it must finish before anything else:
    the forced password change, or its first secret question. The menu bar is not shown then."""
    return account.must_change_password or (endpoint == "auth.secret_question"
                                            and not account.secret_question)


def _clean_email(values: dict, errors: dict) -> str:
    email = (values.get("email") or "").strip()
    if email and "email" not in errors:
        try:
            email = clean_email(email)
        except InvalidIdentifier as exc:
            errors["email"] = str(exc)
    return email


def _mail(account: Account, template: str, sign_in_url: str | None = None, **context) -> None:
    outbox.queue(account.email, template, related=f"account:{account.id}", account=account,
                 sign_in_url=sign_in_url or url_for("auth.sign_in", _external=True), **context)


TOKEN = "__jeton__"  # where the reset link's token goes in the URL handed to the worker


def _to_worker(kind: str, **values) -> None:
    """Hand a forgotten-identifiant or -password request to the worker: the same work whether
    the account exists or not (its lookup, link and mail are the worker's). The URLs are made
    here, where the request says the site's address. A queue that cannot be reached (Redis
    down): done here, rather than lost."""
    urls = {"sign_in_url": url_for("auth.sign_in", _external=True),
            "reset_url": url_for("auth.set_password", purpose="reinitialisation", token=TOKEN,
                                 _external=True)}
    try:
        current_app.extensions["account_mailer"](kind, values, urls)
    except Exception:  # noqa: BLE001 - whatever the queue's failure, the request is served
        log.exception("Demande « %s » non confiée au worker : traitée dans la requête", kind)
        mail_for_request(kind, values, urls)


def mail_for_request(kind: str, values: dict, urls: dict) -> None:
    """The worker's side of _to_worker: the mail, if the values are an account's."""
    {"uid_reminder": _mail_uid_reminder, "reset_link": _mail_reset_link}[kind](urls, **values)


def send_uid_reminder(values: dict) -> None:
    """« J'ai oublié mon identifiant »: mail it if the address is an account's. Refuses the form
    itself only (never says whether the address is known)."""
    errors = _required(values, "email")
    email = _clean_email(values, errors)
    refuse_if(errors)
    _to_worker("uid_reminder", email=email)


def _mail_uid_reminder(urls: dict, email: str) -> None:
    account = accounts.find_by_email(email)
    if account is not None and account.active:
        _mail(account, "auth_uid_reminder", urls["sign_in_url"])


def send_reset_link(values: dict) -> None:
    """« J'ai oublié mon mot de passe »: a reset link if identifiant and address are one account's."""
    errors = _required(values, "uid", "email")
    email = _clean_email(values, errors)
    refuse_if(errors)
    _to_worker("reset_link", uid=values.get("uid") or "", email=email)


def _mail_reset_link(urls: dict, uid: str, email: str) -> None:
    account = accounts.find_by_uid(uid)
    if account is not None and account.active and account.email == email:
        with db.database.atomic():
            token = links.make(links.RESET_PASSWORD, account=account, lifetime=RESET_LIFETIME)
            _mail(account, "auth_password_reset", urls["sign_in_url"],
                  hours=int(RESET_LIFETIME.total_seconds() // 3600),
                  link=urls["reset_url"].replace(TOKEN, token))


def find_link(purpose: str, token: str):
    """The live link behind a password URL, or None (used, expired, forged, unknown purpose)."""
    if purpose not in PURPOSES:
        return None
    link = links.find(PURPOSES[purpose], token)
    if link is None or link.account is None or not link.account.active:
        return None
    return link


def asks_secret_question(purpose: str, account: Account) -> bool:
    return purpose == "reinitialisation" and bool(account.secret_question)


def normalise_answer(answer: str) -> str:
    """« Saint-Étienne » and « saint etienne » are the same answer."""
    decomposed = unicodedata.normalize("NFKD", answer or "")
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(bare.replace("-", " ").replace("'", " ").split())


def _new_password_errors(values: dict, account: Account, errors: dict) -> None:
    new = values.get("new_password") or ""
    if "new_password" not in errors:
        broken = accounts.password_errors(new, account)
        if broken:
            errors["new_password"] = ("Ce mot de passe ne respecte pas ces règles : "
                                      + " ; ".join(broken) + ".")
    if "confirmation" not in errors and "new_password" not in errors \
            and values.get("confirmation") != new:
        errors["confirmation"] = MISMATCH


def set_password_with_link(link, purpose: str, values: dict) -> bool:
    """Set the password through a mailed link; raises Refused by field. False when the link
    stopped working (spent meanwhile, or too many wrong answers)."""
    account = link.account
    errors = _required(values, "new_password", "confirmation")
    if asks_secret_question(purpose, account):
        errors.update(_required(values, "answer"))
        if "answer" not in errors and not accounts.check_secret(
                account.secret_answer_hash, normalise_answer(values.get("answer"))):
            if record_failure(account):
                account.locked_until = None  # the lock is this link's end, not the account's
                account.save(only=[Account.locked_until])
                links.spend(link)
                return False
            errors["answer"] = WRONG_ANSWER
    _new_password_errors(values, account, errors)
    refuse_if(errors)
    with db.database.atomic():
        if not links.spend(link):
            return False
        # A password its holder chose: never forced to change again (only one that someone
        # else set, as `flask create-staff` does, is changed at the first sign-in).
        accounts.set_password(account, values["new_password"], must_change=False)
        SignInFailure.delete().where(SignInFailure.uid == account.uid).execute()  # the locks end
        if purpose == "reinitialisation":
            _mail(account, "auth_password_changed")
    return True


def change_password(account: Account, values: dict) -> None:
    """« Changement du mot de passe »; raises Refused by field. A wrong current password counts
    as a failed sign-in, and the fifth in a row locks the account (`locked`: the session ends)."""
    errors = _required(values, "current_password", "new_password", "confirmation")
    if "current_password" not in errors and not accounts.check_secret(
            account.password_hash, values.get("current_password")):
        if record_failure(account):
            raise Refused({"current_password": WRONG_CURRENT}, locked=True)
        errors["current_password"] = WRONG_CURRENT
    _new_password_errors(values, account, errors)
    refuse_if(errors, locked=False)
    with db.database.atomic():
        accounts.set_password(account, values["new_password"], must_change=False)
        _mail(account, "auth_password_changed")


def locked_notice(account: Account) -> str:
    return _locked_message(account.locked_until or utcnow() + LOCK_DURATION)


def set_secret_question(account: Account, values: dict) -> None:
    errors = _required(values, "question", "answer")
    question = SECRET_QUESTIONS.get(values.get("question") or "")
    if "question" not in errors and question is None:
        errors["question"] = REQUIRED["question"]
    answer = normalise_answer(values.get("answer"))
    if "answer" not in errors and len(answer) < 2:
        errors["answer"] = "Votre réponse doit compter au moins 2 caractères."
    elif len(answer) > ANSWER_MAX:
        errors["answer"] = f"Votre réponse doit compter {ANSWER_MAX} caractères au plus."
    refuse_if(errors)
    account.secret_question = question
    account.secret_answer_hash = accounts.hash_secret(answer)
    account.save(only=[Account.secret_question, Account.secret_answer_hash])
