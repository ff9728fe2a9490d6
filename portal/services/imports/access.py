"""Who may use the JSON channel (guide 003 §2.2, « Importation JSONs »): an account holding a
validated enrolment whose referencing's DSR has an active corridor. Its imports are its own: no
other account ever reaches one, nor its files."""
from peewee import JOIN

from portal.models import Corridor, Enrolment, JsonImport
from portal.models.enrolment import VALIDATED


def _channels(account):
    """The account's validated enrolments joined to the active corridors of their DSR."""
    return (Enrolment.select(Enrolment, Corridor)
            .join(Corridor, JOIN.INNER, on=(Corridor.dsr == Enrolment.dsr), attr="corridor")
            .where(Enrolment.holder == account, Enrolment.status == VALIDATED,
                   Corridor.active == True)  # noqa: E712
            .order_by(Enrolment.id, Corridor.code))


def may_import(account) -> bool:
    """The menu tab and the screens of the channel: one EXISTS."""
    return account is not None and _channels(account).exists()


def channels(account) -> list[Enrolment]:
    """Each (enrolment, corridor) the account may file for: `enrolment.corridor` is the corridor
    (an enrolment appears once per corridor of its DSR). The « Récapitulatif » of step 1."""
    return list(_channels(account))


def enrolment_for(account, corridor: Corridor, ans_number: str) -> Enrolment | None:
    """The validated enrolment of the account of that ANS number that may file for `corridor`."""
    return (Enrolment.select().where(Enrolment.holder == account, Enrolment.status == VALIDATED,
                                     Enrolment.dsr == corridor.dsr,
                                     Enrolment.ans_number == (ans_number or "").strip())
            .order_by(Enrolment.id).first())


def own_import(account, import_id: int) -> JsonImport | None:
    """The account's import of that id with its corridor and enrolment (one query); None for
    another account's."""
    return (JsonImport.select(JsonImport, Corridor, Enrolment).join(Corridor)
            .switch(JsonImport).join(Enrolment)
            .where(JsonImport.id == import_id, JsonImport.account == account).first())
