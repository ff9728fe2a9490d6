"""« Simulateur de dépôt JSON » (guide 003; guide 002 §2): a supplier with a validated or partially
validated enrolment of a DSR that has corridors checks a file as an import would, nothing filed.
The answer is the block « simulation » (form and result) for htmx, 422 when the file is unusable;
the output JSON of the latest simulation is downloaded from the file the service keeps."""
from flask import Blueprint, abort, g, request, session

from portal.htmx import render, wants_fragment
from portal.services.imports import simulator
from portal.services.imports.validation import MAX_BYTES

bp = Blueprint("simulator", __name__, url_prefix="/espace/importations/simulateur")
FIELD = "fichier_json"
SESSION_KEY = "simulation"


@bp.before_request
def may_simulate():
    if not simulator.may_simulate(g.account):
        abort(403)


def _page(status=200, simulation=None, error=None, filename=""):
    return render("operator/simulator/index.html", "simulation", status=status,
                  simulation=simulation, error=error, filename=filename, field=FIELD,
                  corridors=simulator.corridors_of(g.account), fragment=wants_fragment())


@bp.get("/")
def index():
    return _page()


@bp.post("/")
def simulate():
    sent = request.files.get(FIELD)
    if sent is None or not sent.filename:
        return _page(422, error="Sélectionnez le fichier JSON à simuler.")
    if not sent.filename.lower().endswith(".json"):
        return _page(422, error="Le fichier doit être au format JSON (extension .json).",
                     filename=sent.filename)
    simulation = simulator.simulate(sent.stream.read(MAX_BYTES + 1), g.account)
    session[SESSION_KEY] = simulation.token
    return _page(422 if simulation.file_refused else 200, simulation, filename=sent.filename)


@bp.get("/json-de-sortie")
def output():
    body = simulator.kept(g.account, session.get(SESSION_KEY)) or abort(404)
    return body, 200, {"Content-Type": "application/json; charset=utf-8",
                       "Cache-Control": "no-store",
                       "Content-Disposition": 'attachment; filename="simulation-sortie.json"'}
