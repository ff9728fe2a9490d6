"""The operator's enrolments in the private space: « Gérer mes demandes d'enrôlement ». Thin
views: the query string → services/tables.py on the account's own rows → render."""
from flask import Blueprint, abort, g, request, url_for

from portal.blueprints.operator.company import choice
from portal.blueprints.public import deposit as deposit_views
from portal.blueprints import messaging
from portal.downloads import download
from portal.models.messages import ENROLMENT
from portal.htmx import render, wants_fragment
from portal.models import Document
from portal.services.enrolment import deposit as deposits, record as enrolment_record, operator_table as operator_enrolments, holder_view as operator_record
from portal.services.core import tables
from portal.services.core.document_types import TYPES

bp = Blueprint("enrolments", __name__, url_prefix="/espace/enrolements")


@bp.get("/")
def index():
    view = tables.read(operator_enrolments.TABLE, operator_enrolments.own(g.account), request.args)
    fragment = wants_fragment()
    return render("operator/enrolments/index.html", "results", view=view, fragment=fragment,
                  companies=None if fragment else choice(),  # said above the results
                  action_label=operator_enrolments.action_label)


def own_enrolment(number: str):
    """The signed-in operator's enrolment of that number; 404 for anyone else's."""
    return operator_enrolments.find(g.account, number) or abort(404)


@bp.get("/<number>")
def show(number):
    enrolment = own_enrolment(number)
    return render("operator/enrolments/show.html", enrolment=enrolment,
                  action=operator_enrolments.action_label(enrolment),
                  sections=operator_record.sections(enrolment),
                  documents=enrolment_record.documents(enrolment),
                  history=operator_record.history(enrolment), doc_types=TYPES,
                  **messaging.tools(ENROLMENT, enrolment))


@bp.get("/<number>/documents/<int:document_id>")
def document(number, document_id):
    enrolment = own_enrolment(number)
    return download(enrolment.documents.where(Document.id == document_id).first())


def _deposit(enrolment):
    """What the holder may deposit now; 404 when the status asks for nothing."""
    return deposits.for_holder(enrolment) or abort(404)


def _upload_url(number):
    return lambda kind: url_for("operator.enrolments.upload", number=number, kind=kind)


@bp.route("/<number>/depot", methods=["GET", "POST"])
def deposit(number):
    found = _deposit(own_enrolment(number))
    form_url = url_for("operator.enrolments.deposit", number=number)
    if request.method == "GET":
        return deposit_views.show_deposit(found, form_url, _upload_url(number))
    return deposit_views.finish_deposit(found, form_url, _upload_url(number),
                                        url_for("operator.enrolments.deposit_done", number=number),
                                        holder=g.account)


@bp.post("/<number>/depot/document/<kind>")
def upload(number, kind):
    return deposit_views.upload_one(_deposit(own_enrolment(number)), kind, _upload_url(number))


@bp.get("/<number>/depot/termine")
def deposit_done(number):
    enrolment = own_enrolment(number)
    return render("public/deposit/done.html", enrolment=enrolment,
                  back_url=url_for("operator.enrolments.show", number=number),
                  back_label="Retour à ma demande d'enrôlement")
