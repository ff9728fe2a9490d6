"""Whether an identifiant or an address has an account is not told: by the words, the status or
the time of the answer (forgotten identifiant, forgotten password, sign-in lock); and a stranger's
wrong passwords do not shut the holder out."""
import statistics
import time

import pytest

from portal.extensions import db
from portal.tasks import huey
from tests.helpers.accounts import PASSWORD
from tests.helpers.auth import alert, csrf, notices, ready_account, received, sign_in, home_of

WRONG = "Mauvais-mot-2026!"
STRANGER = {"REMOTE_ADDR": "203.0.113.7"}
HOLDER = {"REMOTE_ADDR": "198.51.100.2"}


@pytest.fixture
def worker_apart(app, monkeypatch):
    """Tasks wait in the queue until the test runs them, as the separate worker of production does
    (the tests' queue otherwise runs each task inside the request)."""
    monkeypatch.setattr(huey, "_immediate", False)

    def run_queued():
        with app.app_context(), db.database.connection_context():
            while (task := huey.dequeue()) is not None:
                huey.execute(task)
    yield run_queued
    run_queued()


def answer(client, url, **data):
    """The answer to a form post, as the user sees it: status, where it leads, the page's notice."""
    response = client.post(url, data={"csrf_token": csrf(client), **data})
    return response.status_code, response.headers.get("Location"), notices(client.get("/connexion"))


def test_forgotten_identifiant_and_password_answer_the_same_words(app, client, worker_apart, mailbox):
    account = ready_account(app)
    assert answer(client, "/identifiant-oublie", email=account.email) == \
        answer(client, "/identifiant-oublie", email="personne@example.fr")
    assert answer(client, "/mot-de-passe-oublie", uid=account.uid, email=account.email) == \
        answer(client, "/mot-de-passe-oublie", uid="OP0000000", email="personne@example.fr") == \
        answer(client, "/mot-de-passe-oublie", uid=account.uid, email="personne@example.fr")
    worker_apart()
    assert len(received(mailbox, account.email, 2)) == 2 and len(mailbox.messages) == 2


def quick(times) -> float:
    """The lower quartile: what the work itself costs, a busy machine only adding to it."""
    return statistics.quantiles(times, n=4)[0]


def timed_posts(client, url, data_known, data_unknown, tries=30):
    """The POST alone for a known and an unknown account, interleaved (the order alternating) so
    that the load of a shared machine hits both: their lower quartiles and medians, in seconds."""
    times = {"known": [], "unknown": []}
    for n in range(tries):
        for kind in (("known", "unknown") if n % 2 else ("unknown", "known")):
            token = csrf(client)
            start = time.perf_counter()
            response = client.post(url, data={"csrf_token": token,
                                              **(data_known if kind == "known" else data_unknown)})
            times[kind].append(time.perf_counter() - start)
            assert response.status_code == 303
    return {kind: (quick(values), statistics.median(values)) for kind, values in times.items()}


@pytest.mark.parametrize("url,known,unknown", [
    ("/identifiant-oublie", lambda a: {"email": a.email}, {"email": "personne@example.fr"}),
    ("/mot-de-passe-oublie", lambda a: {"uid": a.uid, "email": a.email},
     {"uid": "OP0000000", "email": "personne@example.fr"}),
])
def test_forgotten_identifiant_and_password_take_the_same_time(app, client, worker_apart, mailbox,
                                                                url, known, unknown):
    account = ready_account(app)
    timed_posts(client, url, known(account), unknown, tries=4)  # warm-up
    worker_apart()
    ratios = []
    for _ in range(3):  # a busy machine may skew one round; a real difference skews every round
        times = timed_posts(client, url, known(account), unknown)
        ratio = times["known"][0] / times["unknown"][0]
        print(f"{url}: known {times['known'][0] * 1000:.1f} ms (median "
              f"{times['known'][1] * 1000:.1f}), unknown {times['unknown'][0] * 1000:.1f} ms "
              f"(median {times['unknown'][1] * 1000:.1f}), ratio {ratio:.2f}")
        ratios.append(ratio)
        if 1 / 1.4 < ratio < 1.4:
            break
    assert 1 / 1.4 < ratios[-1] < 1.4, ratios
    rounds = len(ratios)
    worker_apart()
    mails = 4 + 30 * rounds  # the known one did get its mails
    assert len(received(mailbox, account.email, mails)) == mails


def sign_in_attempts(app, uid, count, environ=None):
    client = app.test_client()
    if environ:
        client.environ_base.update(environ)
    return [sign_in(client, uid, WRONG) for _ in range(count)], client


def test_the_lock_reads_the_same_for_a_known_and_an_unknown_identifiant(app):
    account = ready_account(app)
    known, _ = sign_in_attempts(app, account.uid, 6)
    unknown, _ = sign_in_attempts(app, "OP0000000", 6)
    assert [r.status_code for r in known] == [r.status_code for r in unknown] \
        == [422, 422, 422, 422, 429, 429]
    assert [alert(r) for r in known] == [alert(r) for r in unknown]
    assert "temporairement bloqué" in alert(unknown[-1])
    assert known[-1].headers["Retry-After"] == unknown[-1].headers["Retry-After"] \
        or abs(int(known[-1].headers["Retry-After"]) - int(unknown[-1].headers["Retry-After"])) <= 1


def test_a_strangers_wrong_passwords_do_not_shut_the_holder_out(app):
    account = ready_account(app)
    tries, stranger = sign_in_attempts(app, account.uid, 10, STRANGER)
    assert tries[4].status_code == 429 and tries[-1].status_code == 429
    assert sign_in(stranger, account.uid, PASSWORD).status_code == 429  # that address stays locked

    holder = app.test_client()
    holder.environ_base.update(HOLDER)
    response = sign_in(holder, account.uid, PASSWORD)
    assert response.status_code == 303 and response.headers["Location"] == home_of(app)
