"""The published JSON Schemas: valid draft 2020-12 schemas generated from each corridor's data,
strict on what the guides name, read the same by any validator."""
import pytest
from jsonschema import Draft202012Validator

from portal.services.imports import schema
from tests.helpers import json_files as jf
from tests.helpers.enrolment import database


@pytest.mark.parametrize("code", [jf.DPI, jf.CITY])
@pytest.mark.parametrize("kind", ["advance", "balance"])
def test_each_schema_is_a_valid_draft_2020_12_schema(app, demo, code, kind):
    corridor = jf.corridor(app, code)
    document = schema.schema(corridor, kind, "https://portail.example/x.schema.json")
    Draft202012Validator.check_schema(document)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert document["properties"]["couloir"]["const"] == code
    request = document["properties"]["demandes"]["items"]
    assert request["additionalProperties"] is False
    amount = schema.AMOUNT_FIELD[kind]
    assert amount in request["required"] and request["properties"][amount]["type"] == "number"
    assert ("numeroDemandeAvanceASP" in request["required"]) == (kind == "balance")
    beneficiary = request["properties"]["beneficiaires"]["items"]
    key = "finess" if code == jf.DPI else "rpps"
    assert beneficiary["required"] == [key, "nom", "email", "telephone"]
    assert request["properties"]["beneficiaires"]["maxItems"] == corridor.max_beneficiaries
    assert set(request["properties"]["scenarios"]["required"]) == \
        {s["code"] for s in corridor.scenarios}


def test_the_schema_follows_the_corridors_data(app, demo):
    corridor = jf.corridor(app)
    with database(app):
        corridor.max_beneficiaries = 3
        corridor.scenarios_json = "[]"
        corridor.save()
    request = schema.schema(corridor, "advance")["properties"]["demandes"]["items"]
    assert request["properties"]["beneficiaires"]["maxItems"] == 3
    assert "scenarios" not in request["properties"]


def test_a_file_from_the_test_builder_is_valid_for_any_validator(app, demo):
    account, enrolment = jf.supplier(app)
    corridor = jf.corridor(app)
    document = jf.valid_file(corridor, enrolment, count=2, beneficiaries=2)
    validator = Draft202012Validator(schema.schema(corridor, "advance"))
    assert list(validator.iter_errors(document)) == []
    document["demandes"][0]["mandatPaiement"] = True  # a mandate without its mandatary
    assert [e.validator for e in validator.iter_errors(document)] == ["required"]


def test_the_documentation_rows_name_every_field_by_its_path(app, demo):
    rows = {row.path: row for row in schema.rows(jf.corridor(app, jf.CITY), "balance")}
    assert rows["demandes"].kind == "liste d'objets"
    assert rows["demandes[].beneficiaires[].rpps"].depth == 2
    assert rows["demandes[].logiciel"].required == "Non"
    assert rows["demandes[].mandataire.siret"].required == "Oui"
    assert "Installation — Installation de la version référencée Ségur." in \
        rows["demandes[].scenarios.INST"].rules
