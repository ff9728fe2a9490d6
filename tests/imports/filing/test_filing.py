"""Filing the retained requests of a checked file « Non complétée » (services/imports/filing.py):
numbers, values, beneficiaries, history, output JSON, and the races the database decides."""
import json
import os
from decimal import Decimal

import pytest

from portal.models import Beneficiary, FundingEvent, FundingRequest, JsonImport
from portal.services.core.errors import Refused
from portal.services.imports import filing
from tests.helpers.enrolment import database
from tests.helpers.instruction import in_request
from tests.helpers.json_reports import file, output_of, raw, report
from tests.helpers.queries import counting


def test_retained_requests_are_filed_incomplete_with_their_numbers(app, supplier):
    account, enrolment, corridor = supplier
    filed = file(app, account, enrolment, corridor, filename="lot-janvier.json")
    with database(app):
        json_import = JsonImport.get_by_id(filed.id)
        requests = list(FundingRequest.select().where(FundingRequest.json_import == filed.id)
                        .order_by(FundingRequest.id))
        assert (json_import.requests_total, json_import.requests_retained,
                json_import.requests_rejected) == (3, 2, 1)
        assert json_import.filename == "lot-janvier.json"
        assert [r.number for r in requests] == ["FINDPI000001-M0", "FINDPI000002-M0"]
        assert [r.publisher_number for r in requests] == ["ED-001", "ED-002"]
        assert {r.status_label for r in requests} == {"Non complétée"}
        first = requests[0]
        assert (first.software, first.vat_rate, first.declared_ht) == ("DPI", "20", Decimal("10000"))
        assert first.scenarios == {"S1": True, "S2": False}
        assert [b.identifier for b in Beneficiary.select().where(Beneficiary.request == first)] \
            == ["750712184"]
        event = FundingEvent.get(FundingEvent.request == first)
        assert event.to_status == "incomplete" and "lot-janvier.json" in event.comment
        output = json.loads(json_import.output_json)
        assert [(d.get("numeroDemandeASP"), d["statut"]) for d in output["demandes"]] == [
            ("FINDPI000001-M0", "Non complétée"), ("FINDPI000002-M0", "Non complétée"),
            (None, "Rejetée à l'import")]
    with in_request(app):
        kept = filing.path_of(json_import)
    assert open(kept, "rb").read() == raw(report(enrolment))


def test_numbers_follow_the_last_dossier_of_the_corridor(app, supplier):
    account, enrolment, corridor = supplier
    file(app, account, enrolment, corridor)
    second = file(app, account, enrolment, corridor, report(enrolment, ("ED-010",), ()))
    with database(app):
        assert FundingRequest.get(FundingRequest.json_import == second.id).number \
            == "FINDPI000003-M0"


def test_the_last_dossier_is_read_once_per_import(app, supplier):
    """Numbering an import's requests reads the corridor's highest dossier once (a MAX over the
    corridor's requests, up to 200 times per file before), then counts on from it."""
    account, enrolment, corridor = supplier
    numbers = tuple(f"ED-{i:03d}" for i in range(1, 6))
    with counting() as queries:
        imported = file(app, account, enrolment, corridor, report(enrolment, numbers, ()))
    assert sum("MAX(" in sql for sql in queries.sql) == 1
    with database(app):
        assert [r.number for r in FundingRequest.select().where(
            FundingRequest.json_import == imported.id).order_by(FundingRequest.id)] == [
            f"FINDPI00000{i}-M0" for i in range(1, 6)]


def test_a_number_taken_meanwhile_is_decided_by_the_unique_index(app, supplier, monkeypatch):
    """Another import took the number read as free: the insert collides, the next one is used."""
    account, enrolment, corridor = supplier
    file(app, account, enrolment, corridor, report(enrolment, ("ED-001",), ()))
    monkeypatch.setattr(filing, "last_dossier", lambda prefix: 0)  # as read before the other's commit
    second = file(app, account, enrolment, corridor, report(enrolment, ("ED-002",), ()))
    with database(app):
        assert FundingRequest.get(FundingRequest.json_import == second.id).number \
            == "FINDPI000002-M0"


def test_a_publisher_number_filed_meanwhile_refuses_the_whole_import(app, supplier):
    account, enrolment, corridor = supplier
    file(app, account, enrolment, corridor, report(enrolment, ("ED-002",), ()))
    with pytest.raises(Refused) as refused:
        file(app, account, enrolment, corridor)  # ED-001 then ED-002, already filed
    assert "« ED-002 » vient d'être importée" in refused.value.message
    with database(app):
        assert JsonImport.select().count() == 1
        assert FundingRequest.select().where(FundingRequest.publisher_number == "ED-001").count() == 0
    with in_request(app):
        assert len([n for n in os.listdir(filing.folder()) if not n.startswith("attente")]) == 1


def test_a_balance_takes_its_advance_dossier(app, supplier):
    account, enrolment, corridor = supplier
    file(app, account, enrolment, corridor, report(enrolment, ("ED-001",), ()))
    balance = report(enrolment, ("SO-001",), (), kind="balance",
                     advances={"SO-001": "FINDPI000001-M0"})
    filed = file(app, account, enrolment, corridor, balance)
    with database(app):
        request = FundingRequest.get(FundingRequest.json_import == filed.id)
        assert (request.number, request.kind, request.advance.number) == (
            "FINDPI000001-M1", "balance", "FINDPI000001-M0")
    again = report(enrolment, ("SO-002",), (), kind="balance", advances={"SO-002": "FINDPI000001-M0"})
    with pytest.raises(Refused) as refused:
        file(app, account, enrolment, corridor, again)
    assert "Le solde de la demande d'avance FINDPI000001-M0 vient d'être importé" in refused.value.message


def test_nothing_retained_files_nothing(app, supplier):
    account, enrolment, corridor = supplier
    with pytest.raises(Refused) as refused:
        file(app, account, enrolment, corridor, report(enrolment, (), ("ED-003",)))
    assert refused.value.message == filing.NOTHING_RETAINED
    with database(app):
        assert not JsonImport.select().exists()


def test_output_builder_gets_numbers_and_statuses(app, supplier):
    account, enrolment, corridor = supplier
    built, seen = report(enrolment, ("ED-001",), ()), {}

    def builder(filed):
        seen.update(filed)
        return output_of(built, filed)
    with in_request(app):
        filing.file_import(built, account, enrolment, corridor, "f.json", raw(built), builder)
    assert seen == {0: ("FINDPI000001-M0", "Non complétée")}
