"""The views of a dossier's thread that the operator's space and the back-office share (each
blueprint routes them behind its own guard): who may open the dossier, the thread's page, a
message sent, an attachment downloaded. Thin: form → services/messaging → render or redirect."""
from flask import abort, flash, g, request

from portal.downloads import download
from portal.forms import too_long
from portal.forms.messages import MessageForm, NoteForm, bulk_form
from portal.htmx import render, see_other, wants_fragment
from portal.models.messages import ENROLMENT, FUNDING, IMPORT
from portal.services.core import kept_files, tables
from portal.services.core.document_types import TYPES
from portal.services.core.errors import Refused, refuse_if
from portal.services.messaging import bulk, dossiers, follow, inbox, screen, thread

SLUGS = {"enrolement": ENROLMENT, "financement": FUNDING, "importation": IMPORT}  # the kinds in URLs
SENT = "Votre message est envoyé : un courriel prévient votre interlocuteur qu'il l'attend."


def dossier_or_404(slug: str, dossier_id: int):
    """The dossier, for the staff or for its own operator; 404 for anyone else."""
    kind = SLUGS.get(slug) or abort(404)
    dossier = dossiers.find(kind, dossier_id) or abort(404)
    if not g.account.is_staff and dossier.holder_id != g.account.id:
        abort(404)
    return dossier


def thread_page(dossier, message_form=None, note_form=None, errors=None, status=200,
                attachment=None):
    """The thread on a page of its own (where a refused message or note is drawn again)."""
    return render("messaging/thread.html", "thread", status=status,
                  panel=screen.panel(dossier, g.account), slug=slug_of(dossier),
                  message_form=message_form or MessageForm(formdata=None),
                  note_form=note_form or NoteForm(formdata=None), errors=errors or {},
                  attachment=attachment, doc_types=TYPES)


def tools(kind: str, record) -> dict:
    """What a dossier's own page adds to its context to draw its thread (and, for the staff, its
    follow-up and notes): messaging/_dossier.html."""
    dossier = dossiers.of(kind, record)
    return dict(panel=screen.panel(dossier, g.account), slug=slug_of(dossier),
                message_form=MessageForm(formdata=None), note_form=NoteForm(formdata=None))


def bulk_context(kind: str, form=None, errors=None) -> dict:
    """What a queue's page adds to draw its grouped actions (messaging/_bulk.html); its results
    alone (htmx) need only the name of the filters' copies."""
    if wants_fragment() and form is None:
        return dict(bulk_filter=bulk.FILTER)
    return dict(bulk_form=form or bulk_form(kind, follow.managers()), bulk_errors=errors or {},
                bulk_kind=kind, bulk_filter=bulk.FILTER)


def bulk_action(kind: str, table, query, key, queue_template: str, queue_endpoint: str):
    """A grouped action on a queue's dossiers: each its own move or message; the summary says
    what was done and what was refused, dossier by dossier. An action itself incomplete redraws
    the queue (its filters as they were) with the errors, 422."""
    form = bulk_form(kind, follow.managers(), request.form)
    try:
        refuse_if(too_long(form))
        records = bulk.chosen(table, query, key, request.form)
        outcomes = bulk.run(kind, records, form.action.data, g.account,
                            dict(comment=form.comment.data, kinds=form.kinds.data,
                                 follower=form.follower.data))
    except Refused as exc:
        view = tables.read(table, query, bulk.filter_args(request.form))
        errors = {f"lot-{name}": message for name, message in exc.errors.items()}
        return render(queue_template, status=422, view=view, fragment=False,
                      **bulk_context(kind, form, errors))
    return render("messaging/bulk_done.html", outcomes=outcomes,
                  action=bulk.ACTIONS[kind][form.action.data], queue=queue_endpoint)


def slug_of(dossier) -> str:
    return next(slug for slug, kind in SLUGS.items() if kind == dossier.kind.code)


def post_message(slug: str, dossier_id: int):
    dossier = dossier_or_404(slug, dossier_id)
    form = MessageForm()
    taken = kept_files.take_all(g.account, form, [thread.KIND], request.files)
    attachment = taken.documents[thread.KIND]
    try:
        thread.post(dossier, g.account, form.body.data, attachment,
                    {**too_long(form), **taken.refused})
    except Refused as exc:
        return thread_page(dossier, message_form=form, errors=exc.errors, status=422,
                           attachment=attachment)
    flash(SENT, "success")
    return see_other(dossier.url(staff=g.account.is_staff) + "#messagerie", whole_page=True)


def attachment(slug: str, dossier_id: int, dossier_message_id: int):
    return download(thread.attachment(dossier_or_404(slug, dossier_id), dossier_message_id))


def thread_view(slug: str, dossier_id: int):
    return thread_page(dossier_or_404(slug, dossier_id))


def inbox_view():
    """« Messages reçus »: the other side's messages on the reader's dossiers."""
    view = tables.read(inbox.TABLE, inbox.received(g.account), request.args)
    return render("messaging/inbox.html", "results", view=view, fragment=wants_fragment())


def route(bp, inbox_endpoint: str) -> None:
    """The thread's routes, the same on both sides, behind `bp`'s guard (under
    <bp's prefix>/dossiers), and its « Messages reçus » at <bp's prefix>/messages."""
    bp.get("/messages", endpoint=inbox_endpoint)(inbox_view)
    base = "/dossiers/<slug>/<int:dossier_id>/messages"
    bp.get(base, endpoint="thread")(thread_view)
    bp.post(base, endpoint="post")(post_message)
    bp.get(base + "/<int:dossier_message_id>/piece-jointe", endpoint="attachment")(attachment)
