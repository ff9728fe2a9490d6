"""The ASP's own documents of a funding request, drawn with fpdf2 from the request itself (so the
same request always gives the same document): the decision of award of an advance or a balance."""
from fpdf import FPDF

from portal.models import FundingEvent
from portal.models.funding import ADVANCE, BALANCE, DECIDED
from portal.services.funding_amounts import vat_label
from portal.templating import NARROW_NBSP, NBSP, euros, french_date

ASP = ("Agence de Services et de Paiement (ASP)", "2 rue du Maupas, 87040 Limoges Cedex 1",
       "pour le compte de l'État — programme Ségur Numérique, appel à financement MSS Opérateurs")


TITLES = {ADVANCE: "Demande d'avance", BALANCE: "Demande de solde"}


def _euros(value) -> str:
    return euros(value).replace(NARROW_NBSP, " ").replace(NBSP, " ")


def _line(pdf: FPDF, label: str, value: str = "") -> None:
    pdf.set_font("helvetica", "B", 10)
    pdf.cell(70, 6, label)
    pdf.set_font("helvetica", "", 10)
    pdf.multi_cell(0, 6, value, new_x="LMARGIN", new_y="NEXT")


def decision(request) -> bytes:
    """« Décision d'attribution de l'aide » of a decided request."""
    enrolment = request.enrolment
    decided = (FundingEvent.select().where(FundingEvent.request == request,
                                           FundingEvent.to_status == DECIDED)
               .order_by(FundingEvent.id.desc()).first())
    day = french_date(decided.created_at if decided else request.status_changed_at)
    pdf = FPDF(format="A4")
    pdf.core_fonts_encoding = "windows-1252"
    title = f"Décision d'attribution de l'aide — demande n° {request.number}"
    pdf.set_title(title)
    pdf.set_lang("fr")
    pdf.set_author(ASP[0])
    pdf.add_page()
    pdf.set_font("helvetica", "B", 11)
    pdf.multi_cell(0, 6, "\n".join(ASP), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("helvetica", "B", 15)
    pdf.multi_cell(0, 8, "Décision d'attribution de l'aide", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "", 11)
    pdf.multi_cell(0, 6, f"{TITLES[request.kind]} n° {request.number} — dossier {request.dossier}",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    _line(pdf, "Bénéficiaire", f"{enrolment.denomination} (SIRET {enrolment.siret})")
    _line(pdf, "Adresse", f"{enrolment.street}, {enrolment.postcode} {enrolment.commune}")
    _line(pdf, "Référencement ANS", f"{enrolment.ans_number} — {enrolment.software_name} "
                                     f"{enrolment.software_version} ({enrolment.dsr})")
    _line(pdf, "Enrôlement", enrolment.number)
    pdf.ln(4)
    _line(pdf, "Montant retenu HT", _euros(request.amount_ht))
    _line(pdf, "Taux de TVA applicable", vat_label(request.vat_rate))
    _line(pdf, "Montant de l'aide TTC", _euros(request.amount_ttc))
    _line(pdf, "Date de la décision", day)
    pdf.ln(6)
    pdf.multi_cell(0, 6, "Le directeur général de l'Agence de Services et de Paiement décide "
                   f"d'attribuer au bénéficiaire ci-dessus l'aide de {_euros(request.amount_ttc)} "
                   "au titre de l'appel à financement MSS Opérateurs du Ségur Numérique. Elle sera "
                   "versée sur le compte bancaire déclaré sur le portail ; un avis de paiement "
                   "sera émis lors du versement.", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.multi_cell(0, 6, f"Fait à Limoges, le {day}.", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
