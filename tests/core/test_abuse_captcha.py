"""The audio captcha cannot be solved by finding each digit's recorded samples in it (every
rendition varied: speed and pitch, gain, offsets, silences, noise), and the captcha and the forms
it guards are rate-limited per IP address with the French 429 page."""
import array
import io
import os
import sys
import wave

import pytest

from portal.extensions import db
from portal.services.core import captcha
from tests.helpers.enrolment import Wizard
from tests.helpers.limits import enable_limits
from tests.helpers.pages import html

DIGITS = os.path.join(os.path.dirname(captcha.__file__), "..", "..", "assets", "captcha_digits")
TOO_MANY = "Trop de demandes ont été envoyées en peu de temps"


def samples(wav_bytes: bytes) -> bytes:
    with wave.open(io.BytesIO(wav_bytes)) as sound:
        return sound.readframes(sound.getnframes())


def references() -> dict[str, bytes]:
    out = {}
    for digit in "0123456789":
        with open(os.path.join(DIGITS, f"{digit}.wav"), "rb") as f:
            out[digit] = samples(f.read())
    return out


def voiced_windows(frames: bytes, width: int = 8):
    """(offset, bytes) of each run of `width` samples of a recording where the voice is heard."""
    values = array.array("h", frames)
    if sys.byteorder == "big":
        values.byteswap()
    for start in range(0, len(values) - width, width // 2):
        if max(abs(v) for v in values[start:start + width]) > 1000:
            yield 2 * start, frames[2 * start:2 * (start + width)]


def byte_matching_solver(rendition: bytes, refs: dict[str, bytes]) -> str:
    """The attacker's script: find where each digit's recorded samples lie in the rendition (the
    whole recording, or runs of 32 voiced samples of it), each hit telling where that digit
    starts (digits share some runs: the one most found wins its stretch); read the digits in
    the order of their starts."""
    data = samples(rendition)
    starts = {}
    for digit, frames in refs.items():
        probes = [(0, frames)] + list(voiced_windows(frames, 32))[::10]
        for offset, probe in probes:
            at = data.find(probe)
            while at != -1:
                key = (at - offset, digit)
                starts[key] = starts.get(key, 0) + 1
                at = data.find(probe, at + 2)
    chosen = []  # the best-supported digits first; one digit per stretch of the rendition
    for (start, digit), hits in sorted(starts.items(), key=lambda item: -item[1]):
        end = start + len(refs[digit])
        if hits >= 3 and all(end <= s or start >= e for s, e, _ in chosen):
            chosen.append((start, end, digit))
    return "".join(digit for _, _, digit in sorted(chosen))


@pytest.fixture
def ctx(app):
    with app.test_request_context(), db.database.connection_context():
        yield app


def test_a_byte_matching_solver_solves_none_of_20_renditions(ctx):
    refs = references()
    solved = 0
    for _ in range(20):
        token = captcha.new_token()
        solved += byte_matching_solver(captcha.audio(token), refs) == captcha.answer_of(token)
    assert solved == 0


def test_the_solver_solves_digits_put_end_to_end(ctx):
    """The solver solves every rendition made as before (the digits' recordings put end to end,
    half a second apart): it is not a solver that cannot succeed."""
    refs = references()
    silence = b"\x00" * 22050
    for answer in ("305718", "999000", "121212", "864275"):
        out = io.BytesIO()
        with wave.open(out, "wb") as sound:
            sound.setnchannels(1), sound.setsampwidth(2), sound.setframerate(22050)
            sound.writeframes(silence.join(refs[d] for d in answer))
        assert byte_matching_solver(out.getvalue(), refs) == answer


def test_no_voiced_run_of_8_samples_of_a_digit_is_found_verbatim(ctx):
    token = captcha.new_token()
    data = samples(captcha.audio(token))
    for digit, frames in references().items():
        repeated = [w for _, w in voiced_windows(frames) if w in data]
        assert repeated == [], f"digit {digit}: {len(repeated)} runs found verbatim"


def test_two_renditions_of_one_code_differ_and_stay_a_short_clear_wav(ctx):
    token = captcha.new_token()
    first, second = captcha.audio(token), captcha.audio(token)
    assert first != second
    for rendition in (first, second):
        with wave.open(io.BytesIO(rendition)) as sound:
            assert (sound.getnchannels(), sound.getsampwidth(), sound.getframerate()) == (1, 2, 22050)
            assert 5 < sound.getnframes() / sound.getframerate() < 14
        values = array.array("h", samples(rendition))
        peak = max(abs(v) for v in values)
        assert 8000 < peak < 32767  # loud enough, not clipped


@pytest.fixture
def limited(demo):
    return lambda **settings: enable_limits(demo, **settings)


def test_captcha_images_and_sounds_are_limited_per_address(limited):
    app = limited(CAPTCHA_RATE_LIMIT="6 per minute")
    client = app.test_client()
    with app.test_request_context():
        token = captcha.new_token()
    answers = [client.get(f"/captcha/{token}.{kind}").status_code
               for kind in ("png", "wav") * 4]
    assert answers == [200] * 6 + [429] * 2
    page = html(client.get(f"/captcha/{token}.png"))
    assert TOO_MANY in page.get_text()


def test_support_form_posts_are_limited_per_address(limited):
    client = limited(SUPPORT_RATE_LIMIT="3 per hour").test_client()
    statuses = []
    for _ in range(4):
        token = html(client.get("/assistance")).find("input", attrs={"name": "csrf_token"})["value"]
        statuses.append(client.post("/assistance", data={"csrf_token": token}).status_code)
    assert statuses == [422, 422, 422, 429]
    assert client.get("/assistance").status_code == 200  # reading the form is not limited


def test_siret_lookups_are_limited_per_address(limited):
    wizard = Wizard(limited(SIRET_LOOKUP_RATE_LIMIT="3 per hour").test_client())
    wizard.step1()
    statuses = [wizard.search_company("73282932000074").status_code for _ in range(4)]
    assert statuses[0] == 200 and 429 not in statuses[:3] and statuses[3] == 429
    assert TOO_MANY in html(wizard.search_company("73282932000074", htmx=True)).get_text()


def test_final_submissions_are_limited_per_address_not_the_steps(limited):
    wizard = Wizard(limited(WIZARD_SUBMIT_RATE_LIMIT="2 per hour").test_client())
    wizard.reach(5)
    statuses = [wizard.step5(captcha_answer="").status_code for _ in range(3)]
    assert statuses == [422, 422, 429]
    assert wizard.step4().status_code == 303  # the other steps are not held up
