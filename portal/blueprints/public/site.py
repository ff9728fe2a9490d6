"""The public site: landing page with the news, the FAQ, the legal pages State sites carry."""
from flask import Blueprint, request

from portal.htmx import render, wants_fragment
from portal.services.content import legal
from portal.services.content import publications as content

bp = Blueprint("site", __name__)


@bp.get("/")
def index():
    return render("public/site/index.html", news=content.public_news(),
                  faq=content.by_rubric(content.faq()))


def faq_page(template: str):
    """The FAQ and its search (`q`), page or results fragment: public and signed-in alike."""
    query = (request.args.get("q") or "").strip()[:100]
    entries = content.search_faq(query)
    return render(template, "results", faq=entries, rubrics=content.by_rubric(entries),
                  query=query, fragment=wants_fragment())


@bp.get("/faq")
def faq():
    return faq_page("public/site/faq.html")


@bp.get("/cgu")
def cgu():
    return render("public/legal/cgu.html", facts=legal.facts())


@bp.get("/donnees-personnelles")
def personal_data():
    return render("public/legal/personal_data.html", facts=legal.facts(), cookies=legal.cookies())


@bp.get("/mentions-legales")
def legal_notice():
    return render("public/legal/legal_notice.html", facts=legal.facts())


@bp.get("/accessibilite")
def accessibility():
    return render("public/legal/accessibility.html")
