"""Everything about passwords: the forgotten identifiant and password, the mailed links (creation,
reset), the forced change at first sign-in and the secret question."""
import datetime

from portal import config
from portal.models import Account, SingleUseLink
from portal.models.base import utcnow
from portal.services.account import accounts
from portal.services.core import links
from tests.helpers.accounts import PASSWORD, make_account, signed_in
from tests.helpers.auth import (NEW_PASSWORD, QUESTION, error_of, home_of, link_for, link_in,
                                notices, post, ready_account, received, reload, sign_in)
from tests.helpers.pages import html
from tests.helpers.enrolment import database

SAME_ANSWER_UID = ("Si cette adresse électronique est celle d'un compte du portail, votre "
                   "identifiant vient de vous être envoyé : consultez votre messagerie.")
SAME_ANSWER_RESET = ("Si cet identifiant et cette adresse électronique sont ceux d'un compte du "
                     "portail, un lien pour choisir un nouveau mot de passe vient de vous être "
                     "envoyé : consultez votre messagerie.")


def page_text(response) -> str:
    return html(response).get_text(" ", strip=True)


def test_forgotten_identifiant_is_mailed_and_the_answer_is_the_same_either_way(app, client, mailbox):
    account = ready_account(app, email="claire.martin@medimail.fr")
    known = post(client, "/identifiant-oublie", email=" Claire.Martin@Medimail.fr ")
    assert known.status_code == 303 and known.headers["Location"] == "/connexion"
    assert notices(client.get("/connexion")) == SAME_ANSWER_UID
    [mail] = received(mailbox, account.email)
    assert mail["Subject"] == "Votre identifiant du portail Ségur Numérique"
    assert f"Votre identifiant : {account.uid}" in mailbox.text(mail)

    unknown = post(client, "/identifiant-oublie", email="personne@example.fr")
    assert unknown.headers["Location"] == "/connexion"
    assert notices(client.get("/connexion")) == SAME_ANSWER_UID
    assert len(mailbox.messages) == 1


def test_forgotten_identifiant_form_checks_the_address(client):
    response = post(client, "/identifiant-oublie", email="claire.martin@medimail")
    assert response.status_code == 422
    assert error_of(response, "email") == ("Saisissez une adresse électronique valide, par "
                                           "exemple nom@domaine.fr.")
    assert html(response).select_one("#email")["value"] == "claire.martin@medimail"
    assert error_of(post(client, "/identifiant-oublie", email=""), "email") == \
        "Saisissez votre adresse électronique."


def test_forgotten_password_mails_a_link_only_when_identifiant_and_address_match(app, client, mailbox):
    account = ready_account(app)
    other = ready_account(app)
    mismatch = post(client, "/mot-de-passe-oublie", uid=account.uid, email=other.email)
    assert mismatch.headers["Location"] == "/connexion"
    assert notices(client.get("/connexion")) == SAME_ANSWER_RESET
    assert mailbox.messages == []

    post(client, "/mot-de-passe-oublie", uid=account.uid.lower(), email=account.email.upper())
    assert notices(client.get("/connexion")) == SAME_ANSWER_RESET
    [mail] = received(mailbox, account.email)
    assert mail["Subject"] == "Choisir un nouveau mot de passe sur le portail Ségur Numérique"
    assert "valable que 24 heures" in mailbox.text(mail)
    assert link_in(mailbox.text(mail)).startswith("/mot-de-passe/reinitialisation/")


def test_reset_asks_the_secret_question_and_unlocks_the_account(app, client, mailbox):
    account = ready_account(app, failed_logins=0, locked_until=utcnow() + datetime.timedelta(minutes=10))
    post(client, "/mot-de-passe-oublie", uid=account.uid, email=account.email)
    url = link_in(mailbox.text(received(mailbox, account.email)[0]))
    page = html(client.get(url))
    assert page.find("h1").get_text(strip=True) == "Choisir un nouveau mot de passe"
    assert f"Votre question secrète : {QUESTION}" in page.find("legend").get_text(" ", strip=True)
    rules = [p.get_text(strip=True) for p in page.select("#new_password-messages .fr-message--info")]
    assert rules[0] == "au moins 12 caractères" and len(rules) == 5

    wrong = post(client, url, answer="Lyon", new_password=NEW_PASSWORD, confirmation=NEW_PASSWORD)
    assert wrong.status_code == 422
    assert error_of(wrong, "answer") == "Cette réponse ne correspond pas à votre question secrète."
    assert NEW_PASSWORD not in wrong.get_data(as_text=True)

    done = post(client, url, answer="  SAINT-ÉTIENNE ", new_password=NEW_PASSWORD,
                confirmation=NEW_PASSWORD)
    assert done.status_code == 303 and done.headers["Location"] == "/connexion"
    assert "Votre mot de passe est enregistré" in notices(client.get("/connexion"))
    account = reload(app, account)
    assert account.locked_until is None and not account.must_change_password
    assert sign_in(client, account.uid, NEW_PASSWORD).headers["Location"] == home_of(app)
    changed = received(mailbox, account.email, 2)[1]
    assert changed["Subject"] == "Votre mot de passe du portail Ségur Numérique a été modifié"


def test_a_link_serves_once(app, client):
    account = ready_account(app)
    url = link_for(app, links.RESET_PASSWORD, account)
    good = dict(answer="saint etienne", new_password=NEW_PASSWORD, confirmation=NEW_PASSWORD)
    assert post(client, url, **good).status_code == 303
    again = client.get(url)
    assert again.status_code == 410
    assert page_text(again).count("Ce lien n'est plus valable : il a déjà servi ou a expiré.") == 1
    assert html(again).find("a", string="Demander un nouveau lien")["href"] == "/mot-de-passe-oublie"
    assert post(client, url, **good).status_code == 410


def test_expired_forged_and_misdirected_links_are_refused(app, client):
    account = ready_account(app)
    url = link_for(app, links.RESET_PASSWORD, account)
    token = url.rsplit("/", 1)[1]
    assert client.get(f"/mot-de-passe/creation/{token}").status_code == 410  # another purpose
    assert client.get(f"/mot-de-passe/autre/{token}").status_code == 404
    assert client.get(url[:-3] + "abc").status_code == 410
    with database(app):
        SingleUseLink.update(expires_at=utcnow() - datetime.timedelta(minutes=1)).execute()
    assert client.get(url).status_code == 410


def test_five_wrong_answers_end_the_link(app, client):
    account = ready_account(app)
    url = link_for(app, links.RESET_PASSWORD, account)
    for _ in range(4):
        assert post(client, url, answer="Lyon", new_password=NEW_PASSWORD,
                    confirmation=NEW_PASSWORD).status_code == 422
    last = post(client, url, answer="Lyon", new_password=NEW_PASSWORD, confirmation=NEW_PASSWORD)
    assert last.status_code == 410 and "Trop de réponses erronées" in page_text(last)
    assert client.get(url).status_code == 410
    assert reload(app, account).locked_until is None  # signing in still works
    assert sign_in(client, account.uid).status_code == 303


def test_creation_link_sets_the_password_the_first_sign_in_keeps(app, client):
    """A password its holder chose through the mailed link is not asked to change again: the
    first sign-in goes on to the secret question, without the menu bar."""
    with database(app):
        from portal.services.account import accounts
        account = accounts.create("paul.durand@cabinet-durand.fr", "Durand", "Paul")
    url = link_for(app, links.SET_PASSWORD, account)
    page = html(client.get(url))
    assert page.find("h1").get_text(strip=True) == "Choisir votre mot de passe"
    assert page.find("legend") is None  # no secret question yet
    short = post(client, url, new_password="court", confirmation="court")
    assert short.status_code == 422
    message = error_of(short, "new_password")
    assert message.startswith("Ce mot de passe ne respecte pas ces règles : au moins 12 caractères")
    different = post(client, url, new_password=NEW_PASSWORD, confirmation=NEW_PASSWORD + "x")
    assert error_of(different, "confirmation") == "Les deux mots de passe saisis ne sont pas identiques."
    assert post(client, url, new_password=NEW_PASSWORD, confirmation=NEW_PASSWORD).status_code == 303
    assert not reload(app, account).must_change_password
    assert sign_in(client, account.uid, NEW_PASSWORD).headers["Location"] == "/question-secrete"
    question = html(client.get("/question-secrete"))
    assert question.h1 and question.find(id="navigation-principale") is None
    assert client.get("/espace/").status_code == 200  # nothing forced: the menu's pages open


def test_forced_change_checks_every_rule_then_asks_the_secret_question(app, client, mailbox):
    account = make_account(app, must_change=True)
    signed_in(client, account)
    url = "/changement-mot-de-passe"
    page = html(client.get(url))
    assert [l.get_text(strip=True) for l in page.select("#auth form label.fr-password__label")] == [
        "Mot de passe actuel", "Nouveau mot de passe", "Confirmation du nouveau mot de passe"]
    assert page.select_one("#auth form button[type=submit]").get_text(strip=True) == "Changement du mot de passe"

    empty = post(client, url)
    assert empty.status_code == 422
    assert error_of(empty, "current_password") == "Saisissez votre mot de passe actuel."
    wrong = post(client, url, current_password="Pas-le-bon-2026!", new_password=NEW_PASSWORD,
                 confirmation=NEW_PASSWORD)
    assert error_of(wrong, "current_password") == "Le mot de passe actuel est incorrect."
    same = post(client, url, current_password=PASSWORD, new_password=PASSWORD, confirmation=PASSWORD)
    assert "différent de votre identifiant et de votre mot de passe actuel" in error_of(same, "new_password")
    no_digit = post(client, url, current_password=PASSWORD, new_password="Sans-Chiffre-Aucun!",
                    confirmation="Sans-Chiffre-Aucun!")
    assert error_of(no_digit, "new_password") == "Ce mot de passe ne respecte pas ces règles : au moins un chiffre."

    done = post(client, url, current_password=PASSWORD, new_password=NEW_PASSWORD,
                confirmation=NEW_PASSWORD)
    assert done.status_code == 303 and done.headers["Location"] == "/question-secrete"
    assert "Votre mot de passe a été modifié." in notices(client.get("/question-secrete"))
    assert not reload(app, account).must_change_password
    assert received(mailbox, account.email)[0]["Subject"].endswith("a été modifié")


def test_five_wrong_current_passwords_lock_the_account_and_end_the_session(app, client):
    account = make_account(app, must_change=True)
    signed_in(client, account)
    for _ in range(4):
        post(client, "/changement-mot-de-passe", current_password="Faux-2026-Faux!",
             new_password=NEW_PASSWORD, confirmation=NEW_PASSWORD)
    last = post(client, "/changement-mot-de-passe", current_password="Faux-2026-Faux!",
                new_password=NEW_PASSWORD, confirmation=NEW_PASSWORD)
    assert last.headers["Location"] == "/connexion"
    assert "temporairement bloqué" in notices(client.get("/connexion"))
    assert sign_in(client, account.uid, PASSWORD).status_code == 429


def test_secret_question_is_chosen_then_home(app, client):
    account = make_account(app)
    signed_in(client, account)
    page = html(client.get("/question-secrete"))
    options = [o.get_text() for o in page.select("select#question option") if o["value"]]
    assert len(options) == 5 and QUESTION in options
    assert page.select_one("#auth form button[type=submit]").get_text(strip=True) == "Envoyer"
    missing = post(client, "/question-secrete", question="", answer="Saint-Étienne")
    assert missing.status_code == 422
    assert error_of(missing, "question") == "Choisissez votre question secrète."
    assert html(missing).select_one("#answer")["value"] == "Saint-Étienne"
    done = post(client, "/question-secrete", question="birthplace", answer="Saint-Étienne")
    assert done.status_code == 303 and done.headers["Location"] == home_of(app)
    saved = reload(app, account)
    assert saved.secret_question == QUESTION and "Saint" not in saved.secret_answer_hash
    assert client.get("/question-secrete").headers["Location"] == home_of(app)  # set once


def test_unknown_account_links_never_show_another_accounts_page(app, client):
    account = ready_account(app, active=False)
    url = link_for(app, links.RESET_PASSWORD, account)
    assert client.get(url).status_code == 410
    with database(app):
        assert Account.get_by_id(account.id).password_hash  # unchanged


def test_outside_tests_secrets_are_hashed_with_scrypt_at_its_full_cost(app):
    app.config["PASSWORD_HASH_METHOD"] = config.defaults(app.instance_path)["PASSWORD_HASH_METHOD"]
    with app.app_context():
        hashed = accounts.hash_secret("Motdepasse-1")
        assert hashed.startswith("scrypt:32768:8:1$")
        assert accounts.check_secret(hashed, "Motdepasse-1")
