"""The ASP's own documents of a funding request, drawn with fpdf2 from the request itself (so the
same request always gives the same document): the decision of award of an advance or a balance."""
from fpdf import FPDF

from portal import formatting
from portal.models import FundingEvent
from portal.models.funding import ADVANCE, BALANCE, DECIDED, PAID
from portal.services.funding.amounts import vat_label

ASP = ("Agence de Services et de Paiement (ASP)", "2 rue du Maupas, 87040 Limoges Cedex 1",
       "pour le compte de l'État — programme Ségur Numérique")
MSS_CALL = "appel à financement MSS Opérateurs"


def scheme(request) -> tuple[str, str]:
    """What the aid is paid for, named and as « au titre … » says it: the MSS call, or the
    corridor of a request filed from a JSON."""
    if request.from_json:
        corridor = f"couloir « {request.corridor.label} »"
        return corridor, "du " + corridor
    return MSS_CALL, "de l'" + MSS_CALL


TITLES = {ADVANCE: "Demande d'avance", BALANCE: "Demande de solde"}


def _euros(value) -> str:
    """The amount as the portal shows it, with ordinary spaces (what the core fonts draw)."""
    return formatting.ascii_spaces(formatting.euros(value))


def drawable(text: str) -> str:
    """What the PDF's core fonts can draw (windows-1252): any other character becomes « ? »."""
    return str(text).encode("cp1252", "replace").decode("cp1252")


def fact_line(pdf: FPDF, label: str, value: str = "") -> None:
    pdf.set_font("helvetica", "B", 10)
    pdf.cell(70, 6, label)
    pdf.set_font("helvetica", "", 10)
    pdf.multi_cell(0, 6, drawable(value), new_x="LMARGIN", new_y="NEXT")


def _document(request, title: str, facts: list[tuple[str, str]], text: str) -> bytes:
    """A document of the ASP about a request: its parties, the request, `facts`, then `text`."""
    enrolment = request.enrolment
    pdf = FPDF(format="A4")
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_title(drawable(f"{title} — demande n° {request.number}"))
    pdf.set_lang("fr")
    pdf.set_author(ASP[0])
    pdf.add_page()
    pdf.set_font("helvetica", "B", 11)
    pdf.multi_cell(0, 6, drawable("\n".join(ASP) + ", " + scheme(request)[0]),
                   new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("helvetica", "B", 15)
    pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "", 11)
    pdf.multi_cell(0, 6, f"{TITLES[request.kind]} n° {request.number} — dossier {request.dossier}",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    fact_line(pdf, "Bénéficiaire", f"{enrolment.denomination} (SIRET {enrolment.siret})")
    fact_line(pdf, "Adresse", f"{enrolment.street}, {enrolment.postcode} {enrolment.commune}")
    fact_line(pdf, "Référencement ANS", f"{enrolment.ans_number} — {enrolment.software_name} "
                                     f"{enrolment.software_version} ({enrolment.dsr})")
    fact_line(pdf, "Enrôlement", enrolment.number)
    pdf.ln(4)
    for label, value in facts:
        fact_line(pdf, label, value)
    pdf.ln(6)
    pdf.multi_cell(0, 6, drawable(text), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def decision(request) -> bytes:
    """« Décision d'attribution de l'aide » of a decided request."""
    decided = (FundingEvent.select().where(FundingEvent.request == request,
                                           FundingEvent.to_status == DECIDED,
                                           FundingEvent.from_status != DECIDED)
               .order_by(FundingEvent.id.desc()).first())
    day = formatting.date(decided.created_at if decided else request.status_changed_at)
    return _document(request, "Décision d'attribution de l'aide", [
        ("Montant retenu HT", _euros(request.amount_ht)),
        ("Taux de TVA applicable", vat_label(request.vat_rate)),
        ("Montant de l'aide TTC", _euros(request.amount_ttc)),
        ("Date de la décision", day)],
        "Le directeur général de l'Agence de Services et de Paiement décide d'attribuer au "
        f"bénéficiaire ci-dessus l'aide de {_euros(request.amount_ttc)} au titre "
        f"{scheme(request)[1]} du Ségur Numérique. Elle sera versée sur le compte bancaire "
        "déclaré sur le portail ; un avis de paiement sera émis lors du versement.\n\n"
        f"Fait à Limoges, le {day}.")


def build(request, name: str) -> bytes | None:
    """The ASP's document `name` of a request, when it exists: « decision » once decided,
    « avis-de-paiement » once paid."""
    if name == "decision" and request.status == DECIDED:
        return decision(request)
    if name == "avis-de-paiement" and request.payment_state == PAID:
        return payment_notice(request)
    return None


def payment_notice(request) -> bytes:
    """« Avis de paiement » of a paid request."""
    return _document(request, "Avis de paiement", [
        ("Montant de l'aide TTC", _euros(request.amount_ttc)),
        ("Montant payé", _euros(request.paid_amount)),
        ("Date du paiement", formatting.date(request.paid_on))],
        f"L'Agence de Services et de Paiement a versé {_euros(request.paid_amount)} le "
        f"{formatting.date(request.paid_on)} au bénéficiaire ci-dessus, sur le compte bancaire déclaré "
        f"sur le portail, au titre {scheme(request)[1]} du Ségur Numérique.")
