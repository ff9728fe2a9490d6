def register_blueprints(app):
    from portal.blueprints.public import bp as public_bp

    app.register_blueprint(public_bp)
