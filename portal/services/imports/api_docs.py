"""The « API » section of « Documentation des JSONs »: how a supplier's software authenticates and
calls each endpoint of /api/v1 (portal/blueprints/api/), with a curl example and its answers."""
from dataclasses import dataclass

from limits import parse

from portal.services.core.document_types import MAX_BYTES as DOCUMENT_MAX
from portal.services.imports.validation import MAX_LABEL

TOKEN = "psn_VOTRE_JETON"
UNITS = {"second": "seconde", "minute": "minute", "hour": "heure", "day": "jour",
         "month": "mois", "year": "an"}
AUTH = f'-H "Authorization: Bearer {TOKEN}"'


@dataclass(frozen=True)
class Endpoint:
    anchor: str
    method: str
    path: str
    title: str
    text: str
    curl: str
    answers: tuple  # (status, what it means)


@dataclass(frozen=True)
class Status:
    code: int
    text: str


def endpoints(base: str, archive_mb: int) -> tuple:
    """The endpoints, their curl examples addressed to `base` (« https://…/api/v1 »)."""
    return (
        Endpoint("api-simulations", "POST", "/simulations", "Simuler un dépôt",
                 "Le corps est le fichier JSON. Le portail le vérifie comme un import, sans rien "
                 "déposer ni conserver, et répond le JSON de sortie qu'un import donnerait "
                 "(chaque demande « Retenue (simulation) » ou « Rejetée à l'import » avec ses "
                 "motifs). Ouvert aux comptes dont un enrôlement est validé ou partiellement "
                 "validé (anticipé).",
                 f'curl -X POST {base}/simulations {AUTH} -H "Content-Type: application/json" '
                 "--data-binary @demandes.json",
                 ((200, "le JSON de sortie de la simulation"),
                  (422, "le fichier est refusé en entier (pas un JSON, couloir inconnu…) : "
                        "« erreur » et, dans « sortie », le JSON de sortie avec ses motifs"))),
        Endpoint("api-importations", "POST", "/importations", "Importer des demandes",
                 "Le corps est le fichier JSON ; l'en-tête facultatif X-Nom-Fichier le nomme "
                 "(« api.json » par défaut). Les demandes retenues sont déposées « Non "
                 "complétée » avec leur numéro ASP, comme après « Continuer vers le dépôt des "
                 "pièces » : elles attendent leurs pièces justificatives. La réponse donne "
                 "l'identifiant de l'import, son statut, le JSON de sortie (« sortie ») et, "
                 "pour chaque demande retenue, l'adresse où déposer sa pièce (« pieces »).",
                 f'curl -X POST {base}/importations {AUTH} -H "Content-Type: application/json" '
                 '-H "X-Nom-Fichier: commandes-janvier.json" --data-binary @demandes.json',
                 ((201, "l'import créé (en-tête Location : son adresse)"),
                  (422, "aucune demande retenue, rien n'est importé : « erreur » et le JSON de "
                        "sortie dans « sortie »"))),
        Endpoint("api-importation", "GET", "/importations/{identifiant}", "Suivre un import",
                 "Le statut de l'import, ses nombres de demandes (retenues, rejetées), les "
                 "pièces qui manquent, chaque demande retenue avec son numéro ASP et son statut, "
                 "et le JSON de sortie à jour.",
                 f"curl {base}/importations/42 {AUTH}",
                 ((200, "l'import"), (404, "pas d'import de ce numéro pour votre compte"))),
        Endpoint("api-piece", "PUT", "/importations/{identifiant}/pieces/{numeroEditeur}",
                 "Déposer la pièce d'une demande",
                 "Le corps est le fichier lui-même (bon de commande ou devis signé pour une "
                 "avance, facture pour un solde) ; l'en-tête X-Nom-Fichier le nomme : son "
                 f"extension dit son format (pdf, png, jpg ou jpeg ; {DOCUMENT_MAX // 1024 // 1024}"
                 " Mo au plus), vérifié comme dans le navigateur. Quand c'est la dernière pièce "
                 "qui manquait, les demandes de l'import passent « En cours » d'instruction et la "
                 "réponse le dit.",
                 f"curl -X PUT {base}/importations/42/pieces/CMD-2026-001 {AUTH} "
                 '-H "X-Nom-Fichier: bon-de-commande.pdf" --data-binary @bon-de-commande.pdf',
                 ((201, "la pièce déposée : « message » et l'import à jour"),
                  (404, "aucune demande retenue de l'import n'a ce numéro éditeur"),
                  (422, "la pièce est refusée : « erreur » dit pourquoi"))),
        Endpoint("api-archive", "PUT", "/importations/{identifiant}/archive",
                 "Déposer toutes les pièces dans un zip",
                 "Le corps est une archive zip (" + f"{archive_mb} Mo au plus) : chaque fichier "
                 "est nommé par le numéro éditeur de sa demande (« CMD-2026-001.pdf ») ou placé "
                 "dans un dossier de ce nom. La réponse liste les pièces déposées (« deposees ») "
                 "et les fichiers refusés ou qui ne correspondent à aucune demande (« ignores »).",
                 f"curl -X PUT {base}/importations/42/archive {AUTH} "
                 '-H "Content-Type: application/zip" --data-binary @pieces.zip',
                 ((201, "au moins une pièce déposée"),
                  (422, "l'archive est refusée, ou aucun de ses fichiers n'a été déposé"))),
    )


ERRORS = (
    Status(401, "jeton absent, révoqué ou invalide (en-tête WWW-Authenticate: Bearer)"),
    Status(403, "votre compte ne peut pas utiliser le canal JSON (ou le simulateur)"),
    Status(404, "adresse inconnue, ou import d'un autre compte"),
    Status(405, "méthode non prévue pour cette adresse (en-tête Allow)"),
    Status(413, f"corps trop volumineux : {MAX_LABEL} pour un fichier JSON, "
                f"{DOCUMENT_MAX // 1024 // 1024} Mo pour une pièce, la limite de l'archive "
                "pour un zip"),
    Status(422, "contenu refusé : « erreur » dit pourquoi"),
    Status(429, "trop d'appels avec ce jeton en peu de temps (en-tête Retry-After : les "
                "secondes à attendre)"),
    Status(500, "erreur inattendue du portail, enregistrée avec la référence donnée"),
)


def limit_label(setting: str) -> str:
    """« 120 per minute » said in French: « 120 appels par minute au plus »."""
    item = parse(setting)
    unit = UNITS.get(item.GRANULARITY.name, item.GRANULARITY.name)
    plural = unit if unit.endswith("s") else unit + "s"
    per = f"{item.multiples} {plural}" if item.multiples > 1 else unit
    return f"{item.amount} appels par {per} au plus"
