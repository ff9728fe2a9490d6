"""Forms of the back-office: the queue's filters (GET, in the URL) and the decisions on an
enrolment. Which decision is allowed, and what it requires, is the workflow's rule."""
from flask_wtf import FlaskForm
from wtforms import Form, IntegerField, SelectField, SelectMultipleField, TextAreaField
from wtforms.fields import DateField
from wtforms.validators import Optional

from portal.forms import options
from portal.models.enrolment import STATUS_LABELS
from portal.services.enrolment import workflow
from portal.services.enrolment.corrections import SECTIONS
from portal.services.core.document_types import REQUESTABLE
from portal.services.enrolment.queue import KIND_FILTERS, Filters

INVALID_DATE = "Cette date n'est pas valide : saisissez-la au format JJ/MM/AAAA."
DATES_INVERTED = "Cette date est antérieure à la date de début."


class DayField(DateField):
    """A date input (YYYY-MM-DD as browsers send it), with a French message."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(INVALID_DATE)


class QueueFilterForm(Form):
    """Read from request.args: the filters stay in the URL (bookmarks, back button, sharing)."""
    statut = SelectField("Statut", choices=options([("", "Tous les statuts")] +
                                                    list(STATUS_LABELS.items())),
                         validate_choice=False)
    type = SelectField("Type d'enrôlement", choices=options([("", "Tous les types")] +
                                                             list(KIND_FILTERS.items())),
                       validate_choice=False)
    du = DayField("Déposée à partir du", validators=[Optional()])
    au = DayField("Déposée jusqu'au", validators=[Optional()])
    page = IntegerField(validators=[Optional()])

    def filters(self) -> Filters:
        """The valid filters; an invalid one is left out (and its message shown)."""
        self.validate()
        if self.du.data and self.au.data and self.au.data < self.du.data:
            self.au.errors = [*self.au.errors, DATES_INVERTED]
        return Filters(status=self.statut.data if self.statut.data in STATUS_LABELS else "",
                       kind=self.type.data if self.type.data in KIND_FILTERS else "",
                       filed_from=self.du.data if not self.du.errors else None,
                       filed_to=self.au.data if not self.au.errors else None)

    @property
    def errors_by_field(self) -> dict:
        return {name: field.errors[0] for name, field in self._fields.items() if field.errors}

    @property
    def page_number(self) -> int:
        return self.page.data if not self.page.errors and self.page.data else 1


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

    comment = TextAreaField("Commentaire")
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
