from tests.helpers.pages import html


def test_landing_page_shows_news_and_faq(client, demo):
    response = client.get("/")
    assert response.status_code == 200
    page = html(response)
    assert page.find("html")["lang"] == "fr"
    titles = [h.get_text(strip=True) for h in page.select(".fr-card__title")]
    assert "Ouverture de la vague 2 pour les opérateurs MSS" in titles
    # Operator news stay on the private home.
    assert "Dépôt des demandes d'avance" not in titles
    questions = [b.get_text(strip=True) for b in page.select(".fr-accordion__btn")]
    assert "Qu'est-ce qu'un enrôlement anticipé ?" in questions


def test_landing_page_without_data_says_so(client):
    page = html(client.get("/"))
    assert "Aucune actualité pour le moment." in page.get_text()


def test_faq_is_a_page_or_a_fragment(client, demo):
    full = client.get("/faq")
    assert b"<html" in full.data
    assert "HX-Request" in full.headers["Vary"]
    boosted = client.get("/faq", headers={"HX-Request": "true", "HX-Boosted": "true"})
    assert b"<html" in boosted.data

