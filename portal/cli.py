"""Command-line interface: flask --app wsgi <command>."""
import functools
import os

import click

from portal import migrations
from portal.extensions import db
from portal.services import reference_import

DEMO_DIR = os.path.join(os.path.dirname(__file__), "demo_data")


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
    @click.argument("kind", type=click.Choice(sorted(reference_import.IMPORTERS)))
    @click.argument("csv_file", type=click.File("rb"))
    @with_connection
    def import_reference(kind, csv_file):
        """Load a CSV of reference data (ans, companies, news, faq)."""
        count = reference_import.IMPORTERS[kind](csv_file)
        click.echo(f"{count} lignes importées ({kind}).")

    @app.cli.command("load-demo")
    @with_connection
    def load_demo():
        """Load the demo reference data."""
        for kind, filename in reference_import.DEMO_FILES.items():
            with open(os.path.join(DEMO_DIR, filename), "rb") as stream:
                count = reference_import.IMPORTERS[kind](stream)
            click.echo(f"{count} lignes de démonstration ({kind}).")

    @app.cli.command("mail-destination")
    @click.option("--base-url", default="http://127.0.0.1:5000")
    def mail_destination(base_url):
        """Say where the portal's e-mails go."""
        server = app.config.get("MAIL_SERVER")
        if server:
            click.echo(f"Courriels : envoyés par le serveur SMTP {server}:{app.config['MAIL_PORT']}.")
        elif "demo_mail" in app.blueprints:
            click.echo(f"Courriels : aucun serveur SMTP (MAIL_SERVER) configuré ; lisez-les sur "
                       f"{base_url}/courriels-demo/")
        else:
            click.echo("Courriels : aucun serveur SMTP (MAIL_SERVER) configuré ; ils restent dans "
                       "la boîte d'envoi (table outbox_message) jusqu'à ce qu'il le soit.")
