"""Document types (pièces justificatives): label, accepted formats. Defined once."""
from dataclasses import dataclass

IMAGES_AND_PDF = (".pdf", ".png", ".jpg", ".jpeg")
MAX_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True)
class DocumentType:
    code: str
    label: str
    extensions: tuple = IMAGES_AND_PDF
    model: str | None = None  # name of a downloadable model, if any
    requestable: bool = True  # a manager may ask for it (« Demander des pièces »)

    @property
    def formats_hint(self) -> str:
        """The file rules as the guides write them under a drop zone: « Fichier de type .txt ou
        .pdf. Taille maximum : 4Mo. »"""
        names = list(self.extensions)
        kinds = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " ou " + names[-1]
        return f"Fichier de type {kinds}. Taille maximum : 4Mo."


TYPES = {t.code: t for t in [
    DocumentType("referencing_certificate", "Certificat de référencement"),
    DocumentType("operator_contract", "Contrat opérateur V2"),
    DocumentType("hds_certificate", "Certificat d'hébergement des données de santé"),
    DocumentType("hds_statement", "Attestation sur l'honneur de non hébergement des données de santé",
                 model="attestation-non-hebergement"),
    DocumentType("kbis", "KBIS"),
    DocumentType("purchase_order", "Bon de commande"),
    DocumentType("publisher_mandate", "Mandat de l'éditeur"),
    DocumentType("representative_id", "Pièce d'identité (CNI, Passeport, Titre de séjour) du représentant"),
    DocumentType("filer_id", "Pièce d'identité (CNI, Passeport, Titre de séjour) du dépositaire"),
    DocumentType("service_contract", "Contrat de prestation spécifiant la délégation de signature",
                 model="contrat-de-prestation"),
    DocumentType("legal_rep_mandate", "Mandat de délégation de signature du représentant légal",
                 model="mandat-representant-legal"),
    DocumentType("rib", "RIB"),
    DocumentType("vat_exemption", "Attestation de non-assujettissement à la TVA"),
    DocumentType("support_attachment", "Pièce jointe", requestable=False),
    DocumentType("api_proof", "Fichier de preuve de déploiement de l'interface API LPS/DUI",
                 (".txt", ".pdf"), requestable=False),
    DocumentType("api_guide", "Guide PDF Editeur et Client final de connexion à l'API",
                 (".png", ".jpg", ".jpeg", ".pdf"), requestable=False),
    DocumentType("paid_invoice", "Facture acquittée correspondant au bon de commande (ou devis "
                 "signé) transmis lors de l'enrôlement", requestable=False),
    # Step 2 of a JSON import (guide 003 §4.2): one per request, named by its publisher's number.
    DocumentType("signed_order", "Bon de commande ou devis signé", requestable=False),
    DocumentType("invoice", "Facture", requestable=False),
    # A message's attachment (issue 18): the same rules as a piece, a text file too.
    DocumentType("message_attachment", "Pièce jointe (facultatif)", IMAGES_AND_PDF + (".txt",),
                 requestable=False),
]}
REQUESTABLE = {code: t for code, t in TYPES.items() if t.requestable}
# The types a template may be sent for to the ASP's review (guide 003 §5.3): the MSS balance's
# documents and the purchase order, with the same rules as the real deposit.
TEMPLATE_KINDS = ("api_proof", "api_guide", "paid_invoice", "purchase_order")
