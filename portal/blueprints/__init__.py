def register_blueprints(app):
    from portal.blueprints.account import bp as account_bp
    from portal.blueprints.account_requests import bp as account_requests_bp
    from portal.blueprints.admin import bp as admin_bp
    from portal.blueprints.auth import bp as auth_bp
    from portal.blueprints.bank_requests import bp as bank_requests_bp
    from portal.blueprints.branding import bp as branding_bp
    from portal.blueprints.captcha import bp as captcha_bp
    from portal.blueprints.complementary import bp as complementary_bp
    from portal.blueprints.deposit import bp as deposit_bp
    from portal.blueprints.enrolment import bp as enrolment_bp
    from portal.blueprints.enrolments import bp as enrolments_bp
    from portal.blueprints.funding import bp as funding_bp
    from portal.blueprints.funding_staff import bp as funding_staff_bp
    from portal.blueprints.help import bp as help_bp
    from portal.blueprints.outbox import bp as outbox_bp
    from portal.blueprints.private import bp as private_bp
    from portal.blueprints.public import bp as public_bp
    from portal.blueprints.staff import bp as staff_bp
    from portal.blueprints.staff_support import bp as staff_support_bp
    from portal.blueprints.support import bp as support_bp

    app.register_blueprint(public_bp)
    app.register_blueprint(captcha_bp)
    app.register_blueprint(branding_bp)
    app.register_blueprint(enrolment_bp)
    app.register_blueprint(support_bp)
    app.register_blueprint(staff_bp)
    app.register_blueprint(outbox_bp)
    app.register_blueprint(staff_support_bp)
    app.register_blueprint(deposit_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(private_bp)
    app.register_blueprint(enrolments_bp)
    app.register_blueprint(complementary_bp)
    app.register_blueprint(funding_bp)
    app.register_blueprint(funding_staff_bp)
    app.register_blueprint(help_bp)
    app.register_blueprint(account_bp)
    app.register_blueprint(bank_requests_bp)
    app.register_blueprint(account_requests_bp)
    app.register_blueprint(admin_bp)
    if app.config.get("PORTAL_DEMO") and not app.config.get("MAIL_SERVER"):
        from portal.blueprints.demo_mail import bp as demo_mail_bp
        app.register_blueprint(demo_mail_bp)
        app.jinja_env.globals["demo_mailbox"] = True
