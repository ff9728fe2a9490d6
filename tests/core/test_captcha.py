"""The self-hosted captcha: one right answer per code, no replay, no forged code; the image and its
audio alternative."""
import io
import wave

import pytest
from PIL import Image

from portal.extensions import db
from portal.services.core import captcha
from tests.helpers.constants import CAPTCHA
from tests.helpers.pages import html


@pytest.fixture
def ctx(app):
    with app.test_request_context(), db.database.connection_context():
        yield app


def wrong_answer(right: str) -> str:
    """Six digits that are neither the right answer nor the test answer."""
    candidate = right
    while candidate in (right, CAPTCHA):
        candidate = f"{(int(candidate) + 1) % 10**6:06d}"
    return candidate


def test_right_answer_is_accepted_once(ctx):
    token = captcha.new_token()
    right = captcha.answer_of(token)
    assert len(right) == 6 and right.isdigit()
    assert captcha.verify(token, right)
    assert not captcha.verify(token, right)  # replay of the same code


def test_answer_may_be_typed_with_spaces(ctx):
    token = captcha.new_token()
    right = captcha.answer_of(token)
    assert captcha.verify(token, f" {right[:3]} {right[3:]} ")


def test_wrong_answer_is_refused_and_spends_the_code(ctx):
    token = captcha.new_token()
    right = captcha.answer_of(token)
    assert not captcha.verify(token, wrong_answer(right))
    assert not captcha.verify(token, right)  # no second guess on the same code
    assert not captcha.verify(captcha.new_token(), "")


def test_each_code_has_its_own_answer(ctx):
    answers = {captcha.answer_of(captcha.new_token()) for _ in range(20)}
    assert len(answers) > 15


def test_tampered_or_foreign_tokens_are_refused(ctx, app):
    token = captcha.new_token()
    right = captcha.answer_of(token)
    signed, _, signature = token.rpartition(".")
    other_char = "A" if signature[0] != "A" else "B"
    assert not captcha.verify(f"{signed}.{other_char}{signature[1:]}", right)
    other_char = "x" if signed[3] != "x" else "y"
    assert not captcha.verify(f"{signed[:3]}{other_char}{signed[4:]}.{signature}", right)
    assert not captcha.verify("n-importe-quoi", CAPTCHA)
    assert not captcha.verify("", CAPTCHA)
    # a code signed with another secret key (another site) is not ours
    secret = app.secret_key
    app.secret_key = "une-autre-cle"
    try:
        foreign = captcha.new_token()
        foreign_answer = captcha.answer_of(foreign)
    finally:
        app.secret_key = secret
    assert captcha.answer_of(foreign) is None
    assert not captcha.verify(foreign, foreign_answer)
    # the genuine code was not spent by the forgeries
    assert captcha.verify(token, right)


def test_expired_code_is_refused(ctx, monkeypatch):
    token = captcha.new_token()
    right = captcha.answer_of(token)
    import time
    later = time.time() + captcha.MAX_AGE + 60
    monkeypatch.setattr(time, "time", lambda: later)
    assert captcha.answer_of(token) is None
    assert not captcha.verify(token, right)


def test_test_answer_works_only_when_configured(ctx, app):
    token = captcha.new_token()
    assert captcha.verify(token, CAPTCHA)
    assert not captcha.verify(token, CAPTCHA)  # even the test answer is single use
    app.config["CAPTCHA_TEST_ANSWER"] = None
    token = captcha.new_token()
    right = captcha.answer_of(token)
    if right != CAPTCHA:
        assert not captcha.verify(token, CAPTCHA)


def test_image_route_answers_a_png(client, app):
    with app.test_request_context():
        token = captcha.new_token()
    response = client.get(f"/captcha/{token}.png")
    assert response.status_code == 200
    assert response.mimetype == "image/png"
    assert response.headers["Cache-Control"] == "no-store"
    image = Image.open(io.BytesIO(response.data))
    assert image.format == "PNG" and image.size == (240, 80)


def test_audio_route_answers_a_wav_of_six_spoken_digits(client, app):
    with app.test_request_context():
        token = captcha.new_token()
        right = captcha.answer_of(token)
    response = client.get(f"/captcha/{token}.wav")
    assert response.status_code == 200
    assert response.mimetype == "audio/wav"
    assert response.headers["Cache-Control"] == "no-store"
    with wave.open(io.BytesIO(response.data)) as sound:
        duration = sound.getnframes() / sound.getframerate()
    # six digits separated by half a second of silence
    assert duration > 5 * 0.5
    # other digits give another sound (each rendition differs: tests/core/test_abuse_captcha.py)
    with app.test_request_context():
        other = captcha.new_token()
        while captcha.answer_of(other) == right:
            other = captcha.new_token()
    assert client.get(f"/captcha/{other}.wav").data != response.data


def test_image_and_audio_of_a_forged_token_are_not_found(client):
    assert client.get("/captcha/faux.png").status_code == 404
    assert client.get("/captcha/faux.wav").status_code == 404


def test_another_code_is_drawn_on_request(client):
    response = client.get("/captcha/nouveau/captcha_answer", headers={"HX-Request": "true"})
    assert response.status_code == 200
    page = html(response)
    token = page.find("input", attrs={"name": "captcha_token"})["value"]
    assert page.find("img")["src"] == f"/captcha/{token}.png"
    assert page.find("audio")["src"] == f"/captcha/{token}.wav"
    assert page.find("label", attrs={"for": "captcha_answer"}).get_text(strip=True).startswith("Code de sécurité")


def test_missing_token_is_refused_without_error(ctx):
    assert captcha.answer_of(None) is None
    assert not captcha.verify(None, CAPTCHA)


def test_company_search_posted_without_its_code_says_so(client, demo):
    from tests.helpers.enrolment import Wizard, error, form_data
    wizard = Wizard(client)
    wizard.step1()
    data = {**form_data(wizard.page(2)), "siret": "73282932000074", "captcha_answer": CAPTCHA}
    del data["captcha_token"]
    response = wizard.post("/enrolement/etape/2/rechercher", data, htmx=True)
    assert response.status_code == 422
    assert error(html(response), "captcha_answer") == ("Le code de sécurité saisi est incorrect : "
                                                       "recopiez le nouveau code affiché.")
