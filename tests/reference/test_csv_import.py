from portal.models import AnsReferencing, Company


def test_demo_load_is_idempotent(app, runner):
    for _ in range(2):
        result = runner.invoke(args=["load-demo"])
        assert result.exit_code == 0, result.output
    with app.app_context():
        assert AnsReferencing.select().count() == 6  # with LGC-2023-0201, the city corridor's
        pending = AnsReferencing.get(AnsReferencing.number == "MSS-2023-0003")
        assert pending.validated is False
        assert AnsReferencing.get(AnsReferencing.number == "DPI-2023-0101").is_dpi


def test_import_companies_from_csv_updates_existing(app, runner, tmp_path):
    path = tmp_path / "companies.csv"
    path.write_text("siret,denomination,street,postcode,commune\n"
                    "732 829 320 00074,NOUVELLE DENOMINATION,1 RUE A,75001,PARIS\n", encoding="utf-8")
    runner.invoke(args=["load-demo"])
    result = runner.invoke(args=["import-reference", "companies", str(path)])
    assert "1 ligne importée (Répertoire des établissements)." in result.output
    with app.app_context():
        assert Company.get(Company.siret == "73282932000074").denomination == "NOUVELLE DENOMINATION"
