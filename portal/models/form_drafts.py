"""What a signed-in operator typed in a long form and has not sent yet (services/core/autosave)."""
import json

from peewee import CharField, DateTimeField, ForeignKeyField, TextField

from portal.models.accounts import Account
from portal.models.base import BaseModel, utcnow


class FormDraft(BaseModel):
    """One pending row per (account, form): the raw values typed, unchecked."""
    account = ForeignKeyField(Account, on_delete="CASCADE")
    form = CharField()  # « persons », « bank_details », « complementary », « balance:ENR-… »
    data = TextField(default="{}")
    updated_at = DateTimeField(default=utcnow)

    @property
    def values(self) -> dict:
        return json.loads(self.data or "{}")

    class Meta:
        table_name = "form_draft"
        indexes = ((("account", "form"), True),)
