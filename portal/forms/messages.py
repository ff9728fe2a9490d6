"""Forms of the instruction tools around a dossier (issue 18): a message (both sides), a private
note, the follow-up, and the actions on many dossiers of a queue. The rules are the services'
(portal.services.messaging)."""
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectField, SelectMultipleField, TextAreaField

from portal.forms import MaxLength, options
from portal.services.core import limits
from portal.services.core.document_types import REQUESTABLE
from portal.services.messaging.bulk import ACTIONS


class MessageForm(FlaskForm):
    class Meta:
        csrf = False  # CSRFProtect checks every POST

    body = TextAreaField("Votre message", validators=[MaxLength(limits.TEXT, "Votre message")])
    message_attachment_token = HiddenField()  # the file kept while the message is corrected


class NoteForm(FlaskForm):
    class Meta:
        csrf = False

    note = TextAreaField("Nouvelle note", validators=[MaxLength(limits.TEXT, "Votre note")])


class BulkForm(FlaskForm):
    """One action on the dossiers chosen in a queue (the boxes checked, or all the filter's)."""
    class Meta:
        csrf = False

    action = RadioField("Action sur les demandes sélectionnées", validate_choice=False)
    comment = TextAreaField("Message à l'opérateur",
                            validators=[MaxLength(limits.TEXT, "Votre message")])
    kinds = SelectMultipleField("Pièces attendues", validate_choice=False,
                                choices=options([(code, t.label) for code, t in REQUESTABLE.items()]))
    follower = SelectField("Gestionnaire qui suivra les demandes", validate_choice=False)


def bulk_form(kind: str, managers, formdata=None) -> BulkForm:
    form = BulkForm(formdata=formdata, prefix="lot")
    form.action.choices = options(ACTIONS[kind].items())
    form.follower.choices = options([("", "Choisissez un gestionnaire")]
                                    + [(str(m.id), m.full_name) for m in managers])
    return form
