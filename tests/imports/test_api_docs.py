"""The « API » section of « Documentation des JSONs »: authentication, each endpoint with a curl
example addressed to this portal and its answers, the error statuses; « Gérer mes jetons d'API »
links to it."""
from tests.helpers.accounts import make_account, signed_in
from tests.helpers.pages import html

URL = "/documentation-des-jsons/"


def test_the_api_section_documents_each_endpoint(client, demo):
    page = html(client.get(URL))
    assert page.select_one("h2#api").get_text() == "API"
    titles = [h3.get_text(" ", strip=True) for h3 in page.select("h3[id^=api-]")]
    assert titles == [
        "Authentification",
        "POST /simulations : Simuler un dépôt",
        "POST /importations : Importer des demandes",
        "GET /importations/{identifiant} : Suivre un import",
        "PUT /importations/{identifiant}/pieces/{numeroEditeur} : Déposer la pièce d'une demande",
        "PUT /importations/{identifiant}/archive : Déposer toutes les pièces dans un zip",
        "Les erreurs"]
    examples = [pre.get_text() for pre in page.select("pre.portal-code")]
    assert len(examples) == 5
    assert examples[1] == ('curl -X POST http://localhost/api/v1/importations -H "Authorization: '
                           'Bearer psn_VOTRE_JETON" -H "Content-Type: application/json" -H '
                           '"X-Nom-Fichier: commandes-janvier.json" --data-binary @demandes.json')
    auth = page.select_one("#api-authentification + ul").get_text(" ", strip=True)
    assert "Authorization: Bearer psn_…" in auth and "120 appels par minute au plus" in auth
    statuses = [tr.select_one("td").get_text() for tr in page.select("#api-statuts tbody tr")]
    assert statuses == ["401", "403", "404", "405", "413", "422", "429", "500"]


def test_the_tokens_page_links_to_the_api_section(app):
    client = signed_in(app.test_client(), make_account(app))
    link = html(client.get("/mon-compte/jetons-api/")).find("a", string="documentation de l'API")
    assert link["href"] == "/documentation-des-jsons/#api"
