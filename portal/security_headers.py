"""Security headers on every answer: a strict Content-Security-Policy (the templates hold no
inline script, style or event handler; the DSFR's CSS draws some icons as data: images),
nosniff, no framing, no referrer outside the portal, no powerful browser feature, HSTS over
https; nothing of a signed-in user's pages kept by a browser or a proxy (no-store; documents
are no-store in portal/downloads.py, whoever downloads them)."""
from flask import g, request

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'")
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}
HSTS = "max-age=31536000; includeSubDomains"


def _secure(response):
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    if g.get("account") is not None and request.endpoint != "static":
        response.headers["Cache-Control"] = "no-store"
    return response


def register_security_headers(app) -> None:
    app.after_request(_secure)
