"""The pages State sites carry: reachable from the footer of every page, with the facts a hosting
team configures, the cookies the portal really sets, and the CGU linked from the wizard's box."""
import pytest

from portal.config import load
from tests.helpers.enrolment import step_url
from tests.helpers.pages import html

PAGES = [("/accessibilite", "Accessibilité : non conforme", "Déclaration d'accessibilité"),
         ("/mentions-legales", "Mentions légales", "Mentions légales"),
         ("/donnees-personnelles", "Données personnelles et cookies",
          "Données personnelles et cookies"),
         ("/cgu", "Conditions générales d'utilisation", "Conditions générales d'utilisation")]


def footer_links(page) -> dict:
    return {a.get_text(strip=True): a["href"] for a in page.select(".fr-footer__bottom-link")}


@pytest.mark.parametrize("url, link, heading", PAGES)
def test_each_page_opens_from_the_footer_with_its_heading(client, url, link, heading):
    links = footer_links(html(client.get("/faq")))
    assert links[link] == url
    assert links["Foire aux questions"] == "/faq"  # the existing links stay
    assert links["Contacter l'assistance"] == "/assistance"
    response = client.get(url)
    assert response.status_code == 200
    page = html(response)
    assert page.find("h1").get_text(strip=True) == heading
    assert page.find("title").get_text(strip=True).startswith(heading)
    assert footer_links(page)[link] == url
    current = page.select_one(".fr-sidemenu [aria-current=page]")
    assert current["href"] == url
    assert "lorem" not in page.get_text().lower()


def test_the_legal_notice_and_the_personal_data_show_what_the_host_configured(app, client):
    app.config.update(LEGAL_PUBLISHER="Agence régionale de test", LEGAL_DIRECTOR="Mme Jeanne Roux",
                      LEGAL_HOST="Hébergeur Exemple SAS, 1 rue du Serveur, 75001 Paris",
                      LEGAL_PUBLISHER_ADDRESS="3 place de l'Essai, 69000 Lyon",
                      DPO_EMAIL="dpo@exemple.fr")
    notice = html(client.get("/mentions-legales")).find("main").get_text(" ", strip=True)
    assert "Agence régionale de test 3 place de l'Essai, 69000 Lyon" in notice
    assert "Le directeur de la publication est Mme Jeanne Roux." in notice
    assert "Hébergeur Exemple SAS, 1 rue du Serveur, 75001 Paris" in notice
    assert "licence etalab-2.0" in notice
    data = html(client.get("/donnees-personnelles"))
    assert data.select_one("main a[href='mailto:dpo@exemple.fr']").get_text() == "dpo@exemple.fr"
    assert "sous la responsabilité de : Agence régionale de test, 3 place de l'Essai" in \
        data.get_text(" ", strip=True)
    assert data.select_one("main a[href='/assistance']")  # rights exercised through the support


def test_the_defaults_name_the_asp_and_the_environment_overrides_them(monkeypatch, tmp_path):
    config = load(str(tmp_path))
    assert config["LEGAL_PUBLISHER"] == "Agence de Services et de Paiement (ASP)"
    assert config["LEGAL_PUBLISHER_ADDRESS"] == "2 rue du Maupas, 87040 Limoges Cedex 1"
    assert config["LEGAL_DIRECTOR"] == "le président-directeur général de l'ASP"
    monkeypatch.setenv("LEGAL_DIRECTOR", "M. Paul Blanc")
    monkeypatch.setenv("DPO_EMAIL", "rgpd@exemple.fr")
    config = load(str(tmp_path))
    assert config["LEGAL_DIRECTOR"] == "M. Paul Blanc" and config["DPO_EMAIL"] == "rgpd@exemple.fr"


def cookie_rows(client) -> dict:
    table = html(client.get("/donnees-personnelles")).select_one("main table")
    return {row.th.get_text(strip=True): [td.get_text(" ", strip=True) for td in row("td")]
            for row in table.tbody("tr")}


def test_every_cookie_the_portal_sets_is_listed_with_its_purpose_and_lifetime(wizard):
    wizard.reach(3)  # the wizard's draft cookie, the session with its CSRF token
    client = wizard.client
    set_by_portal = {key for (_, _, key) in client._cookies}
    assert set_by_portal == {"session", "brouillon_enrolement"}
    rows = cookie_rows(client)
    assert set(rows) == set_by_portal | {"scheme"}  # DSFR's display theme, in local storage
    purpose, lifetime = rows["session"]
    assert "jeton CSRF" in purpose
    assert "12 heures au plus" in lifetime and "après 30 minutes d'inactivité" in lifetime
    assert rows["brouillon_enrolement"][1].startswith("30 jours")
    text = html(client.get("/donnees-personnelles")).get_text(" ", strip=True)
    assert "aucun cookie de mesure d'audience" in text
    assert "aucun bandeau" in text


def test_the_cookie_lifetimes_follow_the_configuration(app, client):
    app.config.update(SESSION_IDLE_MINUTES=45, PERMANENT_SESSION_LIFETIME=8 * 3600)
    lifetime = cookie_rows(client)["session"][1]
    assert "8 heures au plus" in lifetime and "après 45 minutes d'inactivité" in lifetime


def test_the_cgu_say_what_the_portal_does(app, client):
    text = html(client.get("/cgu")).find("main").get_text(" ", strip=True)
    for words in ("financement Ségur Numérique", "identifiant", "lien à usage unique",
                  "question secrète", "4 Mo au plus par fichier", "droit français",
                  "Lorsque l'hébergeur du portail dispose d'un antivirus"):
        assert words in text
    app.config["CLAMD_ADDRESS"] = "127.0.0.1:3310"
    text = html(client.get("/cgu")).find("main").get_text(" ", strip=True)
    assert "Chaque fichier est en outre examiné par un antivirus" in text


def test_the_accessibility_statement_is_honest_and_gives_the_recourse(client):
    page = html(client.get("/accessibilite"))
    text = page.find("main").get_text(" ", strip=True)
    assert "non conforme" in text and "pas encore fait l'objet d'un audit" in text
    assert "axe-core" in text and "Défenseur des droits" in text
    assert page.select_one("main a[href='/assistance']").get_text(strip=True) == \
        "Contacter l'assistance"


def test_step_5_links_the_cgu_under_the_box_in_a_new_tab(wizard):
    wizard.reach(5)
    page = html(wizard.client.get(step_url(5)))
    box = page.find(id="accept_cgu")
    group = box.find_parent(class_="fr-checkbox-group")
    link = group.find("a", href="/cgu")
    assert link.get_text(strip=True) == "Lire les conditions générales d'utilisation"
    assert link["target"] == "_blank" and "noopener" in link["rel"]
    assert link["title"] == "Lire les conditions générales d'utilisation - nouvelle fenêtre"
    assert link.find_parent("label") is None  # a click on it does not tick the box
    assert group.find("label", attrs={"for": "accept_cgu"}).get_text(strip=True) == (
        "J'ai lu et j'accepte les conditions générales d'utilisation (CGU) du portail.")
