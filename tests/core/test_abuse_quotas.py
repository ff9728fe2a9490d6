"""Quotas per IP address count across the app's processes (in Redis, like the rate limits), and a
storage that does not answer never turns a request into an error."""
import multiprocessing

import pytest
import redis

from portal import create_app
from portal.models import EnrolmentDraft
from tests.helpers.enrolment import START, Wizard, database, fixture_file, form_data
from tests.helpers.limits import enable_limits

REDIS = "redis://127.0.0.1:6379/2"  # this helper's own database number


def first_uploads(config: dict, count: int, results) -> None:
    """One app process: `count` browsers, each storing its draft by a first upload."""
    app = create_app(config)
    statuses = []
    for _ in range(count):
        client = app.test_client()
        token = form_data(Wizard(client).page(1))["csrf_token"]
        statuses.append(client.post(f"{START}/document/referencing_certificate",
                                    data={"csrf_token": token,
                                          "doc_referencing_certificate": fixture_file("document.pdf")},
                                    headers={"HX-Request": "true", "X-CSRFToken": token}).status_code)
    results.put(statuses)


def test_two_processes_share_the_count_of_drafts_in_redis(app):
    try:
        redis.Redis.from_url(REDIS).flushdb()
    except redis.exceptions.ConnectionError:
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    config = {key: app.config[key] for key in ("TESTING", "SECRET_KEY", "DATABASE_URL",
                                               "UPLOAD_DIR", "PASSWORD_HASH_METHOD")}
    config.update(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI=REDIS, WTF_CSRF_ENABLED=True,
                  DRAFTS_PER_IP_LIMIT="6 per hour")
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    processes = [context.Process(target=first_uploads, args=(config, 5, results))
                 for _ in range(2)]
    for process in processes:
        process.start()
    statuses = results.get(timeout=120) + results.get(timeout=120)
    for process in processes:
        process.join(timeout=30)
    assert sorted(statuses) == [200] * 6 + [429] * 4
    with database(app):
        assert EnrolmentDraft.select().count() == 6


def test_a_storage_that_does_not_answer_lets_visitors_through(demo, mailbox, caplog):
    """Redis on a closed port: the quotas are not counted, nothing fails."""
    client = enable_limits(demo, RATELIMIT_STORAGE_URI="redis://127.0.0.1:1/0").test_client()
    wizard = Wizard(client)
    page = wizard.page(1)
    upload = wizard.post(f"{START}/document/referencing_certificate",
                         {"csrf_token": form_data(page)["csrf_token"],
                          "doc_referencing_certificate": fixture_file("document.pdf")}, htmx=True)
    assert upload.status_code == 200
    data = {**form_data(wizard.page(1), action=f"{START}/lien-de-reprise"),
            "email": "claire.martin@medimail.fr"}
    assert wizard.post(f"{START}/lien-de-reprise", data, htmx=True).status_code == 200
    assert len(mailbox.to("claire.martin@medimail.fr")) == 1
    assert "not counted: the limiter's storage did not answer" in caplog.text
