from playwright.sync_api import expect

from tests.helpers.browser import assert_accessible


def test_visitor_reads_news_and_opens_a_faq_answer(page, live_server, demo):
    page.goto(live_server + "/")
    assert page.get_by_role("heading", name="Ouverture de la vague 2 pour les opérateurs MSS").is_visible()
    assert_accessible(page)
    question = page.get_by_role("button", name="Qu'est-ce qu'un enrôlement anticipé ?")
    question.click()
    expect(page.get_by_text("vous pouvez vous enrôler sans déposer de certificat")).to_be_visible()
    page.get_by_role("link", name="Foire aux questions").first.click()
    page.wait_for_url("**/faq")
    expect(page.get_by_role("heading", name="Foire aux questions", level=1)).to_be_visible()
    assert_accessible(page)
