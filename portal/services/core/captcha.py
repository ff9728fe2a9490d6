"""Self-hosted captcha: an image and its audio alternative, bound to a signed single-use token.

The token carries a random nonce signed with the app's secret; the expected answer is derived from
the nonce with an HMAC, so any app process can draw it and check it without shared memory. A used
nonce is recorded in the database, so a token cannot be replayed.
"""
import array
import functools
import hashlib
import hmac
import io
import os
import random
import secrets
import sys
import wave

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from peewee import IntegrityError
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from portal.extensions import db
from portal.models import CaptchaUse

LENGTH = 6
MAX_AGE = 30 * 60
SOUNDS = os.path.join(os.path.dirname(__file__), "..", "..", "assets", "captcha_digits")


def _serializer():
    return URLSafeTimedSerializer(current_app.secret_key, salt="captcha")


def new_token() -> str:
    return _serializer().dumps(secrets.token_urlsafe(12))


def _nonce(token: str | None, max_age=MAX_AGE) -> str | None:
    if not token:  # a form posted without its code (no captcha_token field)
        return None
    try:
        return _serializer().loads(token, max_age=max_age)
    except (BadSignature, SignatureExpired):
        return None


def _answer_for(nonce: str) -> str:
    digest = hmac.new(current_app.secret_key.encode(), nonce.encode(), hashlib.sha256).digest()
    return "".join(str(b % 10) for b in digest[:LENGTH])


def answer_of(token: str) -> str | None:
    nonce = _nonce(token)
    return _answer_for(nonce) if nonce else None


def verify(token: str, answer: str) -> bool:
    """True once for a right answer; the token is spent whatever the answer."""
    nonce = _nonce(token)
    if not nonce:
        return False
    try:
        with db.database.atomic():
            CaptchaUse.create(nonce=nonce)
    except IntegrityError:
        return False
    given = "".join((answer or "").split())
    test_answer = current_app.config.get("CAPTCHA_TEST_ANSWER")
    if test_answer and given == test_answer:
        return True
    return hmac.compare_digest(given, _answer_for(nonce))


MISSING = "Saisissez le code de sécurité affiché."
WRONG = "Le code de sécurité saisi est incorrect : recopiez le nouveau code affiché."


def error_for(token: str, answer: str) -> str | None:
    """The French message to show beside the code, None when it is right (see verify())."""
    if not (answer or "").strip():
        return MISSING
    return None if verify(token, answer) else WRONG


def image(token: str) -> bytes:
    answer = answer_of(token) or "------"
    rng = random.Random(token)
    width, height = 240, 80
    img = Image.new("RGB", (width, height), (246, 246, 246))
    draw = ImageDraw.Draw(img)
    for _ in range(8):
        draw.line([(rng.randint(0, width), rng.randint(0, height)) for _ in range(2)],
                  fill=(rng.randint(120, 200),) * 3, width=2)
    font = ImageFont.load_default(size=42)
    x = 14
    for char in answer:
        glyph = Image.new("RGBA", (44, 60), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((6, 2), char, font=font, fill=(22, 22, 22))
        glyph = glyph.rotate(rng.randint(-25, 25), resample=Image.BICUBIC, expand=False)
        img.paste(glyph, (x, rng.randint(4, 18)), glyph)
        x += 36
    img = img.filter(ImageFilter.SMOOTH)
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


RATE = 22050  # the recordings' frame rate (mono, 16 bits)


@functools.lru_cache(maxsize=10)
def _recording(digit: str) -> array.array:
    with wave.open(os.path.join(SOUNDS, f"{digit}.wav"), "rb") as part:
        samples = array.array("h", part.readframes(part.getnframes()))
    if sys.byteorder == "big":  # WAV samples are little-endian
        samples.byteswap()
    return samples


def _spoken(samples: array.array, rng: random.Random) -> list[float]:
    """One digit as never heard before: played a little faster or slower (so higher or lower),
    read between its samples from a random phase, louder or softer."""
    speed, gain, position = rng.uniform(0.88, 1.12), rng.uniform(0.6, 1.0), rng.random()
    out, last = [], len(samples) - 1
    while position < last:
        index = int(position)
        before = samples[index]
        out.append(gain * (before + (samples[index + 1] - before) * (position - index)))
        position += speed
    return out


def _silence(rng: random.Random, low: float, high: float) -> list[float]:
    return [0.0] * int(RATE * rng.uniform(low, high))


def audio(token: str) -> bytes:
    """The digits spoken in French, one after another, as a WAV file. Each rendition differs
    (speed and pitch, gain, silences between the digits, a background hiss), so that neither
    the file nor any digit's samples can be found by comparing bytes with the recordings."""
    answer = answer_of(token) or ""
    rng = random.Random(secrets.randbits(64))
    sound = _silence(rng, 0.2, 0.6)
    for digit in answer:
        sound += _spoken(_recording(digit), rng) + _silence(rng, 0.4, 0.8)
    hiss = rng.uniform(150, 350)
    pcm = array.array("h", (max(-32768, min(32767, round(v + rng.uniform(-hiss, hiss))))
                            for v in sound))
    if sys.byteorder == "big":
        pcm.byteswap()
    out = io.BytesIO()
    with wave.open(out, "wb") as result:
        result.setnchannels(1)
        result.setsampwidth(2)
        result.setframerate(RATE)
        result.writeframes(pcm.tobytes())
    return out.getvalue()
