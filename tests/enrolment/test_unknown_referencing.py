"""Step 1 with an ANS number the ASP does not know: the message says to contact the support and
links to « Contacter l'assistance », on the search and on « Etape suivante » alike."""
import pytest

from tests.helpers.enrolment import error, form_data, step_url
from tests.helpers.pages import html

MESSAGE = "Ce numéro de référencement est inconnu de l'ASP. Vérifiez-le, ou contactez l'assistance."


def support_link(page):
    messages = page.find(id="ans_number-messages")
    link = messages.select_one(".fr-message--error a")
    return link["href"], link.get_text(strip=True)


@pytest.mark.parametrize("how", ["search", "next_step"])
def test_an_unknown_number_links_to_the_support(wizard, how):
    if how == "search":
        response = wizard.search_referencing("MSS-2099-9999")
    else:
        data = {**form_data(wizard.page(1)), "ans_number": "MSS-2099-9999"}
        response = wizard.post(step_url(1), data, htmx=True)
    assert response.status_code == 422
    page = html(response)
    assert error(page, "ans_number") == MESSAGE
    assert support_link(page) == ("/assistance", "contactez l'assistance")
    assert wizard.client.get("/assistance").status_code == 200


def test_other_messages_of_the_field_carry_no_link(wizard):
    data = {**form_data(wizard.page(1)), "ans_number": ""}
    page = html(wizard.post(step_url(1), data, htmx=True))
    assert error(page, "ans_number")
    assert page.find(id="ans_number-messages").find("a") is None


def test_the_message_keeps_its_link_when_copied_and_reads_as_text_elsewhere():
    import copy
    import json
    import pickle

    from portal.services.reference.lookups import UNKNOWN_ANS
    for kept in (copy.deepcopy(UNKNOWN_ANS), pickle.loads(pickle.dumps(UNKNOWN_ANS))):
        assert (kept, kept.link_text, kept.endpoint) == (
            MESSAGE, "contactez l'assistance", "public.contact.contact")
    assert json.loads(json.dumps({"ans_number": UNKNOWN_ANS})) == {"ans_number": MESSAGE}
