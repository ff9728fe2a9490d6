"""Command-line interface: flask --app wsgi <command>."""
import functools
import os

import click

from portal import migrations
from portal.extensions import db
from portal.models.accounts import ADMIN, MANAGER
from portal.models.roles import BUDGET_OWNER
from portal.services.account import demo_operator, staff_accounts
from portal.services.funding import envelopes
from portal.services.manager import demo as manager_demo
from portal.services.reference import csv_import as reference_import
from portal.services.payments import debtor

DEMO_DIR = os.path.join(os.path.dirname(__file__), "demo_data")


class Refused(click.ClickException):
    """An error the command reports in French (« Erreur : … ») with exit status 1."""

    def show(self, file=None):
        click.echo(f"Erreur : {self.format_message()}", err=True)


def with_connection(command):
    """Open the database for the command and close it after, as a request would."""
    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        with db.database.connection_context():
            return command(*args, **kwargs)
    return wrapper


def register_cli(app):
    @app.cli.command("db-upgrade")
    @with_connection
    def db_upgrade():
        """Apply the migrations not applied yet."""
        applied = migrations.upgrade(db.database)
        click.echo("Migrations appliquées : " + (", ".join(applied) or "aucune (base à jour)"))

    @app.cli.command("import-reference")
    @click.argument("kind", type=click.Choice(sorted(reference_import.DATASETS)))
    @click.argument("csv_file", type=click.File("rb"))
    @with_connection
    def import_reference(kind, csv_file):
        """Load a CSV of reference data (ans, companies, news, faq)."""
        try:
            count = reference_import.import_csv(kind, csv_file)
        except reference_import.ImportRefused as exc:
            raise Refused(f"fichier refusé, rien n'a été importé. {exc}")
        click.echo(reference_import.lines_imported(count, reference_import.DATASETS[kind].label))

    @app.cli.command("create-staff")
    @click.argument("email")
    @click.option("--role", type=click.Choice([MANAGER, ADMIN, BUDGET_OWNER]), required=True,
                  help="manager (gestionnaire), admin (administrateur) ou budget_owner "
                       "(responsable budgétaire)")
    @click.option("--last-name", required=True, help="Nom")
    @click.option("--first-name", required=True, help="Prénom")
    @with_connection
    def create_staff(email, role, last_name, first_name):
        """Create a manager, admin or budget owner account; its provisional password is printed
        once."""
        try:
            account, password = staff_accounts.create_staff(email, role, last_name, first_name)
        except staff_accounts.StaffAccountError as exc:
            raise Refused(str(exc))
        click.echo(f"Compte créé : {account.full_name} ({account.role_label}), {account.email}")
        click.echo(f"Identifiant : {account.uid}")
        click.echo(f"Mot de passe provisoire : {password}")
        click.echo("Ce mot de passe n'est affiché qu'une fois ; il devra être changé à la "
                   "première connexion.")

    @app.cli.command("load-demo")
    @with_connection
    def load_demo():
        """Load the demo reference data and, in demo or test mode, the demo staff accounts."""
        for kind, filename in reference_import.DEMO_FILES.items():
            with open(os.path.join(DEMO_DIR, filename), "rb") as stream:
                count = reference_import.import_csv(kind, stream)
            click.echo(f"{count} lignes de démonstration ({kind}).")
        if not (app.config.get("PORTAL_DEMO") or app.testing):
            click.echo("Comptes de démonstration : non créés (réservés à la démonstration, "
                       "PORTAL_DEMO=1).")
            return
        click.echo(f"{envelopes.ensure_demo()} enveloppes budgétaires de démonstration.")
        click.echo("Comptes de démonstration :")
        demo = staff_accounts.ensure_demo_accounts()
        debtor.ensure_demo(next(account for account, _ in demo if account.role == ADMIN))
        # The demo operator and its enrolments only for a real demonstration: tests count rows.
        operator = demo_operator.ensure_demo_operator() if app.config.get("PORTAL_DEMO") else None
        if operator:  # its funding dossier: the managers' dashboard, exports and search show it
            manager_demo.ensure_demo_requests(operator[0])
            manager_demo.ensure_demo_import(operator[0])
        for account, password in demo + ([operator] if operator else []):
            click.echo(f"  {account.role_label} — identifiant {account.uid} — "
                       f"mot de passe {password}")

    @app.cli.command("mail-destination")
    @click.option("--base-url", default="http://127.0.0.1:5000")
    def mail_destination(base_url):
        """Say where the portal's e-mails go."""
        server = app.config.get("MAIL_SERVER")
        if server:
            click.echo(f"Courriels : envoyés par le serveur SMTP {server}:{app.config['MAIL_PORT']}.")
        elif "public.demo_mail" in app.blueprints:  # nested: named after its parent
            click.echo(f"Courriels : aucun serveur SMTP (MAIL_SERVER) configuré ; lisez-les sur "
                       f"{base_url}/courriels-demo/")
        else:
            click.echo("Courriels : aucun serveur SMTP (MAIL_SERVER) configuré ; ils restent dans "
                       "la boîte d'envoi (table outbox_message) jusqu'à ce qu'il le soit.")
