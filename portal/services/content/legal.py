"""The facts the legal pages state (publisher, director of publication, host, DPO, cookies): a
team that hosts the portal adapts them through the configuration (LEGAL_*, DPO_EMAIL); the
texts themselves are the templates of public/legal/."""
from dataclasses import dataclass

from flask import current_app

from portal.services.enrolment import drafts

DRAFT_COOKIE = "brouillon_enrolement"  # set by the wizard (blueprints/public/wizard.py)


@dataclass(frozen=True)
class Cookie:
    name: str
    purpose: str
    lifetime: str


def facts() -> dict:
    config = current_app.config
    return {key: config[key] for key in (
        "LEGAL_PUBLISHER", "LEGAL_PUBLISHER_ADDRESS", "LEGAL_DIRECTOR", "LEGAL_HOST",
        "DPO_EMAIL", "SUPPORT_EMAIL")} | {"antivirus": bool(config.get("CLAMD_ADDRESS"))}


def _duration(minutes: int) -> str:
    if minutes % 60:
        return f"{minutes} minutes"
    hours = minutes // 60
    return f"{hours} heure{'s' if hours > 1 else ''}"


def cookies() -> list[Cookie]:
    """Every cookie and browser storage the portal sets, each strictly necessary to the service
    asked for (hence no consent banner): read from the code, with the lifetimes configured."""
    config = current_app.config
    idle = _duration(config["SESSION_IDLE_MINUTES"])
    longest = _duration(int(config["PERMANENT_SESSION_LIFETIME"]) // 60)
    return [
        Cookie(config["SESSION_COOKIE_NAME"],
               "Session du portail, signée par le serveur : le compte connecté et la protection "
               "des formulaires contre la falsification de requêtes (jeton CSRF) ; garde aussi le "
               "numéro d'une demande ou d'un message que vous venez d'envoyer, pour vous le "
               "confirmer, et le brouillon d'un enrôlement complémentaire en cours.",
               f"Jusqu'à la fermeture du navigateur ; une fois connecté, {longest} au plus, et "
               f"la session est fermée après {idle} d'inactivité."),
        Cookie(DRAFT_COOKIE,
               "Retrouver votre demande d'enrôlement en cours d'une visite à l'autre, dans le "
               "même navigateur (un identifiant aléatoire de brouillon, rien d'autre).",
               f"{drafts.LIFETIME.days} jours ; supprimé une fois la demande envoyée."),
        Cookie("scheme",
               "Stockage local du navigateur (et non cookie) écrit par le script du Système de "
               "design de l'État : le thème d'affichage (clair). Il ne quitte pas votre "
               "navigateur.",
               "Jusqu'à ce que vous l'effaciez depuis votre navigateur."),
    ]
