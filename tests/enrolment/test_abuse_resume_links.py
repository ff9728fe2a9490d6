"""« Recevoir un lien de reprise » cannot be used to mail-bomb an address: limited per draft, per
IP address and per recipient per day, with one French message that tells nothing more."""
import pytest

from tests.helpers.enrolment import Wizard, form_data
from tests.helpers.limits import enable_limits, from_address
from tests.helpers.pages import html

URL = "/enrolement/lien-de-reprise"
REFUSED = "Trop de liens de reprise ont été demandés : réessayez demain."
HIGH = "1000 per day"


def ask_link(wizard: Wizard, email: str):
    data = {**form_data(wizard.page(1), action=URL), "email": email}
    return wizard.post(URL, data, htmx=True)


def sent(response) -> bool:
    if response.status_code == 200:
        return True
    assert response.status_code == 422
    assert html(response).find(id="email-messages").get_text(" ", strip=True) == REFUSED
    return False


@pytest.fixture
def limited(demo):
    def configure(**limits):
        settings = {"RESUME_LINK_DRAFT_LIMIT": HIGH, "RESUME_LINK_IP_LIMIT": HIGH,
                    "RESUME_LINK_RECIPIENT_LIMIT": HIGH, "DRAFTS_PER_IP_LIMIT": HIGH, **limits}
        return enable_limits(demo, **settings)
    return configure


def test_one_draft_gets_30_links_and_the_31st_is_refused(limited, mailbox):
    app = limited(RESUME_LINK_DRAFT_LIMIT="30 per day")
    client = app.test_client()
    wizard = Wizard(client)
    results = []
    for n in range(31):
        from_address(client, f"10.0.0.{n}")
        results.append(sent(ask_link(wizard, f"victime{n}@example.fr")))
    assert results == [True] * 30 + [False]
    assert len(mailbox.messages) == 30


def test_one_address_gets_30_links_and_the_31st_is_refused(limited, mailbox):
    app = limited(RESUME_LINK_IP_LIMIT="30 per day")
    results = [sent(ask_link(Wizard(app.test_client()), f"victime{n}@example.fr"))
               for n in range(31)]
    assert results == [True] * 30 + [False]
    assert len(mailbox.messages) == 30


def test_one_recipient_gets_30_links_a_day_and_the_31st_is_refused(limited, mailbox):
    app = limited(RESUME_LINK_RECIPIENT_LIMIT="30 per day")
    results = []
    for n in range(31):
        client = from_address(app.test_client(), f"10.0.1.{n}")
        results.append(sent(ask_link(Wizard(client), "Victime@Example.fr" if n % 2 else
                                     "victime@example.fr")))
    assert results == [True] * 30 + [False]
    assert len(mailbox.to("victime@example.fr")) + len(mailbox.to("Victime@Example.fr")) == 30


def test_the_defaults_stop_a_flood_at_once(demo, mailbox):
    """With the settings as shipped: 5 links per draft a day."""
    client = enable_limits(demo).test_client()
    wizard = Wizard(client)
    results = [sent(ask_link(wizard, f"victime{n}@example.fr")) for n in range(30)]
    assert results.count(True) == 5 and results[5:] == [False] * 25
