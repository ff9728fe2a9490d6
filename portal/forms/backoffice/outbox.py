"""The back-office outbox's filters (GET, in the URL)."""
from wtforms import Form, IntegerField, SearchField, SelectField
from wtforms.validators import Optional

from portal.forms import options
from portal.models.mail import OUTBOX_STATUS_LABELS


class OutboxFilterForm(Form):
    statut = SelectField("Statut d'envoi", choices=options([("", "Tous les statuts")] +
                                                           list(OUTBOX_STATUS_LABELS.items())),
                         validate_choice=False)
    q = SearchField("Destinataire ou objet contenant", filters=[lambda v: (v or "").strip()])
    page = IntegerField(validators=[Optional()])

    @property
    def page_number(self) -> int:
        self.page.validate(self)
        return self.page.data if not self.page.errors and self.page.data else 1
