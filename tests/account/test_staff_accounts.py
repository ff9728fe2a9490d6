"""The staff accounts made from the command line: create-staff, and the demo ones of load-demo."""
import re

import pytest

from portal import create_app, migrations
from portal.extensions import db
from portal.models import Account
from portal.services.account.staff_accounts import DEMO_ACCOUNTS
from tests.helpers.auth import sign_in
from tests.helpers.pages import html
from tests.helpers.enrolment import database

STAFF = ["create-staff", "Alice.Dupont@asp-public.fr", "--role", "manager",
         "--last-name", "Dupont", "--first-name", "Alice"]


def printed(output: str, label: str) -> str:
    found = re.search(rf"^{label} : (\S+)$", output, re.MULTILINE)
    assert found, output
    return found.group(1)


def accounts_of(app, email):
    with database(app):
        return list(Account.select().where(Account.email == email))


def test_create_staff_prints_the_identifiant_and_a_provisional_password(app, runner):
    result = runner.invoke(args=STAFF)
    assert result.exit_code == 0, result.output
    assert "Compte créé : Alice Dupont (Gestionnaire ASP), alice.dupont@asp-public.fr" in \
        result.output
    uid, password = printed(result.output, "Identifiant"), printed(result.output,
                                                                  "Mot de passe provisoire")
    assert re.fullmatch(r"GE\d{7}", uid)
    assert "il devra être changé à la première connexion" in result.output
    [account] = accounts_of(app, "alice.dupont@asp-public.fr")
    assert (account.uid, account.role, account.must_change_password) == (uid, "manager", True)

    client = app.test_client()
    response = sign_in(client, uid, password)
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/changement-mot-de-passe")


def test_each_account_gets_its_own_password(app, runner):
    first = runner.invoke(args=STAFF)
    second = runner.invoke(args=["create-staff", "bruno.petit@asp-public.fr", "--role", "admin",
                                 "--last-name", "Petit", "--first-name", "Bruno"])
    assert "(Administrateur ASP)" in second.output
    assert re.fullmatch(r"AD\d{7}", printed(second.output, "Identifiant"))
    assert printed(first.output, "Mot de passe provisoire") != \
        printed(second.output, "Mot de passe provisoire")


def test_create_staff_refuses_an_e_mail_already_known_in_french(app, runner):
    runner.invoke(args=STAFF)
    again = runner.invoke(args=["create-staff", "alice.dupont@ASP-PUBLIC.fr", "--role", "admin",
                                "--last-name", "Dupont", "--first-name", "Alice"])
    assert again.exit_code == 1
    assert "Erreur : Un compte existe déjà pour l'adresse alice.dupont@asp-public.fr." in \
        again.output
    assert "Mot de passe" not in again.output
    assert len(accounts_of(app, "alice.dupont@asp-public.fr")) == 1


@pytest.mark.parametrize("changes, message", [
    ({1: "pas-une-adresse"}, "Erreur : Saisissez une adresse électronique valide"),
    ({5: "  "}, "Erreur : Le nom et le prénom sont obligatoires."),
])
def test_create_staff_refuses_what_is_incomplete(app, runner, changes, message):
    args = [changes.get(index, value) for index, value in enumerate(STAFF)]
    result = runner.invoke(args=args)
    assert result.exit_code == 1
    assert message in result.output
    with database(app):
        assert Account.select().count() == 0


def test_create_staff_does_not_make_operators(runner):
    result = runner.invoke(args=[*STAFF[:3], "operator", *STAFF[4:]])
    assert result.exit_code == 2
    assert "'manager', 'admin'" in result.output


def test_load_demo_prints_the_demo_accounts_in_test_mode_and_they_sign_in(app, runner):
    result = runner.invoke(args=["load-demo"])
    assert result.exit_code == 0, result.output
    assert "3 lignes de démonstration (news)." in result.output
    for demo in DEMO_ACCOUNTS:
        line = next(line for line in result.output.splitlines() if demo.uid in line)
        assert f"identifiant {demo.uid} — mot de passe {demo.password}" in line
        response = sign_in(app.test_client(), demo.uid, demo.password)
        assert response.status_code == 303  # signed in; its secret question is asked first
        assert response.headers["Location"].endswith("/question-secrete")
    assert "Administrateur ASP — identifiant AD0000001" in result.output
    assert "Gestionnaire ASP — identifiant GE0000001" in result.output


def test_load_demo_again_gives_the_demo_accounts_back_their_password(app, runner):
    runner.invoke(args=["load-demo"])
    admin = DEMO_ACCOUNTS[0]
    with database(app):
        account = Account.get(Account.uid == admin.uid)
        account.active = False
        account.save()
    assert runner.invoke(args=["load-demo"]).exit_code == 0
    with database(app):
        assert Account.select().where(Account.email == admin.email).count() == 1
    assert sign_in(app.test_client(), admin.uid, admin.password).status_code == 303


def test_load_demo_makes_no_account_outside_test_and_demo_modes(tmp_path):
    app = create_app({"SECRET_KEY": "production", "UPLOAD_DIR": str(tmp_path / "uploads"),
                      "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}"})
    with app.app_context(), db.database.connection_context():
        migrations.upgrade(db.database)
    try:
        result = app.test_cli_runner().invoke(args=["load-demo"])
        assert result.exit_code == 0, result.output
        assert "Comptes de démonstration : non créés" in result.output
        assert "mot de passe" not in result.output
        with app.app_context(), db.database.connection_context():
            assert Account.select().count() == 0
    finally:
        db.database.close()


def test_a_demonstration_has_an_operator_with_four_enrolments(tmp_path):
    app = create_app({"SECRET_KEY": "demo", "PORTAL_DEMO": True, "UPLOAD_DIR": str(tmp_path / "up"),
                      "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}"})
    with app.app_context(), db.database.connection_context():
        migrations.upgrade(db.database)
    output = app.test_cli_runner().invoke(args=["load-demo"]).output
    uid = re.search(r"Opérateur MSS — identifiant (OP\d{7}) — mot de passe Operateur-Demo-2026!",
                    output).group(1)
    assert app.test_cli_runner().invoke(args=["load-demo"]).exit_code == 0  # once only
    client = app.test_client()
    response = sign_in(client, uid, "Operateur-Demo-2026!")
    assert response.headers["Location"].endswith("/espace/")
    page = html(client.get("/espace/enrolements/")).get_text(" ")
    assert "4 demandes d'enrôlement" in page and "ENR-DEMO-000004" in page
    assert "Validation partielle : en attente de certificat(s)" in page


def test_a_budget_owner_is_created_like_the_other_staff(app, runner):
    """Issue 17: the budget owner, who decides validated funding requests, lands on its screen."""
    result = runner.invoke(args=["create-staff", "paul.bernard@asp-public.fr", "--role",
                                 "budget_owner", "--last-name", "Bernard", "--first-name", "Paul"])
    assert result.exit_code == 0, result.output
    assert "Paul Bernard (Responsable budgétaire)" in result.output
    assert re.fullmatch(r"RB\d{7}", printed(result.output, "Identifiant"))
    demo = runner.invoke(args=["load-demo"])
    assert "Responsable budgétaire — identifiant RB0000001 — mot de passe Budget-Demo-2026!" in \
        demo.output
    assert "enveloppes budgétaires de démonstration" in demo.output
