"""Self-hosted captcha: an image and its audio alternative, bound to a signed single-use token.

The token carries a random nonce signed with the app's secret; the expected answer is derived from
the nonce with an HMAC, so any app process can draw it and check it without shared memory. A used
nonce is recorded in the database, so a token cannot be replayed.
"""
import hashlib
import hmac
import io
import os
import random
import secrets
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


def audio(token: str) -> bytes:
    """The digits spoken in French, one after another, as a WAV file."""
    answer = answer_of(token) or ""
    frames, params = [], None
    for digit in answer:
        with wave.open(os.path.join(SOUNDS, f"{digit}.wav"), "rb") as part:
            params = params or part.getparams()
            frames.append(part.readframes(part.getnframes()))
    out = io.BytesIO()
    with wave.open(out, "wb") as result:
        result.setparams(params)
        silence = b"\x00" * (params.sampwidth * params.nchannels * params.framerate // 2)
        result.writeframes(silence.join(frames))
    return out.getvalue()
