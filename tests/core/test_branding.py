"""The header's logos, set by the hosting team in instance/config.py."""
import os

from tests.helpers.pages import html

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'


def test_no_logo_by_default(client):
    assert html(client.get("/")).select(".fr-header__operator img") == []


def test_the_configured_logos_are_shown_and_served(app, client, tmp_path):
    app.instance_path = str(tmp_path)
    os.makedirs(os.path.join(app.instance_path, "logos"), exist_ok=True)
    with open(os.path.join(app.instance_path, "logos", "asp.svg"), "wb") as stream:
        stream.write(SVG)
    app.config["HEADER_LOGOS"] = [("asp.svg", "Agence de Services et de Paiement")]
    logos = html(client.get("/")).select(".fr-header__operator img")
    assert [(img["src"], img["alt"]) for img in logos] == [
        ("/logos/asp.svg", "Agence de Services et de Paiement")]
    response = client.get("/logos/asp.svg")
    assert response.status_code == 200 and response.data == SVG
    assert client.get("/logos/config.py").status_code == 404
    assert client.get("/logos/..%2Fconfig.py").status_code == 404
