"""A dossier as the instruction tools see it, whatever its kind: the record, its operator, the
pages that show it to each side, and where its history is written."""
from dataclasses import dataclass

from flask import url_for

from portal.models import Enrolment, FundingRequest, JsonImport
from portal.models.messages import ENROLMENT, FUNDING, IMPORT
from portal.models.roles import HOLDER
from portal.services.enrolment.workflow import WORKFLOW as ENROLMENT_WORKFLOW
from portal.services.funding import requests as funding_requests
from portal.services.funding.workflow import STATUS as FUNDING_WORKFLOW


@dataclass(frozen=True)
class Kind:
    code: str
    model: type
    label: str  # « la demande d'enrôlement », as a sentence names it before its reference
    reference: str  # the record's attribute in its URLs
    holder: str  # the record's attribute: the id of the operator's account
    operator_page: tuple[str, str]  # endpoint, URL argument
    staff_page: tuple[str, str]


KINDS = {k.code: k for k in (
    Kind(ENROLMENT, Enrolment, "la demande d'enrôlement", "number", "holder_id",
         ("operator.enrolments.show", "number"), ("backoffice.enrolments.enrolment", "number")),
    Kind(FUNDING, FundingRequest, "la demande de financement", "number", "account_id",
         ("operator.funding.show", "funding_number"), ("backoffice.funding.show", "funding_number")),
    Kind(IMPORT, JsonImport, "l'import JSON", "id", "account_id",
         ("operator.imports.documents", "import_id"), ("backoffice.imports.show", "import_id")),
)}


@dataclass(frozen=True)
class Dossier:
    kind: Kind
    record: object

    @property
    def id(self) -> int:
        return self.record.id

    @property
    def reference(self) -> str:
        return str(getattr(self.record, self.kind.reference))

    @property
    def title(self) -> str:
        """« la demande de financement FINMSS000123-M1 », « l'import JSON n° 12 »."""
        number = self.reference if self.kind.code != IMPORT else f"n° {self.reference}"
        return f"{self.kind.label} {number}"

    @property
    def heading(self) -> str:
        """The title as a heading starts it: « La demande de financement FINMSS000123-M1 »."""
        return self.title[0].upper() + self.title[1:]

    @property
    def holder_id(self) -> int | None:
        return getattr(self.record, self.kind.holder)

    def url(self, staff: bool, external: bool = False) -> str:
        endpoint, argument = self.kind.staff_page if staff else self.kind.operator_page
        return url_for(endpoint, **{argument: getattr(self.record, self.kind.reference)},
                       _external=external)

    def log(self, account, comment: str) -> None:
        """A row of the dossier's history that changes no status (a message, a follow-up); a
        JSON import has no history of its own."""
        status = getattr(self.record, "status", None)
        extra = {}
        if self.kind.code == ENROLMENT:
            workflow = ENROLMENT_WORKFLOW
        elif self.kind.code == FUNDING:
            workflow, extra = FUNDING_WORKFLOW, {"snapshot": funding_requests.snapshot(self.record)}
        else:
            return
        role = account.role if account.is_staff or self.kind.code == ENROLMENT else HOLDER
        workflow.log(self.record, status, status, role, account.full_name, account, comment,
                     **extra)


def of(kind: str, record) -> Dossier:
    return Dossier(KINDS[kind], record)


def find(kind: str, dossier_id: int) -> Dossier | None:
    model = KINDS[kind].model
    record = model.get_or_none(model.id == dossier_id)
    return Dossier(KINDS[kind], record) if record else None
