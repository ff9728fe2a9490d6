"""The menu bar and the home shortcuts, per role: ONE list, filtered by what exists.

An entry names the endpoints that may serve it, first existing one wins (so a screen of a later
issue takes over a temporary one just by being registered). An entry whose endpoints do not exist
is not shown, and a drop-down left without items is not shown either: never a dead link.
"""
from dataclasses import dataclass, field

from portal.models.accounts import ADMIN, MANAGER, OPERATOR


@dataclass(frozen=True)
class Link:
    label: str
    endpoints: tuple[str, ...]
    roles: tuple[str, ...]
    # Endpoint prefixes of the pages that belong to this entry (its section).
    section: tuple[str, ...] = ()


@dataclass(frozen=True)
class Menu:
    label: str
    items: tuple[Link, ...]


@dataclass
class Shown:
    """An entry as the template draws it."""
    label: str
    endpoint: str = ""
    current: str | None = None  # "page" (this very page), "true" (its section) or None
    items: list["Shown"] = field(default_factory=list)


STAFF = (MANAGER, ADMIN)
ME = (OPERATOR,)

# The seeds' menu bar (guide « portail », 2.2) for operators, then the back-office's.
MAIN_MENU = (
    Link("Accueil", ("private.home",), ME),
    Menu("Enrôlement", (
        Link("Gérer mes demandes d'enrôlement", ("enrolments.index",), ME, ("enrolments.",)),
        Link("Faire une demande complémentaire", ("complementary.start",), ME),
    )),
    Menu("Demandes financement", (
        Link("Ma demande de financement", ("funding.request_page",), ME, ("funding.request",)),
        Link("Gérer mes demandes de financement", ("funding.index",), ME, ("funding.index",)),
    )),
    Menu("Export", (
        Link("Exporter vos demandes de financement", ("funding.export",), ME),
    )),
    Menu("Mon compte", (
        Link("Gérer mes coordonnées bancaires", ("account.bank_details",), ME, ("account.bank",)),
        Link("Gérer mes coordonnées personnes physiques", ("account.persons",), ME,
             ("account.person",)),
    )),
    Menu("Besoin d'aide ?", (
        Link("Consulter les questions fréquentes", ("help.faq", "public.faq"), ME),
        Link("Contacter l'assistance", ("help.contact", "support.contact"), ME, ("support.",)),
    )),
    Menu("Instruction", (
        Link("Demandes d'enrôlement", ("staff.queue",), STAFF, ("staff.",)),
        Link("Demandes de financement", ("funding_staff.queue",), STAFF, ("funding_staff.",)),
        Link("Coordonnées bancaires à valider", ("bank_requests.queue",), STAFF,
             ("bank_requests.",)),
        Link("Demandes de modification", ("account_requests.queue",), STAFF,
             ("account_requests.",)),
    )),
    Menu("Suivi", (
        Link("Messages d'assistance", ("staff_support.index",), STAFF, ("staff_support.",)),
        Link("Courriels envoyés", ("outbox.index",), STAFF, ("outbox.",)),
    )),
    Menu("Administration", (
        Link("Données de référence", ("admin.reference",), (ADMIN,), ("admin.reference",)),
        Link("Actualités", ("admin.news",), (ADMIN,), ("admin.news",)),
        Link("Foire aux questions", ("admin.faq",), (ADMIN,), ("admin.faq",)),
        Link("Tarif de l'appel à financement", ("admin.tariff",), (ADMIN,), ("admin.tariff",)),
    )),
)

# The buttons to the main features on the private home (« 5 » of the seeds' home page).
HOME_SHORTCUTS = (
    Link("Suivi des demandes d'enrôlement", ("enrolments.index",), ME),
    Link("Faire une demande complémentaire", ("complementary.start",), ME),
    Link("Ma demande de financement", ("funding.request_page",), ME),
    Link("Gérer mes coordonnées bancaires", ("account.bank_details",), ME),
    Link("Consulter les questions fréquentes", ("help.faq", "public.faq"), ME),
    Link("Contacter l'assistance", ("help.contact", "support.contact"), ME),
)

# Where « Portail SEGUR Numérique » leads: the private home of the role, else the public one.
HOME_ENDPOINTS = {OPERATOR: ("private.home",), MANAGER: ("staff.queue",),
                  ADMIN: ("staff.queue", "admin.reference")}
PUBLIC_HOME = "public.index"


def _first(endpoints, existing) -> str | None:
    return next((name for name in endpoints if name in existing), None)


def _link(link: Link, role: str, existing, current_endpoint: str | None) -> Shown | None:
    endpoint = _first(link.endpoints, existing)
    if role not in link.roles or endpoint is None:
        return None
    current = None
    if current_endpoint == endpoint:
        current = "page"
    elif current_endpoint and any(current_endpoint.startswith(p) for p in link.section):
        current = "true"
    return Shown(link.label, endpoint, current)


def main_menu(role: str | None, existing, current_endpoint: str | None = None) -> list[Shown]:
    """The menu bar of `role` (nothing for visitors): `existing` is the set of registered
    endpoints, `current_endpoint` the page being shown."""
    if role is None:
        return []
    shown = []
    for entry in MAIN_MENU:
        if isinstance(entry, Link):
            link = _link(entry, role, existing, current_endpoint)
            if link:
                shown.append(link)
            continue
        items = [item for item in (_link(i, role, existing, current_endpoint) for i in entry.items)
                 if item]
        if items:
            current = "true" if any(item.current for item in items) else None
            shown.append(Shown(entry.label, current=current, items=items))
    return shown


def shortcuts(role: str, existing) -> list[Shown]:
    return [s for s in (_link(link, role, existing, None) for link in HOME_SHORTCUTS) if s]


def home_endpoint(role: str | None, existing) -> str:
    return _first(HOME_ENDPOINTS.get(role, ()), existing) or PUBLIC_HOME
