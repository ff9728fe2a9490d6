"""Admin screens: reference data (CSV import through the browser), news and FAQ, the call's
tariff.

Every route is for admins only (managers get 403): the guard runs before each request of the
blueprint, so a route added later cannot forget it. Each page's content is the block « admin »,
which htmx swaps into #administration; success → 303 (HX-Location for htmx) and a flash message.
"""
from dataclasses import dataclass

from flask import Blueprint, abort, flash, g, request, url_for

from portal.forms.backoffice.admin import CsvImportForm, FaqForm, NewsForm, TariffForm, first_errors
from portal.htmx import render, see_other, wants_fragment
from portal.models import FaqEntry, NewsItem
from portal.services.content import editing as admin_content
from portal.services.core.errors import Refused
from portal.services.funding import tariff as funding_call
from portal.services.reference import csv_import as reference_import, import_jobs

bp = Blueprint("admin", __name__, url_prefix="/administration")
TARGET = "#administration"


def page(template: str, title: str, status: int = 200, **context):
    return render(f"backoffice/admin/{template}.html", "admin", status=status, page_title=title,
                  fragment=wants_fragment(), **context)


def done(message: str, endpoint: str, **values):
    flash(message, "success")
    return see_other(url_for(endpoint, **values), TARGET)


@bp.get("/")
def index():
    return see_other(url_for("backoffice.admin.reference"))


# Reference data --------------------------------------------------------------------------------
@bp.get("/donnees-de-reference")
def reference():
    return page("reference", "Données de référence", datasets=reference_import.counts())


def _dataset(kind: str, form=None, errors=None, status=200, block="admin"):
    if kind not in reference_import.DATASETS:
        abort(404)
    overview = reference_import.overview(kind)
    return render("backoffice/admin/dataset.html", block, status=status,
                  page_title=overview["dataset"].label, fragment=wants_fragment(),
                  overview=overview, form=form or CsvImportForm(formdata=None),
                  errors=errors or {}, job=import_jobs.latest(kind))


@bp.get("/donnees-de-reference/<kind>")
def dataset(kind):
    return _dataset(kind)


@bp.get("/donnees-de-reference/<kind>/import")
def import_progress(kind):
    """The last import's progress, polled by the page while it runs (the page, without htmx)."""
    return _dataset(kind, block="import_job")


@bp.post("/donnees-de-reference/<kind>")
def import_dataset(kind):
    if kind not in reference_import.DATASETS:
        abort(404)
    form = CsvImportForm()
    try:
        job = import_jobs.start(kind, request.files.get("csv_file"), g.account)
    except Refused as exc:
        return _dataset(kind, form, exc.errors, 422)
    return done(import_jobs.accepted(job), "backoffice.admin.dataset", kind=kind)


# News and FAQ: the same four screens each -------------------------------------------------------
@dataclass(frozen=True)
class Section:
    name: str  # endpoint prefix (admin.news, admin.news_new …), and the kind of its CSV import
    path: str
    model: type
    label_field: str  # what names an item in the messages
    what: str  # « l'actualité », « la question »
    form: type
    items: callable
    defaults: callable
    save: callable
    title: str  # of the list
    new_title: str
    edit_title: str
    delete_title: str
    added: str
    changed: str
    deleted: str
    rubrics: callable = list  # the rubrics its form suggests (the FAQ's)

    def label(self, item) -> str:
        return getattr(item, self.label_field)


NEWS = Section("news", "actualites", NewsItem, "title", "l'actualité", NewsForm,
               admin_content.news_items, admin_content.new_news_defaults, admin_content.save_news,
               "Actualités", "Ajouter une actualité", "Modifier une actualité",
               "Supprimer une actualité", "L'actualité « {} » a été ajoutée.",
               "L'actualité « {} » a été modifiée.", "L'actualité « {} » a été supprimée.")
FAQ = Section("faq", "foire-aux-questions", FaqEntry, "question", "la question", FaqForm,
              admin_content.faq_entries, admin_content.new_faq_defaults, admin_content.save_faq,
              "Foire aux questions", "Ajouter une question", "Modifier une question",
              "Supprimer une question", "La question « {} » a été ajoutée.",
              "La question « {} » a été modifiée.", "La question « {} » a été supprimée.",
              admin_content.faq_rubrics)


def _item(section: Section, item_id: int):
    return section.model.get_or_none(section.model.id == item_id) or abort(404)


def _form_page(section, form, item=None, errors=None, status=200):
    return page("content_form", section.edit_title if item else section.new_title, status,
                section=section, form=form, item=item, errors=errors or {},
                rubrics=section.rubrics())


def _register(section: Section):
    def listing():
        return page(f"{section.name}_list", section.title, section=section, items=section.items())

    def new():
        if request.method == "GET":
            return _form_page(section, section.form(formdata=None, data=section.defaults()))
        return _save(section, section.form(), None)

    def edit(item_id):
        item = _item(section, item_id)
        if request.method == "GET":
            return _form_page(section, section.form.of(item), item)
        return _save(section, section.form(), item)

    def delete(item_id):
        item = _item(section, item_id)
        if request.method == "GET":
            return page("content_delete", section.delete_title, section=section, item=item,
                        label=section.label(item))
        label = section.label(item)
        admin_content.delete(item)
        return done(section.deleted.format(label), f"backoffice.admin.{section.name}")

    base = f"/{section.path}"
    bp.add_url_rule(base, section.name, listing, methods=["GET"])
    bp.add_url_rule(f"{base}/nouvelle", f"{section.name}_new", new, methods=["GET", "POST"])
    bp.add_url_rule(f"{base}/<int:item_id>", f"{section.name}_edit", edit, methods=["GET", "POST"])
    bp.add_url_rule(f"{base}/<int:item_id>/suppression", f"{section.name}_delete", delete,
                    methods=["GET", "POST"])


def _save(section: Section, form, item):
    if not form.validate():
        return _form_page(section, form, item, first_errors(form), 422)
    try:
        saved = section.save(item, form.values())
    except Refused as exc:
        return _form_page(section, form, item, exc.errors, 422)
    message = section.changed if item else section.added
    return done(message.format(section.label(saved)), f"backoffice.admin.{section.name}")


_register(NEWS)
_register(FAQ)


# The call's tariff ------------------------------------------------------------------------------
def _tariff_page(form, errors=None, status=200):
    return page("tariff", "Tarif de l'appel à financement", status, form=form,
                call=funding_call.current(), errors=errors or {})


@bp.route("/tarif", methods=["GET", "POST"])
def tariff():
    if request.method == "GET":
        return _tariff_page(TariffForm(formdata=None,
                                       data=funding_call.as_form_data(funding_call.current())))
    form = TariffForm()
    if not form.validate():
        return _tariff_page(form, first_errors(form), 422)
    try:
        funding_call.save(form.values(), g.account.full_name)
    except Refused as exc:
        return _tariff_page(form, exc.errors, 422)
    return done("Le tarif de l'appel à financement est enregistré.", "backoffice.admin.tariff")
