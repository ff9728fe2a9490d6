"""What anybody may see, signed in or not: the public site, the enrolment wizard, the support
form, the deposit page of a mailed link, captchas and logos (and the demonstration's mailbox)."""
from flask import Blueprint

from portal.blueprints.public import (branding, captcha, contact, demo_mail, deposit, json_docs,
                                     site, wizard)


def make(demo_mailbox: bool = False) -> Blueprint:
    """A new parent each time (an app of its own in each test); the children are registered
    under it, the demonstration's mailbox only when the demo keeps its mails."""
    bp = Blueprint("public", __name__)
    for child in (site.bp, captcha.bp, branding.bp, wizard.bp, contact.bp, deposit.bp,
                  json_docs.bp):
        bp.register_blueprint(child)
    if demo_mailbox:
        bp.register_blueprint(demo_mail.bp)
    return bp
