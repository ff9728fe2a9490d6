"""The checks of a JSON file (services/imports/validation.py), rule by rule, with the French
message a supplier reads."""
import json
from decimal import Decimal

import pytest

from portal.models.enrolment import PARTIAL
from portal.services.imports import validation
from tests.helpers import json_files as jf
from tests.helpers.enrolment import database


@pytest.fixture
def dpi(app, demo):
    account, enrolment = jf.supplier(app)
    return app, account, enrolment, jf.corridor(app)


def check(app, account, document, raw=None, **options):
    with database(app):
        return validation.check(raw if raw is not None else jf.raw(document), account, **options)


def only(report, index=0):
    """The problems of request `index` as (path, message) pairs."""
    assert not report.problems, report.problems
    return [(p.path, p.message) for p in report.requests[index].problems]


def test_a_valid_file_is_retained_with_its_data(dpi):
    app, account, enrolment, corridor = dpi
    document = jf.valid_file(corridor, enrolment, count=2, amount=12000.5, beneficiaries=2)
    report = check(app, account, document)
    assert not report.problems and len(report.retained) == 2 and not report.rejected
    data = report.requests[0].data
    assert data["publisher_number"] == "CMD-2026-001"
    assert data["software"] == "Dossier patient informatisé (DPI)"
    assert data["declared_ht"] == Decimal("12000.50")
    # retained = min(12 000,50 ; 450 000 ; 45 000 × 2); the advance is 30 % of it; VAT 20 %
    assert data["retained_ht"] == Decimal("12000.50")
    assert data["amount_ht"] == Decimal("3600.15")
    assert data["amount_ttc"] == Decimal("4320.18")
    assert data["vat_rate"] == "20" and data["vat_regime"] == "assujetti"
    assert [b["identifier"] for b in data["beneficiaries"]] == ["750712184", "130783236"]
    assert data["scenarios"] == {"S1": True, "S2": False, "S3": False, "S4": False}
    assert data["mandatary"] == {} and data["advance_number"] == ""


def test_the_caps_of_the_corridor_bound_the_retained_amount(dpi):
    app, account, enrolment, corridor = dpi
    report = check(app, account, jf.valid_file(corridor, enrolment, amount=100000.0))
    data = report.requests[0].data
    assert data["declared_ht"] == Decimal("100000.00")
    assert data["retained_ht"] == Decimal("45000.00")  # one beneficiary: 45 000 € HT
    assert data["amount_ht"] == Decimal("13500.00")


@pytest.mark.parametrize("raw, message", [
    (b"", "Le fichier n'est pas un JSON valide : erreur ligne 1, colonne 1."),
    (b'{"typeDemande": "avance",}', "Le fichier n'est pas un JSON valide : erreur ligne 1, "
                                    "colonne 26."),
    ("{}".encode("utf-16"), "Le fichier n'est pas encodé en UTF-8 : enregistrez-le en UTF-8 puis "
                            "déposez-le de nouveau."),
    (b"[1, 2]", "Le fichier doit contenir un objet JSON { … } : typeDemande, couloir, "
                "numeroReferencementANS, demandes."),
    (b" " * (2 * 1024 * 1024 + 1), "Le fichier dépasse la taille maximale de 2 Mo."),
])
def test_an_unusable_file_is_refused_whole(dpi, raw, message):
    app, account, _, _ = dpi
    report = check(app, account, None, raw=raw)
    assert [p.message for p in report.problems] == [message]
    assert report.retained == []


def test_the_top_level_names_type_corridor_and_enrolment(dpi):
    app, account, enrolment, corridor = dpi
    report = check(app, account, {"typeDemande": "acompte", "couloir": "XXX",
                                  "numeroReferencementANS": "MSS-2023-0001", "demandes": []})
    problems = {p.path: (p.message, p.expected, p.found) for p in report.problems}
    assert problems["typeDemande"] == ("Le type de demande est absent ou inconnu.",
                                       "« avance » ou « solde »", "le texte « acompte »")
    assert problems["couloir"] == ("Ce couloir n'existe pas.",
                                   "un des couloirs : DPI-ES, MDV-LGC", "le texte « XXX »")
    assert problems["numeroReferencementANS"] == (
        "Ce numéro de référencement ANS n'est celui d'aucun de vos enrôlements validés.",
        "un de vos numéros : DPI-2023-0101", "le texte « MSS-2023-0001 »")
    assert problems["demandes"][0] == "Le fichier doit contenir une liste de 1 à 200 demandes."


def test_a_corridor_of_another_dsr_or_closed_is_refused(dpi):
    app, account, enrolment, corridor = dpi
    city = jf.corridor(app, jf.CITY)
    document = jf.valid_file(city, enrolment)
    report = check(app, account, document)
    assert [p.message for p in report.problems] == [
        "Votre référencement ANS (DSR « DPI ») ne permet pas de déposer des demandes pour ce "
        "couloir (DSR « LGC »)."]
    with database(app):
        corridor.active = False
        corridor.save()
    report = check(app, account, jf.valid_file(corridor, enrolment))
    assert [p.message for p in report.problems] == [
        "Ce couloir est fermé : il n'accepte plus de nouvelles demandes."]


def test_a_partially_validated_enrolment_serves_the_simulator_only(app, demo):
    account, enrolment = jf.supplier(app, status=PARTIAL)
    document = jf.valid_file(jf.corridor(app), enrolment)
    assert check(app, account, document).problems[0].path == "numeroReferencementANS"
    assert check(app, account, document, anticipated=True).retained


def test_another_accounts_enrolment_is_not_found(dpi):
    app, account, enrolment, corridor = dpi
    other, _ = jf.supplier(app)
    report = check(app, other, jf.valid_file(corridor, enrolment))
    assert not report.problems  # the other account holds the same referencing: its own file
    stranger = jf.supplier(app, jf.CITY)[0]
    report = check(app, stranger, jf.valid_file(corridor, enrolment))
    assert report.problems[0].expected == "un de vos numéros : LGC-2023-0201"


def test_schema_errors_are_said_in_french_per_request(dpi):
    app, account, enrolment, corridor = dpi
    document = jf.valid_file(corridor, enrolment, count=3)
    first, second, third = document["demandes"]
    first["montantSegurHT"] = "12 000,00"
    del first["dateCommande"]
    first["commentaire"] = "urgent"
    second["beneficiaires"][0]["finess"] = "75071218"
    second["tauxTVA"] = 19.6
    second["beneficiaires"] = second["beneficiaires"] * 21
    report = check(app, account, document)
    assert only(report, 0) == [
        ("demandes[0].commentaire",
         "Le champ « commentaire » n'est pas prévu par le format (faute de frappe ?)."),
        ("demandes[0].dateCommande", "Le champ « dateCommande » est obligatoire."),
        ("demandes[0].montantSegurHT", "La valeur n'est pas du type attendu.")]
    amount = next(p for p in report.requests[0].problems if p.path.endswith("HT"))
    assert amount.expected == ("un nombre JSON sans guillemets, avec un point décimal (par "
                               "exemple 12500.50)")
    assert amount.found == "le texte « 12 000,00 »"
    second_problems = {p.path: p for p in report.requests[1].problems}
    assert second_problems["demandes[1].tauxTVA"].expected == \
        "une des valeurs : 20, 10, 8.5, 5.5, 2.1, 0"
    assert second_problems["demandes[1].beneficiaires"].expected == "au plus 20 éléments"
    assert second_problems["demandes[1].beneficiaires[0].finess"].message == \
        "Le format de la valeur n'est pas respecté."
    assert report.requests[2].retained


def test_a_mandate_needs_its_mandatary_with_a_valid_siret(dpi):
    app, account, enrolment, corridor = dpi
    document = jf.valid_file(corridor, enrolment, count=2)
    document["demandes"][0]["mandatPaiement"] = True
    document["demandes"][1]["mandatBeneficiaire"] = True
    document["demandes"][1]["mandataire"] = {"denomination": "GHT Lumière",
                                             "siret": "73282932000075", "email": "a@b.fr",
                                             "telephone": "0123456789"}
    report = check(app, account, document)
    assert only(report, 0) == [("demandes[0].mandataire", "Le mandataire est obligatoire "
                                "lorsque l'un des deux mandats vaut true.")]
    assert only(report, 1) == [("demandes[1].mandataire.siret", "Ce numéro SIRET n'est pas "
                                "valide : vérifiez les chiffres saisis.")]
    document["demandes"][1]["mandataire"]["siret"] = "73282932000074"
    data = check(app, account, document).requests[1].data
    assert data["mandate_beneficiary"] is True
    assert data["mandatary"]["denomination"] == "GHT Lumière"


def test_identifiers_are_checked_with_their_key(dpi):
    app, account, enrolment, corridor = dpi
    document = jf.valid_file(corridor, enrolment, beneficiaries=3)
    beneficiaries = document["demandes"][0]["beneficiaires"]
    beneficiaries[1]["finess"] = "750712185"  # a wrong Luhn key
    beneficiaries[2]["finess"] = "750712184"  # twice
    assert only(check(app, account, document)) == [
        ("demandes[0].beneficiaires[1].finess", "La clé de contrôle du numéro FINESS "
         "géographique (dernier chiffre) est fausse : vérifiez le numéro."),
        ("demandes[0].beneficiaires[2].finess", "Ce bénéficiaire figure déjà dans la demande "
         "(bénéficiaire n° 1).")]


def test_city_corridor_checks_rpps_numbers(app, demo):
    account, enrolment = jf.supplier(app, jf.CITY)
    corridor = jf.corridor(app, jf.CITY)
    document = jf.valid_file(corridor, enrolment, amount=5000.0, beneficiaries=2)
    report = check(app, account, document)
    assert only(report) == []
    data = report.requests[0].data
    assert data["retained_ht"] == Decimal("2880.00")  # 1 440 € HT × 2 beneficiaries
    assert data["amount_ht"] == Decimal("1440.00")  # advance: 50 %
    document["demandes"][0]["beneficiaires"][0]["rpps"] = "10003456787"
    assert only(check(app, account, document))[0] == (
        "demandes[0].beneficiaires[0].rpps",
        "La clé de contrôle du numéro RPPS (dernier chiffre) est fausse : vérifiez le numéro.")


def test_publisher_numbers_are_unique_in_the_file_and_per_account(dpi):
    app, account, enrolment, corridor = dpi
    document = jf.valid_file(corridor, enrolment, count=3)
    document["demandes"][2]["numeroEditeur"] = "CMD-2026-001"
    report = check(app, account, document)
    assert only(report, 2) == [("demandes[2].numeroEditeur", "Ce numéro éditeur figure déjà dans "
                                "le fichier (demande n° 1).")]
    assert report.requests[0].retained
    jf.decided_advance(app, account, enrolment, corridor, number="CMD-2026-002")
    report = check(app, account, document)
    assert only(report, 1) == [("demandes[1].numeroEditeur", "Vous avez déjà déposé une demande "
                                "d’avance sous ce numéro éditeur.")]
    other, other_enrolment = jf.supplier(app)  # another supplier may use the same number
    assert check(app, other, jf.valid_file(corridor, other_enrolment, count=2)).requests[1].retained


def test_dates_vat_and_decimals(dpi):
    app, account, enrolment, corridor = dpi
    document = jf.valid_file(corridor, enrolment, count=4)
    document["demandes"][0]["dateCommande"] = "2026-02-30"
    document["demandes"][1]["dateCommande"] = "2999-01-01"
    document["demandes"][2].update(regimeTVA="non assujetti", tauxTVA=20)
    document["demandes"][3]["montantSegurHT"] = 100.123
    report = check(app, account, document)
    assert only(report, 0) == [("demandes[0].dateCommande", "Cette date n'existe pas.")]
    assert only(report, 1) == [("demandes[1].dateCommande", "La date de commande est dans le "
                                "futur.")]
    assert only(report, 2) == [("demandes[2].tauxTVA", "Un régime « non assujetti » "
                                "s'accompagne d'un taux de TVA de 0.")]
    assert only(report, 3) == [("demandes[3].montantSegurHT", "Le montant a plus de deux "
                                "décimales.")]
    assert report.requests[3].problems[0].found == "le nombre 100.123"


def test_scenarios_must_be_open_to_the_referenced_profile(dpi):
    app, account, enrolment, corridor = dpi
    document = jf.valid_file(corridor, enrolment)
    document["demandes"][0]["scenarios"]["S4"] = True
    problem = check(app, account, document).requests[0].problems[0]
    assert problem.path == "demandes[0].scenarios.S4"
    assert problem.message == ("Le scénario « Raccordement à une plateforme d'intermédiation "
                               "régionale » n'est pas ouvert au profil pour lequel votre logiciel "
                               "est référencé (Opérateur développeur).")
    assert problem.expected == "false, ou un référencement pour le profil : " \
                               "Plateforme d'intermédiation"
    del document["demandes"][0]["scenarios"]["S4"]
    assert only(check(app, account, document)) == [
        ("demandes[0].scenarios.S4", "Le champ « S4 » est obligatoire.")]


def balance(corridor, enrolment, advance_number, **options):
    return jf.valid_file(corridor, enrolment, kind="balance", advance_number=advance_number,
                         **options)


def test_a_balance_of_a_decided_advance_is_retained_net_of_it(dpi):
    app, account, enrolment, corridor = dpi
    advance = jf.decided_advance(app, account, enrolment, corridor, amount_ht="3600.00")
    report = check(app, account, balance(corridor, enrolment, advance.number, amount=15000.0,
                                         beneficiaries=2))
    data = report.requests[0].data
    assert data["advance_number"] == advance.number
    assert data["declared_ht"] == Decimal("15000.00")
    assert data["amount_ht"] == Decimal("11400.00")  # 15 000 retained − 3 600 of the advance
    assert data["amount_ttc"] == Decimal("13680.00")
    assert [b["matches_advance"] for b in data["beneficiaries"]] == [True, False]


def test_a_balances_advance_must_be_mine_decided_of_the_corridor_and_unbalanced(dpi):
    app, account, enrolment, corridor = dpi
    pending = jf.decided_advance(app, account, enrolment, corridor, number="A1",
                                 status="in_progress")
    other, other_enrolment = jf.supplier(app)
    foreign = jf.decided_advance(app, other, other_enrolment, corridor, number="A2")
    decided = jf.decided_advance(app, account, enrolment, corridor, number="A3")
    document = balance(corridor, enrolment, "", count=4)
    for item, number in zip(document["demandes"],
                            (pending.number, foreign.number, decided.number, decided.number)):
        item["numeroDemandeAvanceASP"] = number
    report = check(app, account, document)
    assert [p.message for p in report.requests[0].problems] == [
        "Cette avance n'est pas encore décidée : le solde ne peut être demandé qu'après la "
        "décision de l'avance."]
    assert report.requests[0].problems[0].found == "le statut « En cours »"
    assert [p.message for p in report.requests[1].problems] == [
        "Aucune de vos demandes d'avance ne porte ce numéro."]
    assert report.requests[2].retained
    assert [p.message for p in report.requests[3].problems] == [
        "Cette avance est déjà soldée par la demande n° 3 du fichier."]


def test_a_balance_whose_beneficiaries_are_all_unknown_to_the_advance_is_rejected(dpi):
    app, account, enrolment, corridor = dpi
    advance = jf.decided_advance(app, account, enrolment, corridor, identifiers_=["690781810"])
    report = check(app, account, balance(corridor, enrolment, advance.number))
    problem = report.requests[0].problems[0]
    assert (problem.path, problem.message) == (
        "demandes[0].beneficiaires", "Aucun des bénéficiaires ne figure dans la demande "
        "d'avance.")
    assert problem.expected == "au moins un bénéficiaire de l'avance (690781810)"


def test_an_advance_already_balanced_is_refused(dpi):
    app, account, enrolment, corridor = dpi
    advance = jf.decided_advance(app, account, enrolment, corridor)
    with database(app):
        from portal.models import FundingRequest
        FundingRequest.create(number=advance.dossier + "-M1", dossier=advance.dossier,
                              kind="balance", enrolment=enrolment, account=account,
                              vat_rate="20", corridor=corridor, advance=advance,
                              publisher_number="S-1", declared_ht=0, amount_ht=0,
                              amount_ttc=0)
    report = check(app, account, balance(corridor, enrolment, advance.number))
    assert [p.message for p in report.requests[0].problems] == [
        f"Un solde a déjà été déposé pour cette avance ({advance.dossier}-M1)."]


def test_an_advance_of_another_corridor_is_refused(app, demo):
    account, enrolment = jf.supplier(app)
    corridor = jf.corridor(app)
    with database(app):
        from portal.models import Corridor
        other = Corridor.create(code="DPI-PSY", label="DPI — psychiatrie", software_type="DPI",
                                dsr="DPI", dossier_prefix="FINPSY", identifier_kind="finess",
                                identifier_label="Numéro FINESS géographique",
                                max_beneficiaries=5)
    advance = jf.decided_advance(app, account, enrolment, other)
    report = check(app, account, balance(corridor, enrolment, advance.number))
    problem = report.requests[0].problems[0]  # its dossier number is another corridor's
    assert problem.path == "demandes[0].numeroDemandeAvanceASP"
    assert problem.found == f"le texte « {advance.number} »"


def test_the_report_keeps_the_input_for_the_output(dpi):
    app, account, enrolment, corridor = dpi
    document = jf.valid_file(corridor, enrolment)
    report = check(app, account, document)
    assert report.document == json.loads(jf.raw(document))
    assert report.kind == "advance" and report.corridor_code == "DPI-ES"


def test_a_control_character_in_a_text_is_refused(dpi):
    app, account, enrolment, corridor = dpi
    document = jf.valid_file(corridor, enrolment)
    document["demandes"][0]["beneficiaires"][0]["nom"] = "Centre\u0000hospitalier"
    problem = check(app, account, document).requests[0].problems[0]
    assert (problem.path, problem.message) == (
        "demandes[0].beneficiaires[0].nom",
        "Le texte contient un caractère de contrôle (invisible) : retirez-le.")


def test_a_balance_names_its_advance_by_the_corridors_dossier_number(dpi):
    app, account, enrolment, corridor = dpi
    report = check(app, account, balance(corridor, enrolment, "FINMSS000012-M0"))
    problem = report.requests[0].problems[0]
    assert (problem.path, problem.message) == ("demandes[0].numeroDemandeAvanceASP",
                                               "Le format de la valeur n'est pas respecté.")
    assert "FINDPI000012-M0" in problem.expected


@pytest.mark.parametrize("kind, value, message", [
    ("finess", "2A0000012", None),  # Corsica: its shape only
    ("finess", "75071218A", "Le numéro FINESS géographique doit comporter 9 caractères : 9 "
                            "chiffres, ou 2A/2B suivis de 7 chiffres en Corse."),
    ("finess_ej", "750712185", "La clé de contrôle du numéro FINESS juridique (dernier chiffre) "
                               "est fausse : vérifiez le numéro."),
    ("rpps", "1000345678", "Le numéro RPPS doit comporter 11 chiffres."),
    ("am", "751234567", None),
    ("am", "7512345", "Le numéro Assurance Maladie doit comporter 9 chiffres."),
    ("pmsi", "130783236", None),
])
def test_each_identifier_kind_has_its_check(kind, value, message):
    from portal.services.imports.identifiers import KINDS
    assert KINDS[kind].problem(value) == message
