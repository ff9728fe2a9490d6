"""« Importer mes modèles de pièces justificatives »: the import's form (the type, the file)."""
from flask_wtf import FlaskForm
from wtforms import SelectField

from portal.forms import options
from portal.services.templates.submissions import kind_choices


class TemplateImportForm(FlaskForm):
    class Meta:
        csrf = False  # CSRFProtect checks every POST

    kind = SelectField("Type de document", validate_choice=False,
                       choices=options([("", "Sélectionnez un type de document")] + kind_choices()))
