"""Payment batches in the back-office (/gestion/paiements): « Mettre en paiement » a selection of
decided requests, the batches, one batch with its SEPA file and the bank's execution. Staff only
(the back-office's guard); thin views: form → services/payments → render or redirect."""
from flask import Blueprint, abort, flash, g, request, url_for

from portal.downloads import download
from portal.forms.backoffice.payments import ExecutionForm
from portal.htmx import render, see_other, wants_fragment
from portal.services.core.errors import Refused
from portal.services.payments import batches, debtor, screens, selection

bp = Blueprint("payments", __name__, url_prefix="/paiements")
FILTERS = tuple(c.key for c in selection.TABLE.columns if c.filter) + ("tri", "page")


@bp.get("/")
def index():
    return render("backoffice/payments/index.html", "results",
                  view=screens.batch_list(request.args), fragment=wants_fragment())


def _selection(args, errors=None, chosen=(), confirmed=(), select_all=False, status=200):
    view, banks = selection.read(args)
    return render("backoffice/payments/selection.html", "results", status=status, view=view,
                  banks=banks, errors=errors or {}, chosen={str(i) for i in chosen},
                  confirmed={str(i) for i in confirmed}, select_all=select_all,
                  kept_args={k: args.get(k) for k in FILTERS if args.get(k)},
                  debtor=debtor.current(), fragment=wants_fragment())


@bp.get("/mise-en-paiement")
def choose():
    return _selection(request.args)


@bp.post("/mise-en-paiement")
def create():
    form = request.form
    select_all = form.get("tout") == "1"
    chosen, confirmed = form.getlist("demande"), form.getlist("confirme")
    try:
        ids = selection.ids_of_filter(form) if select_all else [int(i) for i in chosen]
        batch = batches.create(g.account, ids, [int(i) for i in confirmed])
    except ValueError:
        abort(400)
    except Refused as exc:
        return _selection(form, exc.errors, chosen, confirmed, select_all, 422)
    flash(f"Le lot {batch.number} est créé : {batch.count} demande(s) mise(s) en paiement. "
          "Téléchargez son fichier de virements pour la banque.", "success")
    return see_other(url_for("backoffice.payments.batch", batch_number=batch.number), whole_page=True)


def _batch(number: str):
    return screens.find(number) or abort(404)


def _batch_page(batch, form=None, errors=None, status=200):
    return render("backoffice/payments/batch.html", "lines", status=status,
                  page=screens.batch_page(batch, request.args), form=form or ExecutionForm(
                      formdata=None), errors=errors or {}, fragment=wants_fragment())


@bp.get("/<batch_number>")
def batch(batch_number):
    return _batch_page(_batch(batch_number))


@bp.get("/<batch_number>/virements.xml")
def transfers_file(batch_number):
    return download(_batch(batch_number))


@bp.post("/<batch_number>/execution")
def execution(batch_number):
    found, form = _batch(batch_number), ExecutionForm()
    lines = None if request.form.get("portee") == "lot" else request.form.getlist("virement")
    try:
        if not form.validate():
            raise Refused({name: messages[0] for name, messages in form.errors.items()})
        paid = batches.record_execution(found, g.account, form.paid_on.data, lines)
    except ValueError:
        abort(400)
    except Refused as exc:
        return _batch_page(found, form, exc.errors, 422)
    flash(f"L'exécution est enregistrée : {paid} demande(s) au statut « Paiement effectué », "
          "leur avis de paiement envoyé.", "success")
    return see_other(url_for("backoffice.payments.batch", batch_number=batch_number), whole_page=True)
