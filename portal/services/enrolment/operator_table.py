"""« Gérer mes demandes d'enrôlement »: the signed-in operator's own enrolments, as a filterable,
sortable table (services/tables.py). Nothing here ever reaches another holder's enrolment."""
from portal.models import Enrolment
from portal.models.enrolment import (AWAITING_DOCUMENTS, KIND_COMPLEMENTARY, KIND_INITIAL, PARTIAL,
                                     STATUS_LABELS)
from portal.services.enrolment import workflow
from portal.services.core.tables import CHOICE, DATE, Column, Table

KINDS = (("initial", "Enrôlement initial"), ("complementaire", "Enrôlement complémentaire"),
         ("anticipe", "Enrôlement anticipé"))


def of_kind(value: str):
    """The « Type d'enrôlement » filter: initial, complementary (neither anticipated) or anticipated."""
    if value == "anticipe":
        return Enrolment.anticipated == True  # noqa: E712
    kind = KIND_INITIAL if value == "initial" else KIND_COMPLEMENTARY
    return (Enrolment.kind == kind) & (Enrolment.anticipated == False)  # noqa: E712


TABLE = Table(
    name="enrolements",
    columns=(
        Column("numero", "Numéro de demande", Enrolment.number),
        Column("depot", "Date de dépôt", Enrolment.submitted_at, filter=DATE),
        Column("statut", "Statut", Enrolment.status, filter=CHOICE,
               choices=tuple(STATUS_LABELS.items())),
        Column("siret", "SIRET fournisseur", Enrolment.siret),
        Column("profil", "Profil(s) référencé(s)", Enrolment.dsr,
               hint="Par exemple « MSS » ou « DPI »."),
        Column("type", "Type d'enrôlement", Enrolment.kind, filter=CHOICE, choices=KINDS,
               where=of_kind),
    ),
    default_sort="-depot",
    tiebreak=Enrolment.id,
)


def own(account):
    """The account's enrolments: the only rows the table ever reads."""
    return Enrolment.select().where(Enrolment.holder == account)


def find(account, number: str) -> Enrolment | None:
    """The account's enrolment of that number; None for anyone else's (the view answers 404)."""
    return own(account).where(Enrolment.number == number).first()



ACTIONS = {AWAITING_DOCUMENTS: "Déposer des pièces jointes",
           PARTIAL: "Ajouter le certificat de référencement"}


def action_label(enrolment: Enrolment) -> str | None:
    """What the status asks of the holder, as the button says it (None: nothing to do):
    « Modifier » when the manager asked for data to be corrected."""
    if enrolment.status == AWAITING_DOCUMENTS:
        request = workflow.open_request(enrolment)
        if request and request.sections:
            return "Modifier"
    return ACTIONS.get(enrolment.status)
