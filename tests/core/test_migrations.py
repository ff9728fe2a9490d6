from portal.extensions import db
from portal.models import ALL_MODELS


def test_migrated_schema_matches_the_models(app):
    """The frozen migrations and the live models describe the same columns."""
    with app.app_context():
        for model in ALL_MODELS:
            table = model._meta.table_name
            columns = {c.name for c in db.database.get_columns(table)}
            expected = {f.column_name for f in model._meta.sorted_fields}
            assert columns == expected, table


def test_upgrade_twice_applies_nothing_the_second_time(app, runner):
    result = runner.invoke(args=["db-upgrade"])
    assert "aucune (base à jour)" in result.output


def test_history_rows_written_before_0016_keep_their_label(tmp_path):
    """0016 turns the stored « Name (Role) » into a role and a name: the label shown is the same."""
    import importlib

    from peewee import SqliteDatabase

    from portal import migrations
    from portal.models import FundingEvent

    database = SqliteDatabase(str(tmp_path / "old.sqlite3"))  # rows alone: no foreign keys
    for name in [n for n in migrations.available() if n < "0016"]:
        importlib.import_module(f"portal.migrations.{name}").apply(database)
    labels = ["Demandeur", "Claire Martin (Demandeur)", "Alice Dupont (Gestionnaire ASP)",
              "Jean Admin (Administrateur ASP)", "Claire Martin (Opérateur MSS)",
              "Claire Martin (Opérateur)", "Décision automatique", "Autre chose"]
    for label in labels:
        database.execute_sql("INSERT INTO funding_event (request_id, to_status, actor, comment, "
                             "snapshot, created_at) VALUES (1, 'in_progress', ?, '', '{}', "
                             "'2024-01-01')", (label,))
    importlib.import_module("portal.migrations.0016_event_actors").apply(database)
    with database.bind_ctx([FundingEvent]):
        assert [e.actor for e in FundingEvent.select().order_by(FundingEvent.id)] == labels
        roles = [e.actor_role for e in FundingEvent.select().order_by(FundingEvent.id)]
    assert roles == ["applicant", "applicant", "manager", "admin", "operator", "holder", "system", ""]
