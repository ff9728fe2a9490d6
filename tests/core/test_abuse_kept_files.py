"""Files kept across a refused form (« Mon compte », support) and never attached to anything are
purged by the worker once the time to correct the form has passed; nothing attached is touched."""
import datetime
import os

import pytest

from portal import tasks
from portal.models import BankDetail, Document
from portal.models.base import utcnow
from tests.helpers.accounts import signed_in
from tests.helpers.enrolment import database
from tests.helpers.instruction import upload_file
from tests.helpers.operator import filing_operator
from tests.helpers.pages import html

NEW = "/mon-compte/coordonnees-bancaires/ajout"
WRONG_IBAN = "FR76 1027 8060 6100 0102 0480 198"


@pytest.fixture
def client(app, demo):
    return signed_in(app.test_client(), filing_operator(app))


def add_bank_detail(client, iban="FR76 1027 8060 6100 0102 0480 197", name="rib.jpg"):
    token = html(client.get(NEW)).find("input", attrs={"name": "csrf_token"})["value"]
    return client.post(NEW, data={"csrf_token": token, "iban": iban, "bic": "CMCIFR2A",
                                  "account_holder": "MEDIMAIL SOLUTIONS",
                                  "doc_rib": upload_file("rib.jpg", name)})


def on_disk(app, document) -> bool:
    return os.path.exists(os.path.join(app.config["UPLOAD_DIR"], document.stored_name))


def test_the_worker_purges_kept_files_never_attached(app, client):
    assert add_bank_detail(client, WRONG_IBAN, "abandonne.jpg").status_code == 422
    assert add_bank_detail(client, name="rattache.jpg").status_code == 303
    with database(app):
        Document.update(created_at=utcnow() - datetime.timedelta(hours=25)).execute()
    assert add_bank_detail(client, WRONG_IBAN, "en-cours.jpg").status_code == 422
    with database(app):
        before = {d.original_name: d for d in Document.select()}
        assert {"abandonne.jpg", "rattache.jpg", "en-cours.jpg"} <= set(before)

        tasks.purge_abandoned_files()

        after = {d.original_name for d in Document.select()}
        assert after == set(before) - {"abandonne.jpg"}
        assert not on_disk(app, before["abandonne.jpg"])
        assert on_disk(app, before["rattache.jpg"]) and on_disk(app, before["en-cours.jpg"])
        assert BankDetail.get().rib.original_name == "rattache.jpg"
