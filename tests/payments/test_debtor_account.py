"""« Compte de l'ASP »: the account the batches debit, set by an admin (managers get 403), IBAN and
BIC checked with French messages (422, what was typed kept), every change kept with who and when."""
from portal.models import DebtorAccount
from portal.models.accounts import ADMIN
from tests.helpers.accounts import make_account, manager_client, signed_in
from tests.helpers.enrolment import HTMX, database, error
from tests.helpers.pages import html

URL = "/gestion/administration/compte-asp"


def send(client, htmx=False, **values):
    token = html(client.get(URL)).find("input", attrs={"name": "csrf_token"})["value"]
    headers = {**HTMX, "X-CSRFToken": token} if htmx else {}
    return client.post(URL, data={"csrf_token": token, **values}, headers=headers)


def test_an_admin_sets_the_account_and_each_change_is_kept(app, demo):
    admin = signed_in(app.test_client(), make_account(app, ADMIN, last_name="Admin",
                                                       first_name="Paul"))
    wrong = send(admin, htmx=True, name="", iban="FR76 1234", bic="BNPAFRPP")
    assert wrong.status_code == 422
    page = html(wrong)
    assert "IBAN n'est pas valide" in error(page, "iban")
    assert error(page, "name").startswith("Saisissez le nom du titulaire")
    assert page.find(id="bic")["value"] == "BNPAFRPP"  # nothing typed lost
    done = send(admin, name="ASP Limoges", iban="FR1420041010050500013M02606", bic="PSSTFRPPPAR")
    assert done.status_code == 303
    with database(app):
        latest = DebtorAccount.select().order_by(DebtorAccount.id.desc()).first()
        assert (latest.name, latest.iban, latest.actor_name) == (
            "ASP Limoges", "FR14 2004 1010 0505 0001 3M02 606", "Paul Admin")
    changes = html(admin.get(URL)).select("#modifications-compte tbody tr")
    assert len(changes) == 2  # the demonstration's, then this one, the latest first
    assert "Paul Admin" in changes[0].get_text() and "ASP Limoges" in changes[0].get_text()
    assert html(admin.get(URL)).find(id="iban")["value"] == "FR14 2004 1010 0505 0001 3M02 606"


def test_managers_and_operators_never_reach_it(app, demo):
    assert manager_client(app).get(URL).status_code == 403
    assert app.test_client().get(URL).status_code in (302, 303)
