"""One account, several companies: an e-mail may hold enrolments for several SIRETs (an
accountant filing for its clients). The screens about one company (the récapitulatif, bank
details, natural persons, « Ma demande de financement ») show the company chosen; the lists
across companies (my enrolments, my funding requests) show every row with its company column.

The choice is kept by the caller (the session) as a SIRET and always checked here against the
account's own enrolments: a SIRET the account does not hold is never chosen; without a valid
choice, the company of the latest enrolment is the one shown."""
from dataclasses import dataclass, field

from portal.models import Enrolment

NOT_YOURS = "Cette entreprise n'est pas rattachée à votre compte."


@dataclass(frozen=True)
class Company:
    """A company of the account, with its latest enrolment (whose facts the récapitulatif
    shows)."""
    siret: str
    enrolment: Enrolment = field(compare=False)

    @property
    def denomination(self) -> str:
        return self.enrolment.denomination

    @property
    def label(self) -> str:
        """What the chooser lists: « MEDIMAIL SOLUTIONS (SIRET 73282932000074) »."""
        return f"{self.denomination} (SIRET {self.siret})"


@dataclass
class Choice:
    """The account's companies, latest enrolment first, and the one the screens are about."""
    companies: list[Company]
    chosen: Company | None

    @property
    def several(self) -> bool:
        """The chooser is shown only when there is something to choose."""
        return len(self.companies) > 1

    @property
    def siret(self) -> str | None:
        return self.chosen.siret if self.chosen else None

    @property
    def enrolment(self) -> Enrolment | None:
        """The chosen company's latest enrolment: the récapitulatif's facts."""
        return self.chosen.enrolment if self.chosen else None


def of(account) -> list[Company]:
    """The account's companies, the one of its latest enrolment first (one query)."""
    found: dict[str, Company] = {}
    for enrolment in (Enrolment.select().where(Enrolment.holder == account)
                      .order_by(Enrolment.submitted_at.desc(), Enrolment.id.desc())):
        found.setdefault(enrolment.siret, Company(enrolment.siret, enrolment))
    return list(found.values())


def choice(account, wanted: str | None) -> Choice:
    """The account's companies and the one chosen: `wanted` if the account holds it, else the
    latest."""
    companies = of(account)
    chosen = next((c for c in companies if c.siret == wanted), companies[0] if companies else None)
    return Choice(companies, chosen)


def owned(account, siret: str | None) -> str | None:
    """`siret` if the account holds an enrolment of it, None otherwise (another account's
    company, a typo, nothing)."""
    siret = "".join((siret or "").split())
    if not siret:
        return None
    held = Enrolment.select().where(Enrolment.holder == account, Enrolment.siret == siret).exists()
    return siret if held else None
