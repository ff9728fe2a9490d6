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
