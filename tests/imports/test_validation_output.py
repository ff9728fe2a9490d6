"""The output JSON: the input enriched per request with its ASP number, status and reasons."""
from portal.services.imports.output import output
from portal.services.imports.report import Problem, Report, RequestResult

INPUT = {"typeDemande": "avance", "couloir": "DPI-ES", "numeroReferencementANS": "X",
         "demandes": [{"numeroEditeur": "A"}, {"numeroEditeur": "B"}, {"numeroEditeur": "C"}]}
WRONG = Problem("demandes[1].montantSegurHT", "Le montant a plus de deux décimales.",
                "2 décimales au plus (centimes)", "le nombre 1.234")


def report(problems=()):
    return Report("advance", "DPI-ES", list(problems), [
        RequestResult(0, "A", data={}), RequestResult(1, "B", [WRONG]),
        RequestResult(2, "C", data={})], INPUT)


def test_filed_requests_get_their_number_and_status_the_rejected_their_reasons():
    document = output(report(), {0: ("FINDPI000012-M0", "Non complétée"),
                                 2: ("FINDPI000013-M0", "Non complétée")}, simulation=False)
    first, second, third = document["demandes"]
    assert first == {"numeroEditeur": "A", "numeroDemandeASP": "FINDPI000012-M0",
                     "statut": "Non complétée"}
    assert second == {"numeroEditeur": "B", "statut": "Rejetée à l'import", "motifsRejet": [
        {"chemin": "demandes[1].montantSegurHT", "message": "Le montant a plus de deux "
         "décimales.", "attendu": "2 décimales au plus (centimes)",
         "trouve": "le nombre 1.234"}]}
    assert third["numeroDemandeASP"] == "FINDPI000013-M0"
    assert "motifsRejet" not in document
    assert INPUT["demandes"][0] == {"numeroEditeur": "A"}  # the input is left alone


def test_a_simulation_numbers_nothing():
    document = output(report(), None, simulation=True)
    assert [item["statut"] for item in document["demandes"]] == [
        "Retenue (simulation)", "Rejetée à l'import", "Retenue (simulation)"]
    assert all("numeroDemandeASP" not in item for item in document["demandes"])


def test_a_file_problem_rejects_every_request():
    problem = Problem("couloir", "Ce couloir n'existe pas.", "un des couloirs : DPI-ES",
                      "le texte « XXX »")
    document = output(report([problem]), None, simulation=True)
    assert document["motifsRejet"] == [problem.as_json()]
    assert [item["statut"] for item in document["demandes"]] == ["Rejetée à l'import"] * 3


def test_a_file_that_is_not_an_object_gives_only_its_reasons():
    problem = Problem("", "Le fichier n'est pas un JSON valide : erreur ligne 1, colonne 1.",
                      "un document JSON", "une valeur manquante")
    document = output(Report("", "", [problem], [], None), None, simulation=True)
    assert document == {"motifsRejet": [problem.as_json()]}
