"""The public site: landing page with the news, the FAQ."""
from flask import Blueprint

from portal.htmx import render
from portal.services import content

bp = Blueprint("public", __name__)


@bp.get("/")
def index():
    return render("public/index.html", news=content.public_news(), faq=content.faq())


@bp.get("/faq")
def faq():
    return render("public/faq.html", faq=content.faq())
