"""« Importer mes modèles de pièces justificatives » (guide 003 §5.3; guide 002 §2 opens it to
anticipated enrolments as the « outil de vérification du format de vos pièces justificatives »):
a supplier imports a file of one of the template types, checked at once with the rules of the
real deposit (formats, 4 Mo, magic bytes) and, for a PDF, read (not protected, parseable, its
pages counted); then validates the import, which sends it for the ASP's review, or deletes it.

Templates belong to the account AND the company chosen (services/account/companies.py), as bank
details do; the screen opens once that company has an enrolment validated, fully or partially."""
from dataclasses import dataclass, field

from portal import formatting
from portal.extensions import db
from portal.models import Document, DocumentTemplate, Enrolment
from portal.models.enrolment import PARTIAL, VALIDATED
from portal.models.templates import ACCEPTED, IMPORTED, PENDING, REJECTED
from portal.services.core import storage
from portal.services.core.document_types import MAX_BYTES, TEMPLATE_KINDS, TYPES
from portal.services.core.errors import Refused
from portal.services.core.pdf_reading import page_count
from portal.services.core.storage import RefusedFile
from portal.services.core.workflow import Step, transition
from portal.services.templates import workflow

NOT_OPEN = ("Vous pourrez importer vos modèles de pièces justificatives dès qu'un enrôlement de "
            "votre entreprise aura été validé par l'ASP (ou partiellement validé, pour un "
            "enrôlement anticipé).")
KIND_REQUIRED = "Choisissez le type de document."
FILE_REQUIRED = "Choisissez le fichier à importer."
MAX_IMPORTS = 10  # imports not validated an account may keep per company
TOO_MANY = (f"Vous avez déjà {MAX_IMPORTS} imports non validés : validez-les ou supprimez-en "
            "avant d'en importer d'autres.")
FORMATS = {".pdf": "PDF", ".png": "image PNG", ".jpg": "image JPEG", ".jpeg": "image JPEG",
           ".txt": "texte"}


BADGES = {ACCEPTED: " fr-badge--success", REJECTED: " fr-badge--error", PENDING: " fr-badge--info"}


def _either(extensions) -> str:
    return extensions[0] if len(extensions) == 1 else ", ".join(extensions[:-1]) + " ou " + extensions[-1]


def kind_choices() -> list[tuple[str, str]]:
    return [(kind, TYPES[kind].label) for kind in TEMPLATE_KINDS]


def open_to(account, siret: str | None) -> bool:
    """The company has an enrolment validated by the ASP, fully or partially (anticipated)."""
    return bool(siret) and Enrolment.select().where(
        Enrolment.holder == account, Enrolment.siret == siret,
        Enrolment.status.in_((VALIDATED, PARTIAL))).exists()


def describe(template: DocumentTemplate) -> str:
    """What the check found: « PDF, 3 pages, 120 Ko »."""
    document = template.document
    name = document.original_name.rsplit(".", 1)
    kind = FORMATS.get("." + name[-1].lower(), "fichier") if len(name) > 1 else "fichier"
    pages = template.page_count
    shown = [kind] + ([f"{pages} page" + ("s" if pages > 1 else "")] if pages else [])
    return ", ".join(shown + [formatting.file_size(document.size)])


def _read(kind: str, sent) -> int | None:
    """Check the file as the real deposit does, and read a PDF: its pages. Raises RefusedFile."""
    content = sent.read(MAX_BYTES + 1)
    sent.seek(0)
    ext = storage.check(kind, sent.filename or "", content)
    return page_count(content) if ext == ".pdf" else None


def upload(account, siret: str | None, kind: str, sent) -> DocumentTemplate:
    """Step 1: check and keep the file, « Importé — non validé ». Raises Refused by field
    ("kind", "file"), nothing kept."""
    if not open_to(account, siret):
        raise Refused({"action": NOT_OPEN})
    errors = {}
    if kind not in TEMPLATE_KINDS:
        errors["kind"] = KIND_REQUIRED
    if sent is None or not sent.filename:
        errors["file"] = FILE_REQUIRED
    if errors:
        raise Refused(errors)
    if waiting(account, siret).count() >= MAX_IMPORTS:
        raise Refused({"file": TOO_MANY})
    try:
        pages = _read(kind, sent)
        with db.database.atomic():
            document = storage.save(kind, sent)
            template = DocumentTemplate.create(account=account, siret=siret, kind=kind,
                                               document=document, page_count=pages)
            workflow.log_import(template, account, f"Import de « {document.original_name} »")
    except RefusedFile as exc:
        raise Refused({"file": str(exc)}) from None
    return template


def waiting(account, siret: str | None):
    """The imports not validated yet, newest first, each with its document (one query)."""
    return (DocumentTemplate.select(DocumentTemplate, Document).join(Document)
            .where(DocumentTemplate.account == account, DocumentTemplate.siret == (siret or ""),
                   DocumentTemplate.status == IMPORTED)
            .order_by(DocumentTemplate.id.desc()))


def owned(account, template_id: int) -> DocumentTemplate | None:
    """One of the account's templates (of any of its companies), with its document."""
    return (DocumentTemplate.select(DocumentTemplate, Document).join(Document)
            .where(DocumentTemplate.id == template_id, DocumentTemplate.account == account)
            .first())


def validate(account, template: DocumentTemplate) -> Step:
    """Step 2, « Valider l'import »: sent for review, « En attente d'instruction », mailed."""
    return transition(workflow.WORKFLOW, template, workflow.VALIDATE, account)


def deletable(template: DocumentTemplate | None) -> bool:
    return template is not None and template.status == IMPORTED


def delete(account, template: DocumentTemplate) -> bool:
    """Delete an import not validated yet, with its file; False when it was validated
    meanwhile (nothing deleted)."""
    with db.database.atomic():
        gone = (DocumentTemplate.delete()
                .where(DocumentTemplate.id == template.id, DocumentTemplate.account == account,
                       DocumentTemplate.status == IMPORTED).execute())
        if gone:
            storage.delete(template.document)
    return bool(gone)


@dataclass
class TemplatesPage:
    """The screen: the templates sent for review (« Historique »), the imports not validated,
    and the answer to an import just made."""
    open: bool
    history: list = field(default_factory=list)
    imports: list = field(default_factory=list)
    answer: DocumentTemplate | None = None

    labels = property(lambda self: dict(kind_choices()))

    @property
    def file_hint(self) -> str:
        """The formats of each type, as the drop zones of the real deposit say them."""
        formats = " ; ".join(f"{TYPES[k].label} : {_either(TYPES[k].extensions)}"
                             for k in TEMPLATE_KINDS)
        return f"{formats}. Taille maximum : 4Mo."

    @staticmethod
    def badge(template: DocumentTemplate) -> str:
        """The badge's colour of a status."""
        return BADGES.get(template.status, "")


def page(account, siret: str | None, answer_id: int | None = None) -> TemplatesPage:
    if not open_to(account, siret):
        return TemplatesPage(False)
    sent = (DocumentTemplate.select(DocumentTemplate, Document).join(Document)
            .where(DocumentTemplate.account == account, DocumentTemplate.siret == siret,
                   DocumentTemplate.status != IMPORTED)
            .order_by(DocumentTemplate.submitted_at.desc(), DocumentTemplate.id.desc()))
    imports = list(waiting(account, siret))
    answer = next((t for t in imports if t.id == answer_id), None)
    return TemplatesPage(True, list(sent), imports, answer)


def accepted_hints(account, siret: str | None, kinds) -> dict[str, str]:
    """For the real deposit's upload zones: kind → « Un modèle de ce type a été accepté par l'ASP
    le 02/12/2026. » (the latest acceptance), for the kinds a template was accepted for."""
    found = (DocumentTemplate.select(DocumentTemplate.kind, DocumentTemplate.decided_at)
             .where(DocumentTemplate.account == account, DocumentTemplate.siret == (siret or ""),
                    DocumentTemplate.status == ACCEPTED, DocumentTemplate.kind.in_(list(kinds)))
             .order_by(DocumentTemplate.decided_at).tuples())
    latest = dict(found)
    return {kind: f"Un modèle de ce type a été accepté par l'ASP le {formatting.date(day)}."
            for kind, day in latest.items()}
