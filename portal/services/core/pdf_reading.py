"""What a PDF says of itself once opened with pypdf: is it readable (parseable, not protected by
a password) and how many pages it has. Used where a PDF must be read by a person at the ASP (a
document template sent for review), beyond the magic bytes storage.check() looks at."""
import io
import logging

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from portal.services.core.storage import RefusedFile

UNREADABLE = ("Ce PDF n'est pas lisible : il est peut-être endommagé. Enregistrez-le de nouveau "
              "depuis le logiciel qui l'a produit, puis importez-le.")
ENCRYPTED = ("Ce PDF est protégé par un mot de passe ou chiffré : l'ASP ne pourrait pas "
             "l'ouvrir. Importez une version sans protection.")
NO_PAGE = "Ce PDF ne contient aucune page."
logging.getLogger("pypdf").setLevel(logging.ERROR)  # a repaired cross-reference table is no news


def page_count(content: bytes) -> int:
    """The number of pages of a readable PDF, or raise RefusedFile with the French reason."""
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted:
            raise RefusedFile(ENCRYPTED)
        pages = len(reader.pages)
    except RefusedFile:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            RecursionError, OSError):
        raise RefusedFile(UNREADABLE) from None
    if pages < 1:
        raise RefusedFile(NO_PAGE)
    return pages
