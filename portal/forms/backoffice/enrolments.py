"""Forms of the back-office: the decisions on an enrolment (the queue's filters are a table of
services/core/tables.py). Which decision is allowed, and what it requires, is the workflow's rule."""
from flask_wtf import FlaskForm
from wtforms import SelectMultipleField, TextAreaField

from portal.forms import MaxLength, options
from portal.services.core import limits
from portal.services.enrolment import workflow
from portal.services.enrolment.corrections import SECTIONS
from portal.services.core.document_types import REQUESTABLE

# The comment's label and hint, by decision.
COMMENT_TEXTS = {
    workflow.VALIDATE: ("Commentaire (facultatif)", "Inscrit à l'historique de la demande."),
    workflow.VALIDATE_PARTIALLY: ("Commentaire (facultatif)", "Inscrit à l'historique de la demande."),
    workflow.REQUEST_DOCUMENTS: ("Message au demandeur",
                                 "Expliquez ce qui manque ou ce qui ne va pas : ce message est "
                                 "repris dans le courriel envoyé au demandeur."),
    workflow.REJECT: ("Motif du rejet", "Repris dans le courriel envoyé au demandeur."),
    workflow.VALIDATE_CERTIFICATES: ("Commentaire (facultatif)",
                                     "Inscrit à l'historique de la demande."),
}


class DecisionForm(FlaskForm):
    """One decision; each is drawn with its own prefix (its action), so that its fields have their
    own names and ids on the page. The CSRF token is checked for every POST by CSRFProtect."""
    class Meta:
        csrf = False

    comment = TextAreaField("Commentaire", validators=[MaxLength(limits.TEXT, "Votre commentaire")])
    kinds = SelectMultipleField("Pièces attendues", validate_choice=False,
                                choices=options([(code, t.label) for code, t in REQUESTABLE.items()]))
    sections = SelectMultipleField("Données à corriger (« Modifier »)", validate_choice=False,
                                   choices=options([(code, s.label) for code, s in SECTIONS.items()]))


def decision_form(action: str, formdata=None) -> DecisionForm:
    """The form of `action`, bound to the posted data if given."""
    form = DecisionForm(prefix=action, formdata=formdata)
    label, hint = COMMENT_TEXTS.get(action, ("Commentaire", ""))
    form.comment.label.text = label
    form.comment.description = hint
    return form
