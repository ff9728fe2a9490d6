"""The blueprints, by audience: each package is one blueprint holding those of its screens, with
one guard (who may see it) that every screen nested in it inherits."""
from portal.blueprints import api, auth, backoffice, budget, health, operator, public
from portal.blueprints.public import demo_mail


def register_blueprints(app):
    app.register_blueprint(public.make(demo_mailbox=bool(
        app.config.get("PORTAL_DEMO") and not app.config.get("MAIL_SERVER"))))
    if app.config.get("PORTAL_DEMO") and not app.config.get("MAIL_SERVER"):
        app.jinja_env.globals["demo_mailbox"] = demo_mail.reachable
    app.register_blueprint(auth.bp)
    app.register_blueprint(operator.bp)
    app.register_blueprint(backoffice.bp)
    app.register_blueprint(budget.bp)
    app.register_blueprint(health.bp)
    api.install(app)
