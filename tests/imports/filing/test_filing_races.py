"""Two imports filed at the same moment (two tabs, or the browser and the API): the database
decides — distinct dossier numbers, and one publisher's number filed once, the other import
refused with a French message, never a 500."""
from portal.models import FundingRequest
from portal.services.core.errors import Refused
from tests.helpers.concurrency import at_once
from tests.helpers.enrolment import database
from tests.helpers.json_reports import file, report


def test_two_imports_at_once_get_distinct_numbers(app, supplier):
    account, enrolment, corridor = supplier
    results = at_once([lambda n=n: file(app, account, enrolment, corridor,
                                        report(enrolment, (f"ED-{n}1", f"ED-{n}2"), ()))
                       for n in range(3)])
    assert not [r for r in results if isinstance(r, BaseException)], results
    with database(app):
        numbers = sorted(n for (n,) in FundingRequest.select(FundingRequest.number).tuples())
    assert numbers == [f"FINDPI{i:06d}-M0" for i in range(1, 7)]


def test_one_publisher_number_at_once_is_filed_once(app, supplier):
    account, enrolment, corridor = supplier
    results = at_once([lambda: file(app, account, enrolment, corridor,
                                    report(enrolment, ("ED-1",), ()))] * 2)
    refused = [r for r in results if isinstance(r, Refused)]
    assert len(refused) == 1, results
    assert "« ED-1 » vient d'être importée par ailleurs" in refused[0].message
    with database(app):
        assert FundingRequest.select().where(FundingRequest.publisher_number == "ED-1").count() == 1
