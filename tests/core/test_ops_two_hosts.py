"""Several hosts behind one proxy, as the README's « Mise en production » describes them: two
app processes (gunicorn) and one huey worker sharing SECRET_KEY, the database, the upload folder
and Redis (queue and rate limits). A session opened on A is valid on B, a document uploaded
through A is downloaded through B, a mail queued by A is sent by the worker, and a rate limit
counted on A applies on B."""
import os

import pytest
import redis

from portal.models import BankDetail
from tests.helpers.accounts import PASSWORD
from tests.helpers.auth import ready_account, received
from tests.helpers.enrolment import database
from tests.helpers.instruction import file_enrolment
from tests.helpers.operator import own_filed
from tests.helpers.processes import Browser, app_server, free_port, wait_until, worker
from tests.helpers.wizard_steps import JPG

REDIS_URL = "redis://127.0.0.1:6379/1"  # the ops helper's Redis database
STARTUP_TIMEOUT = 120  # seconds: a busy machine starts gunicorn and the worker slowly


def _redis_or_skip():
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError:
        if os.environ.get("CI"):
            raise
        pytest.skip("Redis injoignable sur 127.0.0.1:6379")
    return client


@pytest.fixture
def hosts(app, smtp_server, tmp_path):
    _redis_or_skip().flushdb()  # an empty queue and fresh limits
    env = {"SECRET_KEY": "deux-hotes-un-secret", "DATABASE_URL": app.config["DATABASE_URL"],
           "UPLOAD_DIR": app.config["UPLOAD_DIR"], "REDIS_URL": REDIS_URL,
           "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": str(smtp_server.port),
           "ACCOUNT_MAIL_RATE_LIMIT": "3 per hour", "LOG_FORMAT": "json",
           "HEALTH_MIN_FREE_MB": "1", "SESSION_COOKIE_SECURE": "0", "PORTAL_DEMO": "0"}
    ports = free_port(), free_port()
    processes = [app_server(name, port, env, tmp_path) for name, port in zip("AB", ports)]
    processes.append(worker(env, tmp_path))
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        probe = Browser()
        for url, process in zip(urls, processes):
            wait_until(lambda: process.popen.poll() is None and probe.get(url + "/sante").status == 200,
                       STARTUP_TIMEOUT, f"{process.name} up\n{process.output()}")
        for url in urls:  # ready once the worker gave its first sign of life
            wait_until(lambda: probe.get(url + "/sante/pret").status == 200, STARTUP_TIMEOUT,
                       f"{url} ready\n{processes[-1].output()}")
        yield urls
    finally:
        for process in processes:
            process.stop()


def test_two_app_hosts_and_one_worker_share_sessions_files_mails_and_limits(app, demo, hosts,
                                                                            mailbox):
    host_a, host_b = hosts
    file_enrolment(app)
    operator = ready_account(app)
    own_filed(app, operator)
    mailbox.messages.clear()

    # A session opened on A is valid on B; a stranger on B is sent to sign in.
    browser = Browser()
    signed = browser.post(host_a + "/connexion", {"uid": operator.uid, "password": PASSWORD})
    assert signed.status == 303 and signed.headers["Location"].endswith("/espace/")
    assert browser.get(host_b + "/espace/").status == 200
    assert Browser().get(host_b + "/espace/").status == 303

    # A RIB uploaded through A is downloaded through B, byte for byte.
    added = browser.post(host_a + "/mon-compte/coordonnees-bancaires/ajout",
                         {"iban": "FR76 1027 8060 6100 0102 0480 197", "bic": "CMCIFR2A",
                          "account_holder": "MEDIMAIL SOLUTIONS"},
                         files={"doc_rib": ("rib.jpg", JPG.read_bytes(), "image/jpeg")})
    assert added.status == 303, added.text[-2000:]
    with database(app):
        detail = BankDetail.select().order_by(BankDetail.id.desc()).get()
    download = browser.get(f"{host_b}/mon-compte/coordonnees-bancaires/{detail.id}/rib")
    assert download.status == 200 and download.body == JPG.read_bytes()

    # A mail queued by A is sent by the worker; the per-IP limit counted on A applies on B.
    visitor = Browser()
    assert visitor.post(host_a + "/identifiant-oublie", {"email": operator.email}).status == 303
    mails = received(mailbox, operator.email, count=2, timeout=60)  # with the RIB's acknowledgement
    assert [m for m in mails if operator.uid in mailbox.text(m)], [m["Subject"] for m in mails]
    assert visitor.post(host_a + "/identifiant-oublie", {"email": "x@example.fr"}).status == 303
    assert visitor.post(host_b + "/identifiant-oublie", {"email": "x@example.fr"}).status == 303
    assert visitor.post(host_b + "/identifiant-oublie", {"email": "x@example.fr"}).status == 429
