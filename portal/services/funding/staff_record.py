"""What the staff read of a funding request besides its decisions — the same on a manager's page
and on the budget owner's consultation: its history, its JSON order, the dossier's financial
follow-up, its mails and its recovery orders; and the links each may follow from it."""
from dataclasses import dataclass

from portal.services.core import outbox
from portal.services.funding import follow_up, json_view, requests as funding_requests


@dataclass(frozen=True)
class Links:
    document: str  # the endpoint of its documents
    asp_document: str  # of the ASP's PDFs (decision, payment notice)
    staff: bool  # the back-office's own pages linked too: the import, the ZIP, the batch, a mail


MANAGER = Links("backoffice.funding.document", "backoffice.funding.asp_document", True)
BUDGET_OWNER = Links("budget.document", "budget.asp_document", False)


def of(funding_request, links: Links) -> dict:
    """The template's context for backoffice/funding/_record.html."""
    return {"funding_request": funding_request, "links": links,
            "history": funding_requests.history(funding_request),
            "json": json_view.part(funding_request),
            "follow_up": follow_up.of_dossier(funding_request),
            "mails": outbox.for_related(f"funding:{funding_request.id}"),
            "recoveries": list(funding_request.recoveries) if funding_request.is_paid else []}
