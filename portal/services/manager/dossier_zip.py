"""A dossier (an enrolment, a funding request) as one ZIP for a manager: its summary as a PDF
(fpdf2, drawn as the ASP's own documents are: services/funding/asp_documents.py) and every
document deposited with it, streamed by zipstream-ng — the archive is written as it is sent, a
document read from its file piece by piece when its turn comes, never the whole in memory.
Files are stored, not deflated (PDFs and images are compressed already), so the size is known
before the first byte and the response says it."""
import os

from fpdf import FPDF
from zipstream import ZIP_STORED, ZipStream

from portal import formatting
from portal.services.core import storage
from portal.services.core.cleaning import one_line
from portal.services.enrolment import record
from portal.services.funding import requests as funding_requests
from portal.services.funding.amounts import vat_label
from portal.services.funding.asp_documents import ASP, drawable, fact_line, scheme

PIECES = "pieces-justificatives"


def _pdf(title: str, sections: list[tuple[str, list[tuple[str, str]]]], history) -> bytes:
    """« Synthèse du dossier »: the title, each section's facts, then the history."""
    pdf = FPDF(format="A4")
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_title(drawable(title))
    pdf.set_lang("fr")
    pdf.set_author(ASP[0])
    pdf.add_page()
    pdf.set_font("helvetica", "B", 15)
    pdf.multi_cell(0, 8, drawable(title), new_x="LMARGIN", new_y="NEXT")
    for heading, facts in [*sections, ("Historique", [
            (formatting.date_time(event.created_at),
             f"{event.status_label} — {event.actor}" + (f" : {event.comment}" if event.comment
                                                       else "")) for event in history])]:
        pdf.ln(4)
        pdf.set_font("helvetica", "B", 12)
        pdf.multi_cell(0, 7, drawable(heading), new_x="LMARGIN", new_y="NEXT")
        for label, value in facts:
            fact_line(pdf, drawable(label), formatting.ascii_spaces(str(value)))
    return bytes(pdf.output())


def _archive(summary: bytes, summary_name: str, documents) -> ZipStream:
    archive = ZipStream(compress_type=ZIP_STORED, sized=True)
    archive.add(summary, summary_name)
    for index, document in enumerate(documents, start=1):
        path = storage.path_of(document)
        if os.path.isfile(path):  # a file gone from the disk is left out, not a broken archive
            name = one_line(document.original_name).replace("/", "_").replace("\\", "_")
            archive.add_path(path, f"{PIECES}/{index:02d}-{name}")
    return archive


def enrolment(enrolment) -> ZipStream:
    documents = record.documents(enrolment)
    sections = [(f"Étape {s['step']} — {s['title']}", s["rows"])
                for s in record.sections(enrolment, documents)]
    sections.insert(0, ("Demande", [("Numéro", enrolment.number),
                                    ("Type", enrolment.kind_label),
                                    ("Statut", enrolment.status_label),
                                    ("Déposée le", formatting.date_time(enrolment.submitted_at))]))
    summary = _pdf(f"Demande d'enrôlement n° {enrolment.number}", sections,
                   record.history(enrolment))
    return _archive(summary, f"synthese-{enrolment.number}.pdf", documents)


def funding_request(request) -> ZipStream:
    enrolment = request.enrolment
    facts = [("Numéro de demande", request.number), ("Dossier", request.dossier),
             ("Type", request.kind_label), ("Au titre", scheme(request)[0]),
             ("Numéro éditeur", request.publisher_number or "—"),
             ("Statut", request.status_label), ("Paiement", request.payment_label),
             ("Logiciel", request.software),
             ("Déposée le", formatting.date_time(request.created_at)),
             ("Montant Ségur déclaré HT", formatting.euros(request.declared_ht)),
             ("Montant retenu HT", formatting.euros(request.amount_ht)),
             ("Taux de TVA", vat_label(request.vat_rate)),
             ("Montant retenu TTC", formatting.euros(request.amount_ttc))]
    if request.paid_on:
        facts += [("Date du paiement", formatting.date(request.paid_on)),
                  ("Montant payé", formatting.euros(request.paid_amount))]
    operator = [("Dénomination sociale", enrolment.denomination), ("SIRET", enrolment.siret),
                ("Enrôlement", enrolment.number),
                ("Référencement ANS", f"{enrolment.ans_number} — {enrolment.software_name}")]
    summary = _pdf(f"Demande de financement n° {request.number}",
                   [("Demande", facts), ("Opérateur", operator)],
                   funding_requests.history(request))
    documents = list(request.documents.order_by(request.documents.model.id))
    return _archive(summary, f"synthese-{request.number}.pdf", documents)
