"""The operators' private space (/espace, /mon-compte): signed-in operators only."""
from flask import Blueprint

from portal.auth import guard
from portal.blueprints.operator import (account, api_tokens, cancellation, company, complementary,
                                       enrolments, funding, help, home, imports, incomplete,
                                       messages, pieces, simulator, templates, typed)
from portal.models.accounts import OPERATOR

bp = Blueprint("operator", __name__)
bp.before_request(guard(OPERATOR))
for child in (home.bp, enrolments.bp, complementary.bp, imports.bp, incomplete.bp, funding.bp,
              pieces.bp, help.bp, account.bp, company.bp, typed.bp, api_tokens.bp, templates.bp,
              simulator.bp, cancellation.bp, messages.bp):
    bp.register_blueprint(child)
