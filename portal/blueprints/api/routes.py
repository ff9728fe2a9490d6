"""The API's endpoints: thin views over the services of the browser's « Importation JSONs »
(simulator.run, validation.check + submission.file_checked, documents.deposit and deposit_zip).
Each body is read within its size limit (413 beyond): the JSON file, a document, an archive
(streamed to disk by documents.deposit_zip)."""
import io

from flask import abort, current_app, g, request, url_for
from werkzeug.datastructures import FileStorage

from portal.blueprints.api import bp, errors
from portal.services.core.document_types import MAX_BYTES as DOCUMENT_MAX
from portal.services.core.errors import Refused
from portal.services.imports import access, api, documents, output, simulator, submission, validation

NAME_HEADER = "X-Nom-Fichier"
FORBIDDEN_IMPORT = ("Votre compte ne peut pas importer de demandes : il faut un enrôlement validé "
                    "dont le référencement ANS relève d'un couloir ouvert.")
FORBIDDEN_SIMULATION = ("Votre compte ne peut pas simuler de dépôt : il faut un enrôlement validé "
                        "ou partiellement validé dont le référencement ANS relève d'un couloir "
                        "ouvert.")
UNKNOWN_IMPORT = "Cet import n'existe pas ou n'est pas le vôtre."
FILE_REFUSED = ("Fichier refusé en entier : aucune demande n'est retenue. Les motifs sont dans "
                "« sortie.motifsRejet ».")
ARCHIVE_NAME = "pieces.zip"


def _body(limit: int, label: str):
    """The request's body as a stream, refused with 413 beyond `limit` bytes (werkzeug stops
    reading there, whether the client said its length or not)."""
    request.max_content_length = limit
    g.api_body_limit = label
    return request.stream


def _read(limit: int, label: str) -> bytes:
    """The whole body, at most `limit` bytes: a streamed body (no Content-Length) stops at the
    limit, and the read after it is what tells whether more was sent (413 then)."""
    stream = _body(limit, label)
    content = stream.read(limit)
    if stream.read(1):
        abort(413)
    return content


def _json_file() -> bytes:
    return _read(validation.MAX_BYTES, validation.MAX_LABEL)


def _first(refusal: Refused) -> str:
    return next(iter(refusal.errors.values()), "")


def _own(import_id: int):
    return access.own_import(g.account, import_id) or errors.abort_json(404, UNKNOWN_IMPORT)


def _piece_url(json_import):
    return lambda number: url_for("api.piece", import_id=json_import.id, publisher_number=number,
                                  _external=True)


@bp.post("/simulations")
def simulate():
    """The checks of an import, nothing filed nor kept: the output JSON (422 when the file is
    refused whole, with the output JSON in « sortie »)."""
    if not simulator.may_simulate(g.account):
        return errors.answer(403, FORBIDDEN_SIMULATION)
    simulation = simulator.run(_json_file(), g.account)
    if simulation.file_refused:
        return errors.answer(422, FILE_REFUSED, sortie=simulation.output)
    return errors.json_response(simulation.output)


@bp.post("/importations")
def create_import():
    """Step 1 and « Continuer »: the retained requests filed « Non complétée », 201; 422 with the
    output JSON when nothing is filed."""
    if not access.may_import(g.account):
        return errors.answer(403, FORBIDDEN_IMPORT)
    raw = _json_file()
    report = validation.check(raw, g.account)
    try:
        json_import = submission.file_checked(
            g.account, report, api.file_name(request.headers.get(NAME_HEADER), "api.json"), raw)
    except Refused as exc:
        return errors.answer(422, _first(exc), sortie=output.output(report, None, False))
    json_import = access.own_import(g.account, json_import.id)
    return errors.json_response(
        api.state(json_import, _piece_url(json_import)), 201,
        {"Location": url_for("api.show_import", import_id=json_import.id, _external=True)})


@bp.get("/importations/<int:import_id>")
def show_import(import_id):
    json_import = _own(import_id)
    return errors.json_response(api.state(json_import, _piece_url(json_import)))


@bp.put("/importations/<int:import_id>/pieces/<publisher_number>", endpoint="piece")
def deposit(import_id, publisher_number):
    """One request's document, named by its publisher's number; its bytes are the body."""
    json_import = _own(import_id)
    request_ = api.request_named(json_import, publisher_number)
    if request_ is None:
        return errors.answer(404, api.NO_SUCH_REQUEST.format(json_import.id, publisher_number))
    name = api.file_name(request.headers.get(NAME_HEADER))
    if not name:
        return errors.answer(422, api.NAME_NEEDED)
    sent = FileStorage(io.BytesIO(_read(DOCUMENT_MAX, "4 Mo par pièce")), filename=name)
    try:
        completed = documents.deposit(json_import, request_.id, sent, g.account)
    except Refused as exc:
        return errors.answer(422, _first(exc))
    return errors.json_response(api.deposited(json_import, completed, _piece_url(json_import)),
                                201)


@bp.put("/importations/<int:import_id>/archive")
def deposit_archive(import_id):
    """A zip for all the import's documents, streamed to disk; what matched nothing listed."""
    json_import = _own(import_id)
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    sent = FileStorage(_body(limit, f"{limit // (1024 * 1024)} Mo par archive"),
                       filename=api.file_name(request.headers.get(NAME_HEADER), ARCHIVE_NAME))
    try:
        outcome = documents.deposit_zip(json_import, sent, g.account)
    except Refused as exc:
        return errors.answer(422, _first(exc))
    answer = api.unzipped(json_import, outcome, _piece_url(json_import))
    if not outcome.deposited:
        answer.pop("message")
        return errors.answer(422, api.NOTHING_FROM_ZIP, **answer)
    return errors.json_response(answer, 201)
