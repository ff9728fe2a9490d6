"""« Ma demande de financement »: the advance's six mailbox counts. The checks are the service's
(portal.services.funding_requests)."""
from flask_wtf import FlaskForm
from wtforms import StringField

from portal.services.funding_requests import COUNT_LABELS


class AdvanceForm(FlaskForm):
    class Meta:
        csrf = False  # CSRFProtect checks every POST

    current_applicative = StringField(COUNT_LABELS["applicative"])
    current_organisational = StringField(COUNT_LABELS["organisational"])
    current_personal = StringField(COUNT_LABELS["personal"])
    closing_applicative = StringField(COUNT_LABELS["applicative"])
    closing_organisational = StringField(COUNT_LABELS["organisational"])
    closing_personal = StringField(COUNT_LABELS["personal"])
