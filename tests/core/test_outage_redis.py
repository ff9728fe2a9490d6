"""Redis down (REDIS_URL pointing at a port where nothing listens): signing in still works, the
rate limits count in memory meanwhile, and the support form answers its success page once — its
mails are written and sent later by the periodic resend."""
import pytest
from huey import RedisHuey

from portal import create_app
from portal.extensions import db
from portal.models import OutboxMessage, SupportMessage
from portal.models.mail import PENDING, SENT
from portal.tasks import resend_pending
from tests.helpers.auth import post, ready_account, sign_in
from tests.helpers.enrolment import database
from tests.helpers.outage import free_port
from tests.helpers.pages import html
from tests.helpers.support import GOOD, URL, form_data

SUPPORT = "assistance@segur-mss.localhost"


@pytest.fixture
def redis_down(app):
    """The portal as production runs it with Redis for the limits and the queue, Redis down."""
    url = f"redis://127.0.0.1:{free_port()}/4"
    settings = {key: value for key, value in app.config.items() if not key.startswith("RATELIMIT_")}
    down = create_app({**settings, "REDIS_URL": url, "RATELIMIT_ENABLED": True,
                       "SIGN_IN_RATE_LIMIT": "3 per minute"})
    queue = RedisHuey("portal-test", url=url)  # the worker's queue, unreachable
    down.extensions["outbox_sender"] = queue.task(name="send")(lambda message_id: None)
    down.extensions["account_mailer"] = queue.task(name="account")(lambda kind, values, urls: None)
    down.test_client_class = app.test_client_class
    return down


def test_sign_in_works_and_is_still_limited_while_redis_is_down(app, redis_down):
    account = ready_account(app)
    client = redis_down.test_client()
    response = sign_in(client, account.uid)
    assert response.status_code == 303 and "/connexion" not in response.headers["Location"]
    stranger = redis_down.test_client()
    answers = [sign_in(stranger, account.uid, "pas-le-bon").status_code for _ in range(3)]
    assert answers[:2] == [422, 422] and answers[2] == 429  # the limit counts in memory meanwhile


def test_the_support_form_answers_once_and_its_mails_go_out_later(redis_down, mailbox):
    client = redis_down.test_client()
    data = {**form_data(html(client.get(URL))), **GOOD}
    response = client.post(URL, data=data)
    assert response.status_code == 303
    page = html(client.get(response.headers["Location"]))
    assert "Votre message a bien été envoyé" in page.get_text(" ", strip=True)
    with database(redis_down):
        assert SupportMessage.select().count() == 1
        assert {m.status for m in OutboxMessage.select()} == {PENDING}
    assert mailbox.messages == []

    with redis_down.app_context(), db.database.connection_context():
        resend_pending()  # the worker's periodic run, the queue back or not
        assert {m.status for m in OutboxMessage.select()} == {SENT}
    assert len(mailbox.to(SUPPORT)) == 1
    assert len(mailbox.to("claire.martin@medimail.fr")) == 1


def test_a_forgotten_identifiant_is_still_mailed_while_redis_is_down(app, redis_down, mailbox):
    account = ready_account(app)
    client = redis_down.test_client()
    response = post(client, "/identifiant-oublie", email=account.email)
    assert response.status_code == 303 and response.headers["Location"] == "/connexion"
    with redis_down.app_context(), db.database.connection_context():
        resend_pending()
    [mail] = mailbox.to(account.email)
    assert account.uid in mailbox.text(mail)
