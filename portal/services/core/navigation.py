"""The menu bar and the home shortcuts, per role: ONE list. An entry names its screen's endpoint
and the roles it is shown to; a drop-down left without items for a role is not shown.
"""
from dataclasses import dataclass, field

from portal.models.accounts import ADMIN, MANAGER, OPERATOR
from portal.models.roles import BUDGET_OWNER


@dataclass(frozen=True)
class Link:
    label: str
    endpoint: str
    roles: tuple[str, ...]
    # Endpoint prefixes of the pages that belong to this entry (its section).
    section: tuple[str, ...] = ()
    requires: str = ""  # a feature the account must have (JSON_CHANNEL), besides its role
    counter: str = ""  # a count shown beside it (UNREAD: the messages waiting), given by the caller


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
    count: int = 0  # the link's counter (0: none shown)
    items: list["Shown"] = field(default_factory=list)


STAFF = (MANAGER, ADMIN)
ME = (OPERATOR,)
JSON_CHANNEL = "json_channel"  # a validated enrolment whose DSR has an active corridor
UNREAD = "unread"  # the messages waiting for the account (services/messaging/thread.py)

# The seeds' menu bar (guide « portail », 2.2) for operators, then the back-office's.
MAIN_MENU = (
    Link("Accueil", "operator.home.home", ME),
    Menu("Enrôlement", (
        Link("Gérer mes demandes d'enrôlement", "operator.enrolments.index", ME, ("operator.enrolments.",)),
        Link("Faire une demande complémentaire", "operator.complementary.start", ME),
    )),
    Menu("Importation JSONs", (
        Link("Gérer mes importations JSONs", "operator.imports.index", ME, ("operator.imports.index",),
             requires=JSON_CHANNEL),
        Link("Importer mes demandes", "operator.imports.new", ME,
             ("operator.imports.new", "operator.imports.file", "operator.imports.documents"),
             requires=JSON_CHANNEL),
        Link("Suivi des demandes incomplètes", "operator.incomplete.index", ME,
             ("operator.incomplete.",), requires=JSON_CHANNEL),
    )),
    Menu("Demandes financement", (
        Link("Ma demande de financement", "operator.funding.request_page", ME, ("operator.funding.request",)),
        Link("Gérer mes demandes de financement", "operator.funding.index", ME, ("operator.funding.index",)),
        Link("Importer mes modèles de pièces justificatives", "operator.templates.index", ME,
             ("operator.templates.",)),
    )),
    Menu("Export", (
        Link("Exporter vos demandes de financement", "operator.funding.export", ME),
        Link("Exporter vos bénéficiaires", "operator.funding.beneficiaries", ME,
             ("operator.funding.beneficiaries",)),
    )),
    Menu("Mon compte", (
        Link("Gérer mes coordonnées bancaires", "operator.account.bank_details", ME, ("operator.account.bank",)),
        Link("Gérer mes coordonnées personnes physiques", "operator.account.persons", ME,
             ("operator.account.person",)),
        Link("Gérer mes jetons d'API", "operator.api_tokens.index", ME, ("operator.api_tokens.",)),
    )),
    Link("Messages", "operator.messages.index", ME, ("operator.messages.",), counter=UNREAD),
    Menu("Besoin d'aide ?", (
        Link("Consulter les questions fréquentes", "operator.help.faq", ME),
        Link("Contacter l'assistance", "operator.help.contact", ME, ("public.contact.",)),
    )),
    Menu("Instruction", (
        Link("Demandes d'enrôlement", "backoffice.enrolments.queue", STAFF, ("backoffice.enrolments.",)),
        Link("Demandes de financement", "backoffice.funding.queue", STAFF, ("backoffice.funding.",)),
        Link("Importations JSON", "backoffice.imports.index", STAFF, ("backoffice.imports.",)),
        Link("Coordonnées bancaires à valider", "backoffice.bank_details.queue", STAFF,
             ("backoffice.bank_details.",)),
        Link("Demandes de modification", "backoffice.person_changes.queue", STAFF,
             ("backoffice.person_changes.",)),
        Link("Modèles de pièces justificatives", "backoffice.templates.queue", STAFF,
             ("backoffice.templates.",)),
    )),
    Menu("Paiements", (
        Link("Mettre en paiement", "backoffice.payments.choose", STAFF,
             ("backoffice.payments.choose", "backoffice.payments.create")),
        Link("Lots de paiement", "backoffice.payments.index", STAFF,
             ("backoffice.payments.index", "backoffice.payments.batch")),
    )),
    Menu("Suivi", (
        Link("Tableau de bord", "backoffice.dashboard.index", STAFF, ("backoffice.dashboard.",)),
        Link("Messages des opérateurs", "backoffice.dossiers.inbox_page", STAFF,
             ("backoffice.dossiers.",), counter=UNREAD),
        Link("Messages d'assistance", "backoffice.support.index", STAFF, ("backoffice.support.",)),
        Link("Courriels envoyés", "backoffice.outbox.index", STAFF, ("backoffice.outbox.",)),
    )),
    Menu("Administration", (
        Link("Données de référence", "backoffice.admin.reference", (ADMIN,), ("backoffice.admin.reference",)),
        Link("Actualités", "backoffice.admin.news", (ADMIN,), ("backoffice.admin.news",)),
        Link("Foire aux questions", "backoffice.admin.faq", (ADMIN,), ("backoffice.admin.faq",)),
        Link("Tarif de l'appel à financement", "backoffice.admin.tariff", (ADMIN,), ("backoffice.admin.tariff",)),
        Link("Couloirs", "backoffice.admin.corridor_list", (ADMIN,), ("backoffice.admin.corridor",)),
        Link("Enveloppes budgétaires", "backoffice.admin.envelope_list", (ADMIN,),
             ("backoffice.admin.envelope",)),
        Link("Compte de l'ASP", "backoffice.admin.debtor_account", (ADMIN,),
             ("backoffice.admin.debtor_account",)),
    )),
    Link("Décisions budgétaires", "budget.decisions", (BUDGET_OWNER,), ("budget.",)),
)

# The buttons to the main features on the private home (« 5 » of the seeds' home page).
HOME_SHORTCUTS = (
    Link("Suivi des demandes d'enrôlement", "operator.enrolments.index", ME),
    Link("Faire une demande complémentaire", "operator.complementary.start", ME),
    Link("Ma demande de financement", "operator.funding.request_page", ME),
    Link("Gérer mes coordonnées bancaires", "operator.account.bank_details", ME),
    Link("Consulter les questions fréquentes", "operator.help.faq", ME),
    Link("Contacter l'assistance", "operator.help.contact", ME),
)

# Where « Portail SEGUR Numérique » leads: the private home of the role, else the public one.
HOME_ENDPOINTS = {OPERATOR: "operator.home.home", MANAGER: "backoffice.enrolments.queue",
                  ADMIN: "backoffice.enrolments.queue", BUDGET_OWNER: "budget.decisions"}
PUBLIC_HOME = "public.site.index"


def _link(link: Link, role: str, current_endpoint: str | None,
          features: frozenset = frozenset(), counts: dict | None = None) -> Shown | None:
    if role not in link.roles or (link.requires and link.requires not in features):
        return None
    current = None
    if current_endpoint == link.endpoint:
        current = "page"
    elif current_endpoint and any(current_endpoint.startswith(p) for p in link.section):
        current = "true"
    return Shown(link.label, link.endpoint, current,
                 count=(counts or {}).get(link.counter, 0) if link.counter else 0)


def main_menu(role: str | None, current_endpoint: str | None = None,
              first_steps: bool = False, features: frozenset = frozenset(),
              counts: dict | None = None) -> list[Shown]:
    """The menu bar of `role` (nothing for visitors, nor on a forced step of the first sign-in:
    `first_steps`), `current_endpoint` the page being shown, `features` what the account may use
    besides its role (JSON_CHANNEL), `counts` the counters' values (UNREAD)."""
    if role is None or first_steps:
        return []
    shown = []
    for entry in MAIN_MENU:
        if isinstance(entry, Link):
            link = _link(entry, role, current_endpoint, features, counts)
            if link:
                shown.append(link)
            continue
        items = [item for item in (_link(i, role, current_endpoint, features, counts)
                                   for i in entry.items) if item]
        if items:
            current = "true" if any(item.current for item in items) else None
            shown.append(Shown(entry.label, current=current, items=items,
                               count=sum(item.count for item in items)))
    return shown


def shortcuts(role: str) -> list[Shown]:
    return [s for s in (_link(link, role, None) for link in HOME_SHORTCUTS) if s]


def home_endpoint(role: str | None) -> str:
    return HOME_ENDPOINTS.get(role, PUBLIC_HOME)
