"""The beneficiaries (« bénéficiaires finaux », ES/PS) of a request filed from a JSON (003 §5.2):
the identifier their corridor uses (FINESS, RPPS, AM number…) and their contact."""
from peewee import BooleanField, CharField, ForeignKeyField, IntegerField

from portal.models.base import BaseModel
from portal.models.funding import FundingRequest


class Beneficiary(BaseModel):
    request = ForeignKeyField(FundingRequest, backref="beneficiaries", on_delete="CASCADE")
    position = IntegerField(default=0)  # its order in the file
    identifier = CharField(index=True)  # as the corridor's check normalised it
    name = CharField()  # « Raison sociale » or « Nom »
    email = CharField(default="")
    phone = CharField(default="")
    matches_advance = BooleanField(null=True)  # a balance's beneficiary declared at the advance

    class Meta:
        table_name = "beneficiary"
        indexes = ((("request", "position"), True),)
