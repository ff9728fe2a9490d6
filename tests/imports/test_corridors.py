"""Corridors as data: their CSV (the demo set, the mini-syntax of the scenarios, refused lines),
and the admin's screen of one corridor (edits audited, wrong input said beside its field)."""
import io
from decimal import Decimal

import pytest

from portal.models import Corridor
from portal.models.accounts import ADMIN, MANAGER
from portal.services.imports import corridors
from tests.helpers.accounts import make_account, signed_in
from tests.helpers.enrolment import HTMX, database, error, form_data
from tests.helpers.pages import html

LIST = "/gestion/administration/couloirs"
HEADER = ("code,label,software_type,dsr,dossier_prefix,identifier_kind,identifier_label,"
          "cap_per_request,cap_per_beneficiary,advance_share,max_beneficiaries,active,"
          "scenario_layout,scenarios\n")


@pytest.fixture
def admin(app, demo):
    return signed_in(app.test_client(), make_account(app, ADMIN, first_name="Inès",
                                                     last_name="Admin"))


def get(app, code="DPI-ES") -> Corridor:
    with database(app):
        return Corridor.get(Corridor.code == code)


def test_the_demo_corridors_are_loaded_with_their_scenarios(app, demo):
    dpi, city = get(app), get(app, "MDV-LGC")
    assert (dpi.dsr, dpi.identifier_kind, dpi.dossier_prefix) == ("DPI", "finess", "FINDPI")
    assert (dpi.cap_per_request, dpi.cap_per_beneficiary, dpi.advance_share) == (
        Decimal("450000.00"), Decimal("45000.00"), Decimal("30.00"))
    assert dpi.scenarios[0] == {"code": "S1", "label": "Montée de version vers le DPI référencé "
                                "Ségur vague 2", "profiles": ["Opérateur développeur",
                                                              "Opérateur acheteur"], "group": ""}
    assert (city.identifier_kind, city.scenario_layout) == ("rpps", "table")
    assert [group for group, _ in corridors.groups(city)] == ["Installation", "Usages"]
    assert city.scenarios[2]["profiles"] == []  # open to every profile


def test_the_mini_syntax_reads_back_what_it_writes():
    text = ("[Installation] INST: Installation {Opérateur développeur, Opérateur acheteur}\n"
            "DMP: Alimentation du DMP")
    assert corridors.format_scenarios(corridors.parse_scenarios(text)) == text
    assert corridors.parse_scenarios("A: un ; B: deux") == [
        {"code": "A", "label": "un", "profiles": [], "group": ""},
        {"code": "B", "label": "deux", "profiles": [], "group": ""}]


@pytest.mark.parametrize("line, message", [
    ("X-1,Libellé,LGC,LGC,FINX,siren,Numéro,,,30,1,oui,liste,", "Ligne 2 : la colonne "
     "« identifier_kind » vaut « siren » : attendu finess, finess_ej, rpps, am, pmsi."),
    ("X-1,Libellé,LGC,LGC,FINX,rpps,Numéro,,,30,1,oui,liste,Sans code", "Ligne 2 : colonne "
     "« scenarios » : le scénario n° 1 (« Sans code ») ne suit pas la forme « [Groupe] CODE: "
     "Libellé {Profil 1, Profil 2} »."),
    ("X-1,Libellé,LGC,LGC,FINX,rpps,Numéro,,,30,1,oui,liste,A: un; A: deux", "Ligne 2 : "
     "colonne « scenarios » : le code de scénario « A » figure deux fois."),
    ("X-1,Libellé,LGC,LGC,FINX,rpps,Numéro,-5,,30,1,oui,liste,", "Ligne 2 : la colonne "
     "« cap_per_request » vaut « -5 » : attendu un montant positif, deux décimales au plus, "
     "ou vide (sans plafond)."),
    ("X-1,Libellé,LGC,LGC,FINX,rpps,Numéro,,,30,1,oui,colonnes,", "Ligne 2 : la colonne "
     "« scenario_layout » vaut « colonnes » : attendu liste ou tableau."),
])
def test_a_wrong_line_refuses_the_file(app, runner, demo, tmp_path, line, message):
    path = tmp_path / "couloirs.csv"
    path.write_text(HEADER + line + "\n", encoding="utf-8")
    result = runner.invoke(args=["import-reference", "corridors", str(path)])
    assert result.exit_code == 1
    assert message in result.output


def test_a_file_updates_a_corridor_on_its_code(app, runner, demo, tmp_path):
    path = tmp_path / "couloirs.csv"
    path.write_text(HEADER.replace(",", ";") + "DPI-ES;DPI des ES;DPI;DPI;FINDPI;finess;FINESS;"
                    "100 000,00;;25;3;non;tableau;[Base] S1: Installation\n", encoding="utf-8")
    result = runner.invoke(args=["import-reference", "corridors", str(path)])
    assert "1 ligne importée (Couloirs du Ségur Numérique)." in result.output
    corridor = get(app)
    assert (corridor.label, corridor.cap_per_request, corridor.cap_per_beneficiary) == (
        "DPI des ES", Decimal("100000.00"), None)
    assert (corridor.active, corridor.scenario_layout, corridor.max_beneficiaries) == (
        False, "table", 3)
    assert corridor.scenarios == [{"code": "S1", "label": "Installation", "profiles": [],
                                   "group": "Base"}]


def test_the_list_of_corridors_in_the_administration(app, admin):
    page = html(admin.get(LIST))
    assert page.h1.get_text() == "Couloirs"
    rows = page.select("#couloirs tbody tr")
    assert [row.th.get_text() for row in rows] == ["DPI-ES", "MDV-LGC"]
    cells = [td.get_text() for td in rows[0].select("td")]
    assert cells[0] == "Dossier patient informatisé — établissements de santé"
    assert cells[5] == "30 %" and cells[6] == "Oui" and cells[7] == "Import CSV"
    assert page.find("a", string="Couloirs")["href"] == LIST  # in the administration's menu


def edit_data(client, url, **changes):
    return {**form_data(html(client.get(url)), url), **changes}


def test_an_admin_edits_a_corridor_and_the_change_is_signed(app, admin):
    url = f"{LIST}/{get(app).id}"
    page = html(admin.get(url))
    assert page.h1.get_text() == "Modifier le couloir DPI-ES"
    assert page.find(id="cap_per_beneficiary")["value"] == "45000,00"
    assert page.find(id="scenarios").get_text().strip().startswith(
        "S1: Montée de version vers le DPI référencé Ségur vague 2 {Opérateur développeur, "
        "Opérateur acheteur}")
    data = edit_data(admin, url, label="DPI — établissements", cap_per_request="",
                     cap_per_beneficiary="40 000,50", advance_share="25",
                     scenarios="S1: Montée de version\nS2: Alimentation du DMP {Éditeur}")
    data.pop("active")  # unticked: closed
    response = admin.post(url, data=data)
    assert response.status_code == 303 and response.headers["Location"].endswith(LIST)
    page = html(admin.get(LIST))
    assert "Le couloir DPI-ES est enregistré." in page.get_text()
    assert "par Inès Admin" in page.select("#couloirs tbody tr")[0].get_text()
    corridor = get(app)
    assert (corridor.label, corridor.cap_per_request, corridor.cap_per_beneficiary) == (
        "DPI — établissements", None, Decimal("40000.50"))
    assert corridor.advance_share == Decimal("25.00") and corridor.active is False
    assert corridor.scenarios[1] == {"code": "S2", "label": "Alimentation du DMP",
                                     "profiles": ["Éditeur"], "group": ""}
    assert corridor.updated_by == "Inès Admin"


@pytest.mark.parametrize("field, typed, message", [
    ("label", "", "Saisissez le libellé du couloir."),
    ("cap_per_request", "beaucoup", "Saisissez un montant positif en euros, par exemple "
     "45 000,00, ou laissez vide."),
    ("advance_share", "120", "Saisissez un pourcentage de 0,01 à 100, par exemple 30."),
    ("max_beneficiaries", "0", "Saisissez un nombre entier de 1 à 200, par exemple 10."),
    ("scenarios", "S1 Montée", "Le scénario n° 1 (« S1 Montée ») ne suit pas la forme "
     "« [Groupe] CODE: Libellé {Profil 1, Profil 2} »."),
])
def test_wrong_input_is_said_beside_its_field_and_kept(app, admin, field, typed, message):
    url = f"{LIST}/{get(app).id}"
    data = edit_data(admin, url, **{field: typed})
    response = admin.post(url, data=data, headers={**HTMX, "X-CSRFToken": data["csrf_token"]})
    assert response.status_code == 422
    page = html(response)
    assert error(page, field) == message
    assert page.find(id="advance_share")["value"] == data["advance_share"]
    assert get(app).updated_by == ""


def test_only_admins_open_the_corridors(app, demo):
    manager = signed_in(app.test_client(), make_account(app, MANAGER))
    assert manager.get(LIST).status_code == 403
    assert manager.get(f"{LIST}/{get(app).id}").status_code == 403


def test_an_unknown_corridor_is_not_found(admin):
    assert admin.get(f"{LIST}/999").status_code == 404


def test_an_admin_imports_the_corridors_csv_through_the_browser(app, admin):
    url = "/gestion/administration/donnees-de-reference/corridors"
    page = html(admin.get(url))
    assert "scenarios : un par ligne ou séparés par « ; »" in page.get_text()
    data = {**form_data(page, url), "csv_file": (io.BytesIO(
        (HEADER + "RAD-ES,Imagerie — établissements,RIS,RIS,FINRAD,finess,Numéro FINESS "
         "géographique,,20000,30,5,oui,liste,R1: Installation du RIS\n").encode()),
        "couloirs.csv")}
    response = admin.post(url, data=data, content_type="multipart/form-data")
    assert response.status_code == 303
    corridor = get(app, "RAD-ES")
    assert (corridor.cap_per_request, corridor.cap_per_beneficiary) == (None, Decimal("20000"))
    assert corridor.scenarios == [{"code": "R1", "label": "Installation du RIS", "profiles": [],
                                   "group": ""}]
    rows = [row.th.get_text() for row in html(admin.get(LIST)).select("#couloirs tbody tr")]
    assert rows == ["DPI-ES", "MDV-LGC", "RAD-ES"]
