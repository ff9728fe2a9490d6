"""Uploaded documents (pièces justificatives), stored outside static/ under a random name."""
from peewee import CharField, ForeignKeyField, IntegerField

from portal.models.base import BaseModel
from portal.models.enrolment import Enrolment, EnrolmentDraft
from portal.models.funding import FundingRequest


class Document(BaseModel):
    kind = CharField(index=True)
    original_name = CharField()
    stored_name = CharField(unique=True)
    content_type = CharField()
    size = IntegerField()
    sha256 = CharField(max_length=64)
    draft = ForeignKeyField(EnrolmentDraft, null=True, backref="documents", on_delete="SET NULL")
    enrolment = ForeignKeyField(Enrolment, null=True, backref="documents", on_delete="CASCADE")
    funding_request = ForeignKeyField(FundingRequest, null=True, backref="documents",
                                      on_delete="CASCADE")
    # A piece a supplier adds to its JSON-filed request sent back to it (« Ajouter des pièces »,
    # migration 0030), not the request's until « Valider mon ajout de pièces »: deletable till then.
    pending_request = ForeignKeyField(FundingRequest, null=True, backref="pending_documents",
                                      on_delete="CASCADE")

    class Meta:
        table_name = "document"
