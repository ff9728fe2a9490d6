"""The staff's private notes on a dossier, kept with their author and date: shown on the
back-office pages only — never on an operator's page, in an export or a mail (nothing but the
back-office's views reads them)."""
from portal.models.messages import DossierNote
from portal.services.core import limits
from portal.services.core.errors import Refused

NOTE_REQUIRED = "Saisissez la note."
NOTE_TOO_LONG = f"La note dépasse {limits.TEXT} caractères : raccourcissez-la."
STAFF_ONLY = "Les notes sont réservées aux gestionnaires de l'ASP."


def add(dossier, author, body: str) -> DossierNote:
    body = (body or "").replace("\r\n", "\n").strip()
    if not author.is_staff:
        raise Refused({"action": STAFF_ONLY})
    if not body:
        raise Refused({"note": NOTE_REQUIRED})
    if len(body) > limits.TEXT:
        raise Refused({"note": NOTE_TOO_LONG})
    return DossierNote.create(dossier_kind=dossier.kind.code, dossier_id=dossier.id,
                              author=author, author_name=author.full_name, body=body)


def of(dossier) -> list[DossierNote]:
    """Newest first."""
    return list(DossierNote.select().where(DossierNote.dossier_kind == dossier.kind.code,
                                           DossierNote.dossier_id == dossier.id)
                .order_by(DossierNote.created_at.desc(), DossierNote.id.desc()))
