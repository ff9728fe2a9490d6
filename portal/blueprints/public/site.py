"""The public site: landing page with the news, the FAQ."""
from flask import Blueprint, request

from portal.htmx import render, wants_fragment
from portal.services.content import publications as content

bp = Blueprint("site", __name__)


@bp.get("/")
def index():
    return render("public/site/index.html", news=content.public_news(), faq=content.faq())


def faq_page(template: str):
    """The FAQ and its search (`q`), page or results fragment: public and signed-in alike."""
    query = (request.args.get("q") or "").strip()[:100]
    return render(template, "results", faq=content.search_faq(query), query=query,
                  fragment=wants_fragment())


@bp.get("/faq")
def faq():
    return faq_page("public/site/faq.html")
