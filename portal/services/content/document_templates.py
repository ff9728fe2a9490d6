"""Downloadable model documents (attestation, contract, mandate), drawn as PDF with fpdf2."""
from fpdf import FPDF

MODELS = {
    "attestation-non-hebergement": (
        "Attestation sur l'honneur de non hébergement des données de santé",
        ["Je soussigné(e), ........................................................ (nom, prénom),",
         "agissant en qualité de représentant légal de la société ..................................,",
         "SIRET ..............................., éditeur de la solution ..............................,",
         "",
         "atteste sur l'honneur que la société n'héberge pas de données de santé à caractère "
         "personnel pour le compte de ses clients, au sens de l'article L. 1111-8 du code de la "
         "santé publique, pour la solution désignée ci-dessus.",
         "",
         "Je m'engage à informer l'Agence de Services et de Paiement de toute évolution de cette "
         "situation.",
         "",
         "Fait à ........................., le ....../....../.........",
         "",
         "Signature et cachet de la société :"]),
    "contrat-de-prestation": (
        "Contrat de prestation spécifiant la délégation de signature",
        ["Entre la société ........................................ (SIRET ...............................),",
         "représentée par ........................................, son représentant légal,",
         "ci-après « le fournisseur »,",
         "",
         "et ........................................ (centre de gestion, cabinet d'expertise comptable…),",
         "SIRET ..............................., représenté par ........................................,",
         "ci-après « le prestataire »,",
         "",
         "Article 1 - Objet : le fournisseur confie au prestataire le dépôt et le suivi, sur le portail "
         "ASP du Ségur Numérique, de ses demandes d'enrôlement et de financement au titre du programme "
         "Ségur Numérique - opérateurs de messagerie sécurisée de santé.",
         "",
         "Article 2 - Délégation de signature : le fournisseur délègue au prestataire, en la personne "
         "de ........................................ (dépositaire), la signature des demandes et "
         "attestations déposées sur le portail.",
         "",
         "Article 3 - Durée : le présent contrat vaut jusqu'au paiement du solde des aides demandées.",
         "",
         "Fait à ........................., le ....../....../.........",
         "",
         "Le fournisseur                                                    Le prestataire"]),
    "mandat-representant-legal": (
        "Mandat de délégation de signature du représentant légal",
        ["Je soussigné(e), ........................................ (nom, prénom), représentant légal",
         "de la société ........................................ (SIRET ...............................),",
         "",
         "donne mandat à ........................................ (nom, prénom), employé(e) de la "
         "société en qualité de ........................................,",
         "",
         "pour déposer et suivre en son nom, sur le portail ASP du Ségur Numérique, les demandes "
         "d'enrôlement et de financement au titre du programme Ségur Numérique - opérateurs de "
         "messagerie sécurisée de santé, et signer les attestations qui les accompagnent.",
         "",
         "Fait à ........................., le ....../....../.........",
         "",
         "Le représentant légal                                             Le mandataire"]),
}


def build(name: str) -> bytes | None:
    if name not in MODELS:
        return None
    title, lines = MODELS[name]
    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.set_lang("fr")
    pdf.set_author("Agence de Services et de Paiement")
    pdf.add_page()
    pdf.set_font("helvetica", "B", 11)
    pdf.cell(0, 8, "Portail ASP du Ségur Numérique - modèle de document", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "B", 15)
    pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("helvetica", "", 11)
    for line in lines:
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT") if line else pdf.ln(4)
    return bytes(pdf.output())
